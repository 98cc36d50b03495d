package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.asset.AssetSelectionSyntaxException;

/**
 * The character level of {@link ExpressionParser}: a cursor over the expression, values (quoted or
 * not), words and keywords, and errors that point into the expression.
 */
abstract class Scanner {

  /** The expression. */
  final String s;

  /** Its length. */
  final int n;

  /** The index of the next character to read. */
  int pos;

  Scanner(String expression) {
    this.s = expression;
    this.n = expression.length();
  }

  // ---- values ----

  String readNonEmptyValue(String what, String label) {
    int start = skipWhitespaceFrom(pos);
    String value = readValue(label, false);
    if (value.isEmpty()) {
      throw error(start, "the " + what + " is empty", null);
    }
    return value;
  }

  /**
   * Reads a quoted or unquoted value after {@code label} (such as {@code owner:}). In a key value,
   * {@code *} is a wildcard and belongs to the value.
   */
  String readValue(String label, boolean key) {
    skipWhitespace();
    int start = pos;
    if (atEnd()) {
      throw error(pos, "expected a value after '" + label + "'", null);
    }
    char c = peek();
    if (c == '"') {
      return readQuoted();
    }
    if (!isValueChar(c) && !(key && c == '*')) {
      throw error(
          pos,
          "expected a value after '" + label + "', found " + SyntaxErrors.describe(c),
          isStructural(c) ? null : quoteHint(label, start, key));
    }
    pos = valueRunEnd(pos, key);
    if (!atEnd()) {
      char next = peek();
      // A ',' ends the value: the user was listing selections, which the caller reports.
      if (!Character.isWhitespace(next) && !isStructural(next) && next != ',') {
        throw error(
            pos,
            SyntaxErrors.describe(next) + " cannot appear in an unquoted value",
            quoteHint(label, start, key));
      }
    }
    return s.substring(start, pos);
  }

  /** Suggests the quoted form of the value the user was probably writing from {@code start}. */
  String quoteHint(String label, int start, boolean key) {
    int end = start;
    while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ')') {
      end++;
    }
    String intended = s.substring(start, end);
    if (!key && intended.endsWith("+")) {
      intended = intended.substring(0, intended.length() - 1);
    }
    return "quote the value: " + label + ExpressionRenderer.quote(intended);
  }

  String readQuoted() {
    int open = pos;
    pos++;
    StringBuilder value = null;
    int chunk = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '"') {
        String text =
            value == null ? s.substring(chunk, pos) : value.append(s, chunk, pos).toString();
        pos++;
        return text;
      }
      if (c == '\\') {
        char escaped = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (escaped != '"' && escaped != '\\') {
          throw error(
              pos,
              pos + 1 < n
                  ? "unsupported escape '\\" + escaped + "'"
                  : "a quoted value cannot end with '\\'",
              "inside quotes, write \\\" for a quote and \\\\ for a backslash");
        }
        if (value == null) {
          value = new StringBuilder();
        }
        value.append(s, chunk, pos).append(escaped);
        pos += 2;
        chunk = pos;
        continue;
      }
      pos++;
    }
    throw error(open, "the quoted value is not closed", "end it with '\"'");
  }

  AssetSelectionSyntaxException error(int position, String reason, String hint) {
    return SyntaxErrors.at(s, position, reason, hint);
  }

  // ---- characters ----

  boolean atEnd() {
    return pos >= n;
  }

  /** Returns the current character, or 0 at the end. */
  char peek() {
    return pos < n ? s.charAt(pos) : 0;
  }

  void skipWhitespace() {
    pos = skipWhitespaceFrom(pos);
  }

  int skipWhitespaceFrom(int from) {
    int i = from;
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Whether the word at {@code at} is {@code keyword} in lower or upper case, as in Dagster. */
  boolean keywordAt(int at, String keyword) {
    int end = at + keyword.length();
    if (end > n || (end < n && isValueChar(s.charAt(end)))) {
      return false;
    }
    return s.startsWith(keyword, at) || s.startsWith(keyword.toUpperCase(), at);
  }

  static boolean isKeyword(String word) {
    return switch (word) {
      case "and", "AND", "or", "OR", "not", "NOT" -> true;
      default -> false;
    };
  }

  int wordEnd(int from) {
    return valueRunEnd(from, false);
  }

  int valueRunEnd(int from, boolean withStars) {
    int i = from;
    while (i < n && (isValueChar(s.charAt(i)) || (withStars && s.charAt(i) == '*'))) {
      i++;
    }
    return i;
  }

  int digitsEnd(int from) {
    int i = from;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Characters that may follow an unquoted value without quoting it. */
  static boolean isStructural(char c) {
    return c == ')' || c == '(' || c == '+' || c == '*' || c == '=' || c == '"';
  }

  /** Characters of unquoted values: letters, digits, '_', '-', '.' and '/'. */
  static boolean isValueChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
  }
}
