package io.pipewright.sdk.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every syntax error of {@link AssetSelection#parse(String)}, word for word. */
class AssetSelectionErrorsTest {

  private static final String SYNTAX =
      "Write filters such as key:a/b, key:raw_*, group:g, tag:k, tag:k=v, kind:k or"
          + " owner:\"team:data\" (quote values with other characters); add neighbours with +x,"
          + " 2+x, x+, x+2, *x or x*; combine with and, or, not and parentheses; * alone selects"
          + " every asset.";
  private static final String COMBINE =
      "combine selections with 'and' or 'or', e.g. key:a or key:b";
  private static final String ATTRIBUTES = "filter with key:, group:, tag:, kind: or owner:";

  /** The whole message of a syntax error; the hint follows the position. */
  private static String message(String expression, String reason, int position, String hint) {
    return "Invalid asset selection \""
        + expression
        + "\": "
        + reason
        + " (at position "
        + position
        + ")"
        + (hint == null ? "" : "; " + hint)
        + "\n  "
        + expression
        + "\n  "
        + " ".repeat(position)
        + "^\n"
        + SYNTAX;
  }

  static Stream<Arguments> malformedExpressions() {
    return Stream.of(
        // empty input and missing operands
        Arguments.of(
            "",
            "the expression is empty",
            0,
            "write a selection such as key:a/b, or * to select every asset"),
        Arguments.of(
            "   ",
            "the expression is blank",
            3,
            "write a selection such as key:a/b, or * to select every asset"),
        Arguments.of("key:a and", "expected a selection after 'and'", 9, null),
        Arguments.of("key:a OR ", "expected a selection after 'OR'", 9, null),
        Arguments.of("not", "expected a selection after 'not'", 3, null),
        Arguments.of(
            "key:a and or key:b", "expected a selection after 'and', found 'or'", 10, null),
        Arguments.of("AND", "expected a selection, found 'AND'", 0, null),
        Arguments.of("#", "expected a selection, found '#'", 0, null),
        Arguments.of("key:a or ,", "expected a selection after 'or', found ','", 9, COMBINE),
        // operands without operator, parentheses
        Arguments.of(
            "key:a key:b",
            "expected 'and', 'or' or the end of the expression, found 'key'",
            6,
            COMBINE),
        Arguments.of(
            "key:a, key:b",
            "expected 'and', 'or' or the end of the expression, found ','",
            5,
            COMBINE),
        Arguments.of(
            "a +b", "expected 'and', 'or' or the end of the expression, found 'b'", 3, COMBINE),
        Arguments.of(
            "a # b", "expected 'and', 'or' or the end of the expression, found '#'", 2, null),
        Arguments.of("(key:a", "expected ')' to close the '(' at position 0", 6, null),
        Arguments.of("key:a)", "unmatched ')'", 5, "remove it or add the matching '('"),
        Arguments.of("( )", "expected a selection inside the parentheses", 2, null),
        Arguments.of("(key:a key:b)", "expected 'and', 'or' or ')', found 'key'", 7, COMBINE),
        // attributes
        Arguments.of(
            "grp:finance", "unknown attribute 'grp'", 0, "did you mean 'group:'? " + ATTRIBUTES),
        Arguments.of("color:red", "unknown attribute 'color'", 0, ATTRIBUTES),
        Arguments.of(
            "kind:sql and status:MISSING",
            "the attribute 'status' is not supported",
            13,
            ATTRIBUTES),
        Arguments.of(
            "sinks(key:a)",
            "the function sinks() is not supported",
            0,
            "select with filters, traversals, and, or and not"),
        // values
        Arguments.of("key:", "expected a value after 'key:'", 4, null),
        Arguments.of("group:)", "expected a value after 'group:', found ')'", 6, null),
        Arguments.of(
            "owner:@bob",
            "expected a value after 'owner:', found '@'",
            6,
            "quote the value: owner:\"@bob\""),
        Arguments.of(
            "owner:team:data",
            "':' cannot appear in an unquoted value",
            10,
            "quote the value: owner:\"team:data\""),
        Arguments.of(
            "owner:alice@x.com or kind:sql",
            "'@' cannot appear in an unquoted value",
            11,
            "quote the value: owner:\"alice@x.com\""),
        Arguments.of(
            "(group:a&b)",
            "'&' cannot appear in an unquoted value",
            8,
            "quote the value: group:\"a&b\""),
        Arguments.of("key:\"a", "the quoted value is not closed", 4, "end it with '\"'"),
        Arguments.of(
            "key:\"a\\x\"",
            "unsupported escape '\\x'",
            6,
            "inside quotes, write \\\" for a quote and \\\\ for a backslash"),
        Arguments.of("key:\"\"", "the asset key is empty", 4, "write a key such as key:a/b"),
        Arguments.of(
            "key:a//b",
            "\"a//b\" is not a valid asset key",
            4,
            "write non-empty parts separated by single '/', e.g. warehouse/orders"),
        Arguments.of(
            "\"a/\"",
            "\"a/\" is not a valid asset key",
            0,
            "write non-empty parts separated by single '/', e.g. warehouse/orders"),
        Arguments.of("group:\"\"", "the group is empty", 6, null),
        Arguments.of("tag:=x", "expected a value after 'tag:', found '='", 4, null),
        Arguments.of("group:a=b", "'=' can follow only a tag key", 7, "write tag:key=value"),
        Arguments.of("tag:k=", "expected a value after 'tag:k='", 6, null),
        Arguments.of(
            "tag:k=a=b",
            "a tag value cannot contain an unquoted '='",
            7,
            "quote the value: tag:k=\"a=b\""),
        Arguments.of("raw_*_x", "a '*' wildcard needs the key: attribute", 4, "write key:raw_*_x"),
        // traversals
        Arguments.of("**key:a", "'*' can appear only once before a selection", 1, null),
        Arguments.of(
            "*+key:a",
            "'+' cannot follow '*'",
            1,
            "write *x for every level upstream, or N+x for N levels"),
        Arguments.of("+*key:a", "'*' cannot follow '+'", 1, "write *x or x* for every level"),
        Arguments.of(
            "+ *key:a",
            "'*' cannot follow '+'",
            2,
            "'*' alone selects every asset and cannot be traversed"),
        Arguments.of("key:\"a\"**", "'*' can appear only once after a selection", 8, null),
        Arguments.of(
            "key:\"a\"*+",
            "'+' cannot follow '*'",
            8,
            "write x* for every level downstream, or x+N for N levels"),
        Arguments.of("key:a+*", "'*' cannot follow '+'", 6, "write *x or x* for every level"),
        Arguments.of(
            "2++key:a",
            "'+' cannot follow a depth",
            2,
            "write either N+x or a run of '+' such as ++x"),
        Arguments.of(
            "key:a++2", "a depth can follow only a single '+'", 7, "write either x+N or x++"),
        Arguments.of(
            "key:a+2+",
            "'+' cannot follow a depth",
            7,
            "write either x+N or a run of '+' such as x++"),
        Arguments.of(
            "0+key:a",
            "the depth must be at least 1",
            0,
            "drop the '+' to select only the selection itself"),
        Arguments.of(
            "key:a+0",
            "the depth must be at least 1",
            6,
            "drop the '+' to select only the selection itself"),
        Arguments.of(
            "1234567+key:a", "the depth 1234567 is too large", 0, "write * for every level"),
        Arguments.of("+", "expected a selection after '+'", 1, null),
        Arguments.of("2+", "expected a selection after '2+'", 2, null),
        Arguments.of(
            "+not key:a",
            "expected a selection after '+', found 'not'",
            1,
            "a traversal applies to a filter or a parenthesized selection, e.g. +(not x)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedExpressions")
  void shouldQuoteTheExpressionAndPointAtTheProblemWhenTheExpressionIsMalformed(
      String expression, String reason, int position, String hint) {
    AssetSelectionSyntaxException error =
        catchThrowableOfType(
            () -> AssetSelection.parse(expression), AssetSelectionSyntaxException.class);

    assertThat(error).isInstanceOf(IllegalArgumentException.class);
    assertThat(error.getMessage()).isEqualTo(message(expression, reason, position, hint));
    assertThat(error.position()).isEqualTo(position);
    assertThat(error.expression()).isEqualTo(expression);
  }

  @Test
  void shouldKeepTheCaretUnderTheProblemWhenTheExpressionHasControlCharacters() {
    AssetSelectionSyntaxException error =
        catchThrowableOfType(
            () -> AssetSelection.parse("key:a\tand\n#"), AssetSelectionSyntaxException.class);

    assertThat(error.getMessage())
        .isEqualTo(message("key:a?and?#", "expected a selection after 'and', found '#'", 10, null));
    assertThat(error.expression()).isEqualTo("key:a\tand\n#");
  }

  @Test
  void shouldRejectExpressionsThatNestTooDeeplyWhenParenthesesPassTheLimit() {
    String expression = "(".repeat(101) + "a" + ")".repeat(101);

    assertThatThrownBy(() -> AssetSelection.parse(expression))
        .isInstanceOf(AssetSelectionSyntaxException.class)
        .hasMessageStartingWith("Invalid asset selection \"" + expression + "\": ")
        .hasMessageContaining(
            "the expression nests parentheses and 'not' more than 100 levels deep"
                + " (at position 100); simplify the expression");
  }

  @Test
  void shouldRejectExpressionsThatNestTooDeeplyWhenNotIsRepeated() {
    String expression = "not ".repeat(101) + "a";

    AssetSelectionSyntaxException error =
        catchThrowableOfType(
            () -> AssetSelection.parse(expression), AssetSelectionSyntaxException.class);

    assertThat(error.position()).isEqualTo(400);
  }

  @Test
  void shouldAcceptTheDeepestAllowedNestingWhenItIsExactlyAtTheLimit() {
    String expression = "(".repeat(100) + "a" + ")".repeat(100);

    assertThat(AssetSelection.parse(expression)).isEqualTo(AssetSelection.parse("a"));
  }

  @Test
  void shouldThrowNullPointerExceptionWhenTheExpressionIsNull() {
    assertThatThrownBy(() -> AssetSelection.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("expression must not be null");
  }
}
