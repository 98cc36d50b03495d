package io.pipewright.sdk.internal.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error message of parsing and resolving, word for word. */
class OpSelectionErrorsTest {

  private static final String FORMS =
      "Use name, +name, *name, name+, name* or combinations like *name+.";
  private static final String NAME_CHARS =
      "op names may contain only letters, digits, '_', '-' and '.'";
  private static final String SEPARATE =
      "'+' and '*' may only come before or after the op name; select other ops with separate clauses";

  private static String block(String clause, String reason, int position) {
    return block(clause, reason, position, null);
  }

  /** One clause's part of a syntax error; the hint follows the position. */
  private static String block(String clause, String reason, int position, String hint) {
    return "Invalid op selection \""
        + clause
        + "\": "
        + reason
        + " (at position "
        + position
        + ")"
        + (hint == null ? "" : "; " + hint)
        + "\n  "
        + clause
        + "\n  "
        + " ".repeat(position)
        + "^\n";
  }

  static Stream<Arguments> malformedClauses() {
    return Stream.of(
        Arguments.of("+*extract", "'*' cannot follow '+'", 1, null),
        Arguments.of("++*extract", "'*' cannot follow '+'", 2, null),
        Arguments.of("**extract", "'*' can appear only once before the op name", 1, null),
        Arguments.of("*+*extract", "'*' can appear only once before the op name", 2, null),
        Arguments.of("extract**", "'*' can appear only once after the op name", 8, null),
        Arguments.of("extract*+", "'+' cannot follow '*'", 8, null),
        Arguments.of("+", "the op name is missing", 1, null),
        Arguments.of("+++", "the op name is missing", 3, null),
        Arguments.of("*+", "the op name is missing", 2, null),
        Arguments.of("**", "'*' can appear only once before the op name", 1, null),
        Arguments.of("a b", "illegal character ' ' (a space)", 1, NAME_CHARS),
        Arguments.of("part[0]", "illegal character '['", 4, NAME_CHARS),
        Arguments.of("+]x", "illegal character ']'", 1, NAME_CHARS),
        Arguments.of("a/b", "illegal character '/'", 1, NAME_CHARS),
        Arguments.of("a+/", "illegal character '/'", 2, NAME_CHARS),
        Arguments.of("caf\u00e9", "illegal character '\u00e9'", 3, NAME_CHARS),
        Arguments.of("a,b", "illegal character ','", 1, NAME_CHARS),
        Arguments.of("a+b", "unexpected 'b' after '+'", 2, SEPARATE),
        Arguments.of("a*b", "unexpected 'b' after '*'", 2, SEPARATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedClauses")
  void shouldQuoteTheClauseAndPointAtTheProblemWhenTheClauseIsMalformed(
      String clause, String reason, int position, String hint) {
    assertThatThrownBy(() -> OpSelection.parse(List.of(clause)))
        .isInstanceOf(SelectionSyntaxException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(block(clause, reason, position, hint) + FORMS);
  }

  @Test
  void shouldMatchTheDocumentedExampleWhenAStarFollowsAPlus() {
    assertThatThrownBy(() -> OpSelection.parse(List.of("+*extract")))
        .hasMessage(
            """
            Invalid op selection "+*extract": '*' cannot follow '+' (at position 1)
              +*extract
               ^
            Use name, +name, *name, name+, name* or combinations like *name+.""");
  }

  @Test
  void shouldCountPositionsInTheTrimmedClauseWhenItHasSurroundingWhitespace() {
    assertThatThrownBy(() -> OpSelection.parse(List.of("   a b  ")))
        .hasMessage(block("a b", "illegal character ' ' (a space)", 1, NAME_CHARS) + FORMS);
  }

  @Test
  void shouldShowControlCharactersAsCodePointsWhenTheyAreIllegal() {
    assertThatThrownBy(() -> OpSelection.parse(List.of("a\tb")))
        .hasMessage(block("a?b", "illegal character U+0009", 1, NAME_CHARS) + FORMS);
  }

  @Test
  void shouldReportEveryMalformedClauseWhenSeveralAreWrong() {
    assertThatThrownBy(() -> OpSelection.parse(List.of("+*x", "fine", "a b", "")))
        .isInstanceOf(SelectionSyntaxException.class)
        .hasMessage(
            block("+*x", "'*' cannot follow '+'", 1)
                + block("a b", "illegal character ' ' (a space)", 1, NAME_CHARS)
                + "Invalid op selection \"\": clause 4 of 4 is blank;"
                + " write an op name or remove the clause.\n"
                + FORMS);
  }

  @Test
  void shouldRejectBlankClausesWhenTheyHoldOnlyWhitespace() {
    assertThatThrownBy(() -> OpSelection.parse(List.of("a", "  ")))
        .isInstanceOf(SelectionSyntaxException.class)
        .hasMessage(
            "Invalid op selection \"  \": clause 2 of 2 is blank;"
                + " write an op name or remove the clause.\n"
                + FORMS);
  }

  @Test
  void shouldRejectNullClausesWhenTheListContainsOne() {
    assertThatThrownBy(() -> OpSelection.parse(Arrays.asList(null, "a")))
        .isInstanceOf(SelectionSyntaxException.class)
        .hasMessage(
            "Invalid op selection: clause 1 of 2 is null; write an op name or remove the clause.\n"
                + FORMS);
  }

  @Test
  void shouldRejectAnEmptyListWhenParsing() {
    assertThatThrownBy(() -> OpSelection.parse(List.of()))
        .isInstanceOf(SelectionSyntaxException.class)
        .hasMessage(
            "Invalid op selection: the list of clauses is empty; give at least one clause,"
                + " or \"*\" to select every op.\n"
                + FORMS);
  }

  @Test
  void shouldSuggestTheClosestNameWhenAClauseHasATypo() {
    TestGraph graph = new TestGraph().edge("extract", "transform").edge("transform", "load");

    UnknownSelectionException error =
        catchThrowableOfType(
            UnknownSelectionException.class,
            () -> OpSelection.resolve(List.of("+extrct", "load"), graph));

    assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Op selection names an op that this graph does not have:\n"
                + "  - 'extrct': did you mean 'extract'?");
    assertThat(error.unknownNames()).containsExactly("extrct");
  }

  @Test
  void shouldReportAllUnknownNamesOnceWhenSeveralClausesAreWrong() {
    TestGraph graph = new TestGraph().edge("extract", "transform").edge("transform", "load");

    UnknownSelectionException error =
        catchThrowableOfType(
            UnknownSelectionException.class,
            () ->
                OpSelection.resolve(
                    List.of("*extarct", "transfrom+", "nothing_like_it", "extarct*"), graph));

    assertThat(error)
        .hasMessage(
            "Op selection names 3 ops that this graph does not have:\n"
                + "  - 'extarct': did you mean 'extract'?\n"
                + "  - 'transfrom': did you mean 'transform'?\n"
                + "  - 'nothing_like_it': no op has a similar name.\n"
                + "Valid op names: extract, transform, load.");
    assertThat(error.unknownNames()).containsExactly("extarct", "transfrom", "nothing_like_it");
  }

  @Test
  void shouldSuggestTheNestedOpWhenTheGraphPrefixIsMissing() {
    TestGraph graph = new TestGraph().edge("etl.extract", "etl.load");

    assertThatThrownBy(() -> OpSelection.resolve(List.of("load*"), graph))
        .isInstanceOf(UnknownSelectionException.class)
        .hasMessage(
            "Op selection names an op that this graph does not have:\n"
                + "  - 'load': did you mean 'etl.load'?");
  }

  @Test
  void shouldListTenValidNamesWhenTheGraphIsLargeAndNothingIsSimilar() {
    assertThatThrownBy(() -> OpSelection.resolve(List.of("extract"), TestGraph.chain(25)))
        .isInstanceOf(UnknownSelectionException.class)
        .hasMessage(
            "Op selection names an op that this graph does not have:\n"
                + "  - 'extract': no op has a similar name.\n"
                + "Valid op names include: n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 (and 15 more).");
  }

  @Test
  void shouldSayTheGraphIsEmptyWhenItHasNoOps() {
    assertThatThrownBy(() -> OpSelection.resolve(List.of("a"), new TestGraph()))
        .isInstanceOf(UnknownSelectionException.class)
        .hasMessage(
            "Op selection names an op that this graph does not have:\n"
                + "  - 'a': no op has a similar name.\n"
                + "The graph has no ops.");
  }

  @Test
  void shouldSelectNothingWithoutErrorWhenTheGraphIsEmptyAndTheClauseIsAStar() {
    assertThat(OpSelection.resolve(List.of("*"), new TestGraph())).isEmpty();
  }

  @Test
  void shouldNotSuggestNamesThatNeedTooManyEditsWhenTheNameIsShort() {
    TestGraph graph = new TestGraph().node("abc").node("xyz");

    assertThatThrownBy(() -> OpSelection.resolve(List.of("ab", "qrs"), graph))
        .hasMessage(
            "Op selection names 2 ops that this graph does not have:\n"
                + "  - 'ab': did you mean 'abc'?\n"
                + "  - 'qrs': no op has a similar name.\n"
                + "Valid op names: abc, xyz.");
  }

  @Test
  void shouldMeasureEditsIncludingSwapsWhenComputingDistances() {
    assertThat(NameSuggestions.distance("extract", "extract", 3)).isZero();
    assertThat(NameSuggestions.distance("extarct", "extract", 3)).isEqualTo(1);
    assertThat(NameSuggestions.distance("extrct", "extract", 3)).isEqualTo(1);
    assertThat(NameSuggestions.distance("kitten", "sitting", 5)).isEqualTo(3);
    assertThat(NameSuggestions.distance("kitten", "sitting", 2)).isEqualTo(3);
    assertThat(NameSuggestions.distance("", "abc", 5)).isEqualTo(3);
  }

  @Test
  void shouldRejectInvalidComponentsWhenBuildingAClauseDirectly() {
    assertThatThrownBy(() -> new SelectionClause("a", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("depths must be 0 or more but were upDepth=-1, downDepth=0 for 'a'");
    assertThatThrownBy(() -> new SelectionClause("", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SelectionClause(null, 0, 0))
        .isInstanceOf(NullPointerException.class);
  }
}
