package io.pipewright.sdk.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing into the same tree as the factories, rendering back, equality. */
class AssetSelectionParseTest {

  private static final AssetSelection A = AssetSelection.keys(AssetKey.of("a"));
  private static final AssetSelection B = AssetSelection.keys(AssetKey.of("b"));
  private static final AssetSelection C = AssetSelection.keys(AssetKey.of("c"));
  private static final AssetSelection AB = AssetSelection.keys(AssetKey.of("a", "b"));

  static Stream<Arguments> equivalentForms() {
    return Stream.of(
        // keys: attribute or bare, quoted or not
        Arguments.of("key:a/b", AB),
        Arguments.of("key:\"a/b\"", AB),
        Arguments.of("a/b", AB),
        Arguments.of("\"a/b\"", AB),
        Arguments.of("key: a/b", AB),
        Arguments.of("  a/b  ", AB),
        Arguments.of("key:\"a b/c-d.e\"", AssetSelection.keys(AssetKey.of("a b", "c-d.e"))),
        Arguments.of("key:\"q\\\"uote\\\\\"", AssetSelection.keys(AssetKey.of("q\"uote\\"))),
        Arguments.of("123", AssetSelection.keys(AssetKey.of("123"))),
        Arguments.of("sinks", AssetSelection.keys(AssetKey.of("sinks"))),
        Arguments.of("key:a or key:b", AssetSelection.keys(AssetKey.of("a"), AssetKey.of("b"))),
        // other filters
        Arguments.of("group:finance", AssetSelection.groups("finance")),
        Arguments.of("group:\"finance\"", AssetSelection.groups("finance")),
        Arguments.of("group:a or group:b", AssetSelection.groups("a", "b")),
        Arguments.of("tag:pii", AssetSelection.tag("pii")),
        Arguments.of("tag:tier=gold", AssetSelection.tag("tier", "gold")),
        Arguments.of("tag:\"tier\" = \"gold\"", AssetSelection.tag("tier", "gold")),
        Arguments.of("tag:dagster/priority=1", AssetSelection.tag("dagster/priority", "1")),
        Arguments.of("tag:pii=\"\"", AssetSelection.tag("pii", "")),
        Arguments.of("kind:sql", AssetSelection.kind("sql")),
        Arguments.of("kind:and", AssetSelection.kind("and")),
        Arguments.of("owner:\"team:data\"", AssetSelection.owner("team:data")),
        Arguments.of("owner:\"alice@x.com\"", AssetSelection.owner("alice@x.com")),
        Arguments.of("owner:alice", AssetSelection.owner("alice")),
        // traversals
        Arguments.of("+a", A.upstream(1)),
        Arguments.of("+ a", A.upstream(1)),
        Arguments.of("2+a", A.upstream(2)),
        Arguments.of("++a", A.upstream(2)),
        Arguments.of("+++a", A.upstream(3)),
        Arguments.of("*a", A.upstream()),
        Arguments.of("*key:a", A.upstream()),
        Arguments.of("a+", A.downstream(1)),
        Arguments.of("a+3", A.downstream(3)),
        Arguments.of("a +3", A.downstream(3)),
        Arguments.of("a+++", A.downstream(3)),
        Arguments.of("a*", A.downstream()),
        Arguments.of("key:\"a\"*", A.downstream()),
        Arguments.of("(key:a)*", A.downstream()),
        Arguments.of("group:g*", AssetSelection.groups("g").downstream()),
        Arguments.of("+(a or b)", A.or(B).upstream(1)),
        Arguments.of("(+a)+", A.upstream(1).downstream(1)),
        Arguments.of("+(*)", AssetSelection.all().upstream(1)),
        // operators, precedence, case
        Arguments.of("*", AssetSelection.all()),
        Arguments.of("(*)", AssetSelection.all()),
        Arguments.of("* and a", AssetSelection.all().and(A)),
        Arguments.of("a and *", A.and(AssetSelection.all())),
        Arguments.of("not *", AssetSelection.all().not()),
        Arguments.of("a and b", A.and(B)),
        Arguments.of("a AND b", A.and(B)),
        Arguments.of("a or b", A.or(B)),
        Arguments.of("a OR b", A.or(B)),
        Arguments.of("not a", A.not()),
        Arguments.of("NOT a", A.not()),
        Arguments.of("not(a)", A.not()),
        Arguments.of("not not a", A.not().not()),
        Arguments.of("a and not b", A.minus(B)),
        Arguments.of("a or b and c", A.or(B.and(C))),
        Arguments.of("a and b or c", A.and(B).or(C)),
        Arguments.of("(a or b) and c", A.or(B).and(C)),
        Arguments.of("not a and b", A.not().and(B)),
        Arguments.of("not a or b", A.not().or(B)),
        Arguments.of("not +a", A.upstream(1).not()),
        Arguments.of("a and b and c", A.and(B).and(C)),
        Arguments.of("a and (b and c)", A.and(B.and(C))),
        Arguments.of("((a) and ((b)) and c)", A.and(B).and(C)),
        Arguments.of("a or (b or c)", A.or(B).or(C)),
        Arguments.of("a\tand\nb", A.and(B)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("equivalentForms")
  void shouldParseToTheSameSelectionAsTheFactoriesWhenTheFormsAreEquivalent(
      String expression, AssetSelection expected) {
    AssetSelection parsed = AssetSelection.parse(expression);

    assertThat(parsed).isEqualTo(expected);
    assertThat(parsed.hashCode()).isEqualTo(expected.hashCode());
  }

  @Test
  void shouldTreatAStarInsideAnUnquotedKeyAsAWildcardWhenItFollowsTheValue() {
    assertThat(AssetSelection.parse("key:raw_*")).isNotEqualTo(AssetSelection.parse("raw_*"));
    assertThat(AssetSelection.parse("key:raw_*").toExpression()).isEqualTo("key:\"raw_*\"");
    assertThat(AssetSelection.parse("raw_*").toExpression()).isEqualTo("key:\"raw_\"*");
    assertThat(AssetSelection.parse("*key:a*").toExpression()).isEqualTo("*key:\"a*\"");
  }

  @Test
  void shouldTellAnyValueFromAnEmptyValueWhenSelectingByTag() {
    assertThat(AssetSelection.tag("pii")).isNotEqualTo(AssetSelection.tag("pii", ""));
  }

  @Test
  void shouldDistinguishSelectionsWhenTheyDiffer() {
    assertThat(A).isNotEqualTo(B);
    assertThat(A.upstream(1)).isNotEqualTo(A.downstream(1));
    assertThat(A.upstream(2)).isNotEqualTo(A.upstream());
    assertThat(A.and(B)).isNotEqualTo(A.or(B));
    assertThat(A.and(B)).isNotEqualTo(B.and(A));
    assertThat(AssetSelection.groups("a")).isNotEqualTo(AssetSelection.kind("a"));
    assertThat(AssetSelection.owner("a")).isNotEqualTo(AssetSelection.kind("a"));
    assertThat(A).isNotEqualTo("key:a");
  }

  static Stream<Arguments> renderings() {
    return Stream.of(
        Arguments.of(AB, "key:\"a/b\""),
        Arguments.of(
            AssetSelection.keys(AssetKey.of("a"), AssetKey.of("b"), AssetKey.of("a")),
            "key:\"a\" or key:\"b\""),
        Arguments.of(AssetSelection.all(), "*"),
        Arguments.of(AssetSelection.groups("finance"), "group:finance"),
        Arguments.of(AssetSelection.groups("a b"), "group:\"a b\""),
        Arguments.of(AssetSelection.tag("pii"), "tag:pii"),
        Arguments.of(AssetSelection.tag("tier", "gold"), "tag:tier=gold"),
        Arguments.of(AssetSelection.tag("pii", ""), "tag:pii=\"\""),
        Arguments.of(AssetSelection.tag("a=b", "x\"y\\z"), "tag:\"a=b\"=\"x\\\"y\\\\z\""),
        Arguments.of(AssetSelection.kind("sql"), "kind:sql"),
        Arguments.of(AssetSelection.owner("team:data"), "owner:\"team:data\""),
        Arguments.of(AssetSelection.owner("alice@x.com"), "owner:\"alice@x.com\""),
        Arguments.of(A.upstream(), "*key:\"a\""),
        Arguments.of(A.upstream(1), "+key:\"a\""),
        Arguments.of(A.upstream(4), "4+key:\"a\""),
        Arguments.of(A.downstream(), "key:\"a\"*"),
        Arguments.of(A.downstream(1), "key:\"a\"+"),
        Arguments.of(A.downstream(4), "key:\"a\"+4"),
        Arguments.of(A.upstream().downstream(), "(*key:\"a\")*"),
        Arguments.of(A.or(B).upstream(2), "2+(key:\"a\" or key:\"b\")"),
        Arguments.of(A.not().upstream(1), "+(not key:\"a\")"),
        Arguments.of(AssetSelection.all().downstream(1), "(*)+"),
        Arguments.of(AssetSelection.all().not(), "not *"),
        Arguments.of(A.or(B).and(C), "(key:\"a\" or key:\"b\") and key:\"c\""),
        Arguments.of(A.or(B.and(C)), "key:\"a\" or key:\"b\" and key:\"c\""),
        Arguments.of(A.and(B).not(), "not (key:\"a\" and key:\"b\")"),
        Arguments.of(A.not().not(), "not not key:\"a\""),
        Arguments.of(A.upstream(1).not(), "not +key:\"a\""),
        Arguments.of(A.minus(B.or(C)), "key:\"a\" and not (key:\"b\" or key:\"c\")"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("renderings")
  void shouldRenderTheSyntaxAndParseItBackWhenWritingAnExpression(
      AssetSelection selection, String expression) {
    assertThat(selection.toExpression()).isEqualTo(expression);
    assertThat(AssetSelection.parse(expression)).isEqualTo(selection);
    assertThat(selection.toString()).isEqualTo("AssetSelection[" + expression + "]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "key:a/b",
        "raw_*",
        "key:raw_*",
        "key:\"*/orders\"",
        "*",
        "not *",
        "group:g and kind:sql or tag:k=v and not owner:\"team:data\"",
        "+key:x+ and 2+key:y+3 or *key:z*",
        "++(group:a or (group:b and not (kind:c or kind:d)))++",
        "not (not a or not (b and c))",
        "(a+)+ and +(+a) and (*a)* and *(a*)",
        "tag:\"a b\"=\"c:d\" or owner:\"q\\\"\"",
        "sinks and roots",
        "(*)+ or +(*)"
      })
  void shouldParseTheRenderedExpressionToAnEqualSelectionWhenRoundTripping(String expression) {
    AssetSelection parsed = AssetSelection.parse(expression);
    String rendered = parsed.toExpression();

    assertThat(AssetSelection.parse(rendered)).isEqualTo(parsed);
    assertThat(AssetSelection.parse(rendered).toExpression()).isEqualTo(rendered);
  }

  @Test
  void shouldRejectBadArgumentsWhenBuildingSelectionsInCode() {
    assertThatThrownBy(() -> AssetSelection.keys())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AssetSelection.keys needs at least one key, e.g. keys(AssetKey.of(\"orders\"))");
    assertThatThrownBy(() -> AssetSelection.keys(AssetKey.of("a"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key 1 given to AssetSelection.keys is null");
    assertThatThrownBy(() -> AssetSelection.groups())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AssetSelection.groups needs at least one group name, e.g. groups(\"finance\")");
    assertThatThrownBy(() -> AssetSelection.groups("a", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Group 1 given to AssetSelection.groups is empty; give a non-empty name");
    assertThatThrownBy(() -> AssetSelection.tag(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The tag key given to AssetSelection.tag is null; give a non-empty name");
    assertThatThrownBy(() -> AssetSelection.tag("tier", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The tag value given to AssetSelection.tag is null; use tag(\"tier\") to select the"
                + " assets with the tag whatever its value");
    assertThatThrownBy(() -> AssetSelection.kind(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The kind given to AssetSelection.kind is empty; give a non-empty name");
    assertThatThrownBy(() -> AssetSelection.owner(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The owner given to AssetSelection.owner is null; give a non-empty name");
    assertThatThrownBy(() -> A.upstream(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AssetSelection.upstream(0) needs a depth of at least 1; use upstream() for every"
                + " level");
    assertThatThrownBy(() -> A.downstream(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AssetSelection.downstream(-1) needs a depth of at least 1; use downstream() for"
                + " every level");
    assertThatThrownBy(() -> A.and(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> A.or(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> A.minus(null)).isInstanceOf(NullPointerException.class);
  }
}
