package io.pipewright.sdk.internal.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing of valid clauses and their resolution against graphs. */
class OpSelectionTest {

  private static final int ALL = SelectionClause.ALL;

  static Stream<Arguments> diamondSelections() {
    return Stream.of(
        Arguments.of("d", List.of("d")),
        Arguments.of("+d", List.of("b", "c", "d")),
        Arguments.of("++d", List.of("a", "b", "c", "d")),
        Arguments.of("+++++d", List.of("a", "b", "c", "d")),
        Arguments.of("*d", List.of("a", "b", "c", "d")),
        Arguments.of("+e", List.of("d", "e")),
        Arguments.of("++e", List.of("b", "c", "d", "e")),
        Arguments.of("*e", List.of("a", "b", "c", "d", "e")),
        Arguments.of("a+", List.of("a", "b", "c")),
        Arguments.of("a++", List.of("a", "b", "c", "d")),
        Arguments.of("a*", List.of("a", "b", "c", "d", "e")),
        Arguments.of("b*", List.of("b", "d", "e")),
        Arguments.of("c+", List.of("c", "d")),
        Arguments.of("*d+", List.of("a", "b", "c", "d", "e")),
        Arguments.of("+d*", List.of("b", "c", "d", "e")),
        Arguments.of("+b+", List.of("a", "b", "d")),
        Arguments.of("++e++", List.of("b", "c", "d", "e")),
        Arguments.of("*b*", List.of("a", "b", "d", "e")),
        Arguments.of("+a", List.of("a")),
        Arguments.of("e*", List.of("e")),
        // Dagster accepts a '*' before '+' (and '+' before a trailing '*'); the '*' wins.
        Arguments.of("*+d", List.of("a", "b", "c", "d")),
        Arguments.of("b+*", List.of("b", "d", "e")),
        Arguments.of("  +d \t", List.of("b", "c", "d")),
        Arguments.of("*", List.of("a", "b", "c", "d", "e")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("diamondSelections")
  void shouldSelectExpectedOpsWhenResolvingAClauseOnTheDiamond(
      String clause, List<String> expected) {
    Set<String> selected = OpSelection.resolve(List.of(clause), TestGraph.diamond());

    assertThat(selected).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> parsedClauses() {
    return Stream.of(
        Arguments.of("extract", new SelectionClause("extract", 0, 0)),
        Arguments.of("+extract", new SelectionClause("extract", 1, 0)),
        Arguments.of("+++extract", new SelectionClause("extract", 3, 0)),
        Arguments.of("*extract", new SelectionClause("extract", ALL, 0)),
        Arguments.of("extract++", new SelectionClause("extract", 0, 2)),
        Arguments.of("extract*", new SelectionClause("extract", 0, ALL)),
        Arguments.of("*extract+", new SelectionClause("extract", ALL, 1)),
        Arguments.of("+extract*", new SelectionClause("extract", 1, ALL)),
        Arguments.of("++extract++", new SelectionClause("extract", 2, 2)),
        Arguments.of("*++extract", new SelectionClause("extract", ALL, 0)),
        Arguments.of("extract++*", new SelectionClause("extract", 0, ALL)),
        Arguments.of(" etl.sub-graph.op_2 ", new SelectionClause("etl.sub-graph.op_2", 0, 0)),
        Arguments.of("*", SelectionClause.EVERY_OP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsedClauses")
  void shouldParseNameAndDepthsWhenTheClauseIsValid(String text, SelectionClause expected) {
    assertThat(OpSelection.parse(List.of(text)).clauses()).containsExactly(expected);
  }

  @Test
  void shouldRenderClausesInSelectionSyntaxWhenPrinted() {
    OpSelection selection = OpSelection.parse(List.of(" *a+ ", "++b", "c*", "d", "*"));

    assertThat(selection).hasToString("OpSelection[*a+, ++b, c*, d, *]");
    assertThat(selection.clauses().get(1).syntax()).isEqualTo("++b");
  }

  @Test
  void shouldBeEqualWhenClausesAreEqual() {
    OpSelection selection = OpSelection.parse(List.of("*a", "b+"));

    assertThat(selection)
        .isEqualTo(OpSelection.parse(List.of(" *a", "b+ ")))
        .hasSameHashCodeAs(OpSelection.parse(List.of(" *a", "b+ ")))
        .isNotEqualTo(OpSelection.parse(List.of("b+", "*a")))
        .isNotEqualTo(OpSelection.parse(List.of("*a", "b++")));
  }

  @Test
  void shouldReturnTheUnionInGraphOrderWhenGivenSeveralClauses() {
    TestGraph graph = TestGraph.diamond();

    assertThat(OpSelection.resolve(List.of("e", "a"), graph)).containsExactly("a", "e");
    assertThat(OpSelection.resolve(List.of("b", "c+"), graph)).containsExactly("b", "c", "d");
    assertThat(OpSelection.resolve(List.of("+b", "d+"), graph)).containsExactly("a", "b", "d", "e");
    assertThat(OpSelection.resolve(List.of("d", "d", "+d"), graph)).containsExactly("b", "c", "d");
  }

  @Test
  void shouldSelectEveryOpWhenAnyClauseIsAStar() {
    assertThat(OpSelection.resolve(List.of("e", "*"), TestGraph.diamond()))
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void shouldCombineUnboundedWalksCorrectlyWhenTheyOverlap() {
    TestGraph graph = TestGraph.diamond();

    // The second walk meets nodes the first one already finished; it must still reach 'c'.
    assertThat(OpSelection.resolve(List.of("*b", "*d"), graph)).containsExactly("a", "b", "c", "d");
    assertThat(OpSelection.resolve(List.of("d*", "a*"), graph))
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(OpSelection.resolve(List.of("*b", "+d"), graph)).containsExactly("a", "b", "c", "d");
    assertThat(OpSelection.resolve(List.of("+b", "*b"), graph)).containsExactly("a", "b");
  }

  @Test
  void shouldCountDepthFromTheClauseOpWhenAnotherClauseAlreadySelectedNodes() {
    TestGraph chain = TestGraph.chain(6);

    // n4's walk must not stop at n3 just because "+n3" selected it earlier.
    assertThat(OpSelection.resolve(List.of("+n3", "+++n4"), chain))
        .containsExactly("n1", "n2", "n3", "n4");
  }

  @Test
  void shouldResolveDottedNamesWhenOpsAreNested() {
    TestGraph graph =
        new TestGraph()
            .edge("etl.extract", "etl.clean-up")
            .edge("etl.clean-up", "etl.load_2")
            .edge("etl.load_2", "report");

    assertThat(OpSelection.resolve(List.of("*etl.load_2"), graph))
        .containsExactly("etl.extract", "etl.clean-up", "etl.load_2");
    assertThat(OpSelection.resolve(List.of("etl.clean-up+"), graph))
        .containsExactly("etl.clean-up", "etl.load_2");
  }

  @Test
  void shouldReturnAnUnmodifiableSetWhenResolving() {
    Set<String> selected = OpSelection.resolve(List.of("a"), TestGraph.diamond());

    assertThatThrownBy(() -> selected.add("b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldSelectAWholeLongChainWithoutRecursionWhenUsingStars() {
    TestGraph chain = TestGraph.chain(10_000);
    List<String> all = new ArrayList<>(chain.nodes());

    assertTimeout(
        Duration.ofSeconds(2),
        () -> {
          assertThat(OpSelection.resolve(List.of("*n9999"), chain)).containsExactlyElementsOf(all);
          assertThat(OpSelection.resolve(List.of("n0*"), chain)).containsExactlyElementsOf(all);
        });
  }

  @Test
  void shouldStopAtTheGivenDepthWhenWalkingALongChain() {
    TestGraph chain = TestGraph.chain(10_000);

    assertThat(OpSelection.resolve(List.of("++n5000+"), chain))
        .containsExactly("n4998", "n4999", "n5000", "n5001");
    assertThat(OpSelection.resolve(List.of("*n2", "n9998*"), chain))
        .containsExactly("n0", "n1", "n2", "n9998", "n9999");
  }

  @Test
  void shouldResolveManyOverlappingStarClausesInLinearTimeWhenTheChainIsLong() {
    TestGraph chain = TestGraph.chain(10_000);
    List<String> clauses = new ArrayList<>();
    for (String node : chain.nodes()) {
      clauses.add("*" + node);
    }

    // Without sharing finished walks this is 50 million visits; with it, 10,000.
    assertTimeout(
        Duration.ofSeconds(2),
        () -> assertThat(OpSelection.resolve(clauses, chain)).hasSize(10_000));
  }
}
