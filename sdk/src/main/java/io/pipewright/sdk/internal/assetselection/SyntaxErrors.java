package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.asset.AssetSelectionSyntaxException;

/**
 * Formats asset selection syntax errors in the style of op selection errors: the expression quoted,
 * the problem and its position, a hint, a caret line, and a reminder of the syntax.
 */
final class SyntaxErrors {

  /** The last line of every syntax error: the forms an expression may take. */
  static final String SYNTAX =
      "Write filters such as key:a/b, key:raw_*, group:g, tag:k, tag:k=v, kind:k or"
          + " owner:\"team:data\" (quote values with other characters); add neighbours with +x,"
          + " 2+x, x+, x+2, *x or x*; combine with and, or, not and parentheses; * alone selects"
          + " every asset.";

  private SyntaxErrors() {}

  /**
   * Builds the exception for a problem at {@code position} of {@code expression}.
   *
   * @param hint how to fix it, or null
   */
  static AssetSelectionSyntaxException at(
      String expression, int position, String reason, String hint) {
    String shown = printable(expression);
    StringBuilder message = new StringBuilder(2 * shown.length() + reason.length() + 300);
    message
        .append("Invalid asset selection \"")
        .append(shown)
        .append("\": ")
        .append(reason)
        .append(" (at position ")
        .append(position)
        .append(')');
    if (hint != null) {
      message.append("; ").append(hint);
    }
    message.append("\n  ").append(shown).append("\n  ");
    message.append(" ".repeat(position)).append("^\n").append(SYNTAX);
    return new AssetSelectionSyntaxException(message.toString(), expression, position);
  }

  /** Names a character so that invisible ones (space, tab) are still recognisable. */
  static String describe(char c) {
    if (c == ' ') {
      return "' ' (a space)";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c) || !isVisible(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static boolean isVisible(char c) {
    int type = Character.getType(c);
    return type != Character.UNASSIGNED
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE;
  }

  /**
   * Replaces control characters one for one, so the message stays on its lines and the caret stays
   * under the character it points at.
   */
  static String printable(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        if (out == null) {
          out = new StringBuilder(s);
        }
        out.setCharAt(i, '?');
      }
    }
    return out == null ? s : out.toString();
  }
}
