package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.asset.AssetSelectionSyntaxException;
import io.pipewright.sdk.internal.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses Dagster's asset selection syntax into a {@link SelectionNode} tree.
 *
 * <p>Grammar (whitespace may separate any two tokens, except inside a depth such as {@code 2+}):
 *
 * <pre>
 * expression := or
 * or         := and ( ("or" | "OR") and )*
 * and        := not ( ("and" | "AND") not )*
 * not        := ("not" | "NOT") not | traversal | "*"
 * traversal  := up? primary down?
 * up         := "*" | DIGITS "+" | "+"+
 * down       := "*" | "+" DIGITS | "+"+
 * primary    := attribute ":" value | "tag" ":" value ("=" value)? | key | "(" expression ")"
 * </pre>
 *
 * <p>The parser is hand-written recursive descent working on characters (through {@link Scanner})
 * rather than on a token stream, because what a character means depends on where it is: {@code *}
 * is a wildcard inside a {@code key:} value, a traversal before or after a selection, and "every
 * asset" on its own. This also lets every error point at the offending character.
 */
public final class ExpressionParser extends Scanner {

  /** How deeply parentheses and {@code not} may nest; deeper input would only exhaust the stack. */
  static final int MAX_NESTING = 100;

  /** The attributes a selection can filter on. */
  static final List<String> ATTRIBUTES = List.of("key", "group", "tag", "kind", "owner");

  /** Attributes of Dagster's syntax that Pipewright does not (yet) know. */
  private static final Set<String> UNSUPPORTED_ATTRIBUTES =
      Set.of(
          "code_location",
          "status",
          "column",
          "columns",
          "table_name",
          "column_tag",
          "changed_in_branch",
          "is",
          "partitions",
          "automation_type",
          "sensor",
          "schedule",
          "job",
          "key_substring",
          "not_materialized_in_hours");

  private static final String ATTRIBUTE_HINT = "filter with key:, group:, tag:, kind: or owner:";
  private static final String COMBINE_HINT =
      "combine selections with 'and' or 'or', e.g. key:a or key:b";

  private int nesting;

  private ExpressionParser(String expression) {
    super(expression);
  }

  /**
   * Parses {@code expression}.
   *
   * @param expression the selection expression
   * @return the normalised tree
   * @throws AssetSelectionSyntaxException if the expression is not well formed
   * @throws NullPointerException if {@code expression} is null
   */
  public static SelectionNode parse(String expression) {
    Objects.requireNonNull(expression, "expression must not be null");
    ExpressionParser parser = new ExpressionParser(expression);
    parser.skipWhitespace();
    if (parser.atEnd()) {
      throw SyntaxErrors.at(
          expression,
          parser.pos,
          expression.isEmpty() ? "the expression is empty" : "the expression is blank",
          "write a selection such as key:a/b, or * to select every asset");
    }
    SelectionNode node = parser.parseOr(null);
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.unexpectedAfterSelection(false);
    }
    return node;
  }

  // ---- operators ----

  private SelectionNode parseOr(String after) {
    SelectionNode first = parseAnd(after);
    List<SelectionNode> operands = null;
    while (true) {
      skipWhitespace();
      if (!keywordAt(pos, "or")) {
        break;
      }
      String keyword = s.substring(pos, pos + 2);
      pos += 2;
      SelectionNode next = parseAnd("'" + keyword + "'");
      if (operands == null) {
        operands = new ArrayList<>(4);
        operands.add(first);
      }
      operands.add(next);
    }
    return operands == null ? first : SelectionNode.or(operands);
  }

  private SelectionNode parseAnd(String after) {
    SelectionNode first = parseNot(after);
    List<SelectionNode> operands = null;
    while (true) {
      skipWhitespace();
      if (!keywordAt(pos, "and")) {
        break;
      }
      String keyword = s.substring(pos, pos + 3);
      pos += 3;
      SelectionNode next = parseNot("'" + keyword + "'");
      if (operands == null) {
        operands = new ArrayList<>(4);
        operands.add(first);
      }
      operands.add(next);
    }
    return operands == null ? first : SelectionNode.and(operands);
  }

  private SelectionNode parseNot(String after) {
    skipWhitespace();
    if (keywordAt(pos, "not")) {
      String keyword = s.substring(pos, pos + 3);
      enter(pos);
      pos += 3;
      SelectionNode operand = parseNot("'" + keyword + "'");
      nesting--;
      return new SelectionNode.Not(operand);
    }
    return parseTraversal(after);
  }

  // ---- traversals ----

  private SelectionNode parseTraversal(String after) {
    skipWhitespace();
    int start = pos;
    int up = 0;
    if (peek() == '*') {
      int next = skipWhitespaceFrom(pos + 1);
      if (next == n
          || s.charAt(next) == ')'
          || keywordAt(next, "and")
          || keywordAt(next, "or")
          || keywordAt(next, "not")) {
        pos++;
        return new SelectionNode.All();
      }
      if (s.charAt(next) == '*') {
        throw error(next, "'*' can appear only once before a selection", null);
      }
      if (s.charAt(next) == '+') {
        throw error(
            next,
            "'+' cannot follow '*'",
            "write *x for every level upstream, or N+x for N levels");
      }
      pos++;
      up = SelectionNode.ALL_LEVELS;
    } else if (peek() == '+') {
      while (peek() == '+') {
        pos++;
      }
      up = pos - start;
      rejectStarAfterPlus();
    } else if (isDigit(peek())) {
      int digitsEnd = digitsEnd(pos);
      if (digitsEnd < n && s.charAt(digitsEnd) == '+' && wordEnd(pos) == digitsEnd) {
        up = parseDepth(pos, digitsEnd);
        pos = digitsEnd + 1;
        if (peek() == '+') {
          throw error(
              pos, "'+' cannot follow a depth", "write either N+x or a run of '+' such as ++x");
        }
        rejectStarAfterPlus();
      }
    }
    SelectionNode operand =
        up == 0 ? parsePrimary(after, false) : parsePrimary("'" + up(start) + "'", true);
    int down = parseDownTraversal();
    return up == 0 && down == 0 ? operand : new SelectionNode.Traverse(operand, up, down);
  }

  private String up(int start) {
    return s.substring(start, pos).strip();
  }

  private int parseDownTraversal() {
    int save = pos;
    skipWhitespace();
    char c = peek();
    if (c == '*') {
      pos++;
      if (peek() == '*') {
        throw error(pos, "'*' can appear only once after a selection", null);
      }
      if (peek() == '+') {
        throw error(
            pos,
            "'+' cannot follow '*'",
            "write x* for every level downstream, or x+N for N levels");
      }
      return SelectionNode.ALL_LEVELS;
    }
    if (c != '+') {
      pos = save;
      return 0;
    }
    int start = pos;
    while (peek() == '+') {
      pos++;
    }
    int pluses = pos - start;
    int depth = pluses;
    if (isDigit(peek()) && wordEnd(pos) == digitsEnd(pos)) {
      if (pluses > 1) {
        throw error(pos, "a depth can follow only a single '+'", "write either x+N or x++");
      }
      int digitsEnd = digitsEnd(pos);
      depth = parseDepth(pos, digitsEnd);
      pos = digitsEnd;
      if (peek() == '+') {
        throw error(
            pos, "'+' cannot follow a depth", "write either x+N or a run of '+' such as x++");
      }
    }
    rejectStarAfterPlus();
    return depth;
  }

  private void rejectStarAfterPlus() {
    if (peek() == '*') {
      throw error(pos, "'*' cannot follow '+'", "write *x or x* for every level");
    }
  }

  private int parseDepth(int start, int end) {
    if (end - start > 6) {
      throw error(
          start,
          "the depth " + s.substring(start, end) + " is too large",
          "write * for every level");
    }
    int depth = Integer.parseInt(s, start, end, 10);
    if (depth == 0) {
      throw error(
          start,
          "the depth must be at least 1",
          "drop the '+' to select only the selection itself");
    }
    return depth;
  }

  // ---- primaries ----

  private SelectionNode parsePrimary(String after, boolean traversed) {
    skipWhitespace();
    int start = pos;
    String afterText = after == null ? "" : " after " + after;
    if (atEnd()) {
      throw error(pos, "expected a selection" + afterText, null);
    }
    char c = peek();
    if (c == '(') {
      enter(start);
      pos++;
      skipWhitespace();
      if (peek() == ')') {
        throw error(pos, "expected a selection inside the parentheses", null);
      }
      SelectionNode inner = parseOr("'('");
      skipWhitespace();
      if (atEnd()) {
        throw error(pos, "expected ')' to close the '(' at position " + start, null);
      }
      if (peek() != ')') {
        throw unexpectedAfterSelection(true);
      }
      pos++;
      nesting--;
      return inner;
    }
    if (c == '"') {
      String value = readQuoted();
      return keyNode(value, start);
    }
    if (isValueChar(c)) {
      int end = wordEnd(pos);
      String word = s.substring(pos, end);
      if (end < n && s.charAt(end) == ':') {
        return parseAttribute(word, start, end);
      }
      if (isKeyword(word)) {
        throw error(
            start,
            "expected a selection" + afterText + ", found '" + word + "'",
            traversed && word.equalsIgnoreCase("not")
                ? "a traversal applies to a filter or a parenthesized selection, e.g. +(not x)"
                : null);
      }
      if (end < n && s.charAt(end) == '(' && (word.equals("sinks") || word.equals("roots"))) {
        throw error(
            start,
            "the function " + word + "() is not supported",
            "select with filters, traversals, and, or and not");
      }
      if (end + 1 < n && s.charAt(end) == '*' && isValueChar(s.charAt(end + 1))) {
        throw error(
            end,
            "a '*' wildcard needs the key: attribute",
            "write key:" + s.substring(start, valueRunEnd(end, true)));
      }
      pos = end;
      return keyNode(word, start);
    }
    if (c == '*' && traversed) {
      throw error(
          pos,
          "'*' cannot follow " + after,
          "'*' alone selects every asset and cannot be traversed");
    }
    throw error(
        pos,
        "expected a selection" + afterText + ", found " + SyntaxErrors.describe(c),
        c == ',' ? COMBINE_HINT : null);
  }

  private SelectionNode parseAttribute(String attribute, int start, int colon) {
    pos = colon + 1;
    SelectionNode node;
    switch (attribute) {
      case "key" -> {
        int valueStart = skipWhitespaceFrom(pos);
        node = keyNode(readValue("key:", true), valueStart);
      }
      case "group" -> node = new SelectionNode.Group(readNonEmptyValue("group", "group:"));
      case "kind" -> node = new SelectionNode.Kind(readNonEmptyValue("kind", "kind:"));
      case "owner" -> node = new SelectionNode.Owner(readNonEmptyValue("owner", "owner:"));
      case "tag" -> {
        String key = readNonEmptyValue("tag key", "tag:");
        int save = pos;
        skipWhitespace();
        if (peek() == '=') {
          pos++;
          String label = "tag:" + ExpressionRenderer.value(key) + "=";
          int valueStart = skipWhitespaceFrom(pos);
          String value = readValue(label, false);
          if (peek() == '=') {
            throw error(
                pos,
                "a tag value cannot contain an unquoted '='",
                quoteHint(label, valueStart, false));
          }
          return new SelectionNode.Tag(key, value);
        }
        pos = save;
        return new SelectionNode.Tag(key, null);
      }
      default -> throw unknownAttribute(attribute, start);
    }
    if (peek() == '=') {
      throw error(pos, "'=' can follow only a tag key", "write tag:key=value");
    }
    return node;
  }

  private AssetSelectionSyntaxException unknownAttribute(String attribute, int start) {
    if (UNSUPPORTED_ATTRIBUTES.contains(attribute)) {
      return error(start, "the attribute '" + attribute + "' is not supported", ATTRIBUTE_HINT);
    }
    // Attribute names are few and short, so two edits (grp, own) are still a confident guess.
    String suggestion = Suggestions.closest(attribute, ATTRIBUTES, 2);
    return error(
        start,
        "unknown attribute '" + attribute + "'",
        suggestion == null
            ? ATTRIBUTE_HINT
            : "did you mean '" + suggestion + ":'? " + ATTRIBUTE_HINT);
  }

  private SelectionNode keyNode(String value, int start) {
    if (value.isEmpty()) {
      throw error(start, "the asset key is empty", "write a key such as key:a/b");
    }
    if (value.indexOf('*') >= 0) {
      return new SelectionNode.KeyPattern(value);
    }
    try {
      return new SelectionNode.Key(AssetKey.fromUserString(value));
    } catch (IllegalArgumentException e) {
      throw error(
          start,
          "\"" + value + "\" is not a valid asset key",
          "write non-empty parts separated by single '/', e.g. warehouse/orders");
    }
  }

  // ---- errors ----

  private AssetSelectionSyntaxException unexpectedAfterSelection(boolean insideParentheses) {
    char c = peek();
    String expected =
        insideParentheses ? "'and', 'or' or ')'" : "'and', 'or' or the end of the expression";
    if (c == ')') {
      return error(pos, "unmatched ')'", "remove it or add the matching '('");
    }
    String found;
    String hint = null;
    if (isValueChar(c)) {
      found = "'" + s.substring(pos, wordEnd(pos)) + "'";
      hint = COMBINE_HINT;
    } else {
      found = SyntaxErrors.describe(c);
      if (c == ',' || c == '(' || c == '"') {
        hint = COMBINE_HINT;
      }
    }
    return error(pos, "expected " + expected + ", found " + found, hint);
  }

  private void enter(int position) {
    if (++nesting > MAX_NESTING) {
      throw error(
          position,
          "the expression nests parentheses and 'not' more than " + MAX_NESTING + " levels deep",
          "simplify the expression");
    }
  }
}
