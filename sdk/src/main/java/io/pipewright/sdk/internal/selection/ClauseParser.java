package io.pipewright.sdk.internal.selection;

/**
 * Parses one clause of an op selection, or describes why it cannot.
 *
 * <p>Grammar (after trimming surrounding whitespace): {@code [*][+...] name [+...][*]}, or {@code
 * *} alone. Like Dagster, {@code *+name} is accepted (the {@code *} wins) while {@code +*name} is
 * not; mirrored, {@code name+*} is accepted and {@code name*+} is not. A hand-written scanner
 * instead of a regex lets every error point at the offending character.
 */
final class ClauseParser {

  /** The last line of every syntax error: the forms a clause may take. */
  static final String FORMS = "Use name, +name, *name, name+, name* or combinations like *name+.";

  private static final String NAME_CHARS =
      "op names may contain only letters, digits, '_', '-' and '.'";

  private ClauseParser() {}

  /**
   * Parses {@code raw}, the clause at {@code index} of {@code count}.
   *
   * @return the clause, or null after appending a description of the problem to {@code errors}
   */
  static SelectionClause parse(String raw, int index, int count, StringBuilder errors) {
    if (raw == null) {
      errors
          .append("Invalid op selection: clause ")
          .append(index + 1)
          .append(" of ")
          .append(count)
          .append(" is null; write an op name or remove the clause.\n");
      return null;
    }
    String s = raw.strip();
    if (s.isEmpty()) {
      errors
          .append("Invalid op selection \"")
          .append(printable(raw))
          .append("\": clause ")
          .append(index + 1)
          .append(" of ")
          .append(count)
          .append(" is blank; write an op name or remove the clause.\n");
      return null;
    }
    if (s.equals("*")) {
      return SelectionClause.EVERY_OP;
    }
    int n = s.length();
    int i = 0;
    boolean upStar = s.charAt(0) == '*';
    if (upStar) {
      i++;
    }
    int upPluses = 0;
    while (i < n && s.charAt(i) == '+') {
      upPluses++;
      i++;
    }
    if (i < n && s.charAt(i) == '*') {
      return fail(
          errors,
          s,
          i,
          upStar ? "'*' can appear only once before the op name" : "'*' cannot follow '+'",
          null);
    }
    int nameStart = i;
    while (i < n && isNameChar(s.charAt(i))) {
      i++;
    }
    if (i == nameStart) {
      if (i == n) {
        return fail(errors, s, i, "the op name is missing", null);
      }
      return fail(errors, s, i, "illegal character " + describe(s.charAt(i)), NAME_CHARS);
    }
    String name = s.substring(nameStart, i);
    int downPluses = 0;
    while (i < n && s.charAt(i) == '+') {
      downPluses++;
      i++;
    }
    boolean downStar = i < n && s.charAt(i) == '*';
    if (downStar) {
      i++;
    }
    if (i < n) {
      char c = s.charAt(i);
      if (c == '*') {
        return fail(errors, s, i, "'*' can appear only once after the op name", null);
      }
      if (c == '+') {
        return fail(errors, s, i, "'+' cannot follow '*'", null);
      }
      if (isNameChar(c)) {
        return fail(
            errors,
            s,
            i,
            "unexpected " + describe(c) + " after '" + s.charAt(i - 1) + "'",
            "'+' and '*' may only come before or after the op name;"
                + " select other ops with separate clauses");
      }
      return fail(errors, s, i, "illegal character " + describe(c), NAME_CHARS);
    }
    int up = upStar ? SelectionClause.ALL : upPluses;
    int down = downStar ? SelectionClause.ALL : downPluses;
    return new SelectionClause(name, up, down);
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  /** Appends the message block: header, the clause, a caret under {@code position}. */
  private static SelectionClause fail(
      StringBuilder errors, String clause, int position, String reason, String hint) {
    String shown = printable(clause);
    errors
        .append("Invalid op selection \"")
        .append(shown)
        .append("\": ")
        .append(reason)
        .append(" (at position ")
        .append(position)
        .append(')');
    if (hint != null) {
      errors.append("; ").append(hint);
    }
    errors.append("\n  ").append(shown).append("\n  ");
    errors.append(" ".repeat(position)).append("^\n");
    return null;
  }

  /** Names a character so that invisible ones (space, tab) are still recognisable. */
  private static String describe(char c) {
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
  private static String printable(String s) {
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
