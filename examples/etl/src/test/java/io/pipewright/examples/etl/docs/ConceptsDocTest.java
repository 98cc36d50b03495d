package io.pipewright.examples.etl.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/concepts.md} and the tested snippets under this package identical: every tagged
 * region must be shown in the document, and every {@code ```java} block of the document must be a
 * tagged region. After changing a snippet, update the document (its code blocks, and the outputs
 * that other tests of this package check) with
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl examples/etl -am verify -Dpipewright.updateDocs=true
 * </pre>
 */
class ConceptsDocTest {
  private static final String UPDATE_PROPERTY = "pipewright.updateDocs";

  /** The module's directory: Surefire runs tests there and also passes it as {@code basedir}. */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  static Path conceptsDoc() {
    return moduleDir().resolve("../../docs/concepts.md").normalize();
  }

  static String conceptsText() throws IOException {
    return Files.readString(conceptsDoc());
  }

  /**
   * Checks that the document shows what a snippet printed or threw in its {@code <!-- output: name
   * -->} block; with {@code -Dpipewright.updateDocs=true}, writes it there first.
   *
   * @param name the output's name
   * @param actual what the snippet produced
   * @throws IOException when the document cannot be read or written
   */
  static void assertDocShowsOutput(String name, String actual) throws IOException {
    String doc = conceptsText();
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      doc = DocSnippets.updateOutput(doc, name, actual);
      Files.writeString(conceptsDoc(), doc);
    }
    assertThat(DocSnippets.output(doc, name))
        .as(
            "the <!-- output: %s --> block of docs/concepts.md; update it with -D%s=true",
            name, UPDATE_PROPERTY)
        .isEqualTo(actual);
  }

  private static Map<String, String> snippets() throws IOException {
    return DocSnippets.regionsIn(
        moduleDir().resolve("src/test/java/io/pipewright/examples/etl/docs"));
  }

  @Test
  void shouldShowEveryTestedSnippetVerbatimWhenConceptsMdIsUpToDate() throws IOException {
    Map<String, String> regions = snippets();
    String doc = conceptsText();
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      doc = DocSnippets.update(doc, regions);
      Files.writeString(conceptsDoc(), doc);
    }

    List<String> problems = DocSnippets.problems(doc, regions);

    assertThat(regions).isNotEmpty();
    assertThat(problems)
        .as(
            "docs/concepts.md and the snippets under %s differ. Update the document by running"
                + " this module's tests with -D%s=true, or fix it by hand",
            getClass().getPackageName(), UPDATE_PROPERTY)
        .isEmpty();
  }

  @Test
  void shouldReportASnippetWhenTheDocumentDoesNotShowIt() {
    Map<String, String> regions = Map.of("op", "int x = 1;");

    assertThat(DocSnippets.problems("# Ops\n\nNo code here.\n", regions))
        .containsExactly("Snippet 'op' is tagged in the tests but not shown in the document.");
  }

  @Test
  void shouldReportAJavaBlockWhenNoTaggedRegionAnnouncesIt() {
    String doc = "# Ops\n\n```java\nint x = 1;\n```\n";

    assertThat(DocSnippets.problems(doc, Map.of()))
        .singleElement()
        .asString()
        .startsWith("The ```java block at line 3 does not come from a tagged region");
  }

  @Test
  void shouldReportAJavaBlockWhenItDiffersFromItsRegion() {
    String doc = "<!-- snippet: op -->\n```java\nint x = 2;\n```\n";

    assertThat(DocSnippets.problems(doc, Map.of("op", "int x = 1;")))
        .containsExactly(
            "The ```java block at line 2 differs from the region 'op' of the tests; the region"
                + " is:\nint x = 1;");
  }

  @Test
  void shouldReportASnippetWhenNoTestTagsIt() {
    String doc = "<!-- snippet: gone -->\n```java\nint x = 1;\n```\n";

    assertThat(DocSnippets.problems(doc, Map.of()))
        .containsExactly(
            "The ```java block at line 2 shows snippet 'gone', which no test source tags.");
  }

  @Test
  void shouldAcceptTheDocumentWhenEveryBlockMatchesItsRegion() {
    String doc = "Text\n\n<!-- snippet: op -->\n```java\nint x = 1;\n```\n";

    assertThat(DocSnippets.problems(doc, Map.of("op", "int x = 1;"))).isEmpty();
  }

  @Test
  void shouldDedentARegionAndDropNestedMarkersWhenExtracting() {
    String source =
        String.join(
            "\n",
            "class A {",
            "  void f() {",
            "    // tag::outer[]",
            "    int a = 1;",
            "    // tag::inner[]",
            "    if (a > 0) {",
            "      a++;",
            "    }",
            "    // end::inner[]",
            "    // end::outer[]",
            "  }",
            "}");

    Map<String, String> regions = DocSnippets.regions("A.java", source);

    assertThat(regions)
        .containsEntry("inner", "if (a > 0) {\n  a++;\n}")
        .containsEntry("outer", "int a = 1;\nif (a > 0) {\n  a++;\n}");
  }

  @Test
  void shouldRejectATagWhenItIsNeverClosed() {
    assertThatThrownBy(() -> DocSnippets.regions("A.java", "// tag::open[]\nint x;\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[open] are never closed");
  }

  @Test
  void shouldReadAndReplaceAnOutputBlockWhenAnnounced() {
    String doc = "a\n<!-- output: err -->\n```text\nold\n```\nb";

    assertThat(DocSnippets.output(doc, "err")).isEqualTo("old");
    assertThat(DocSnippets.output(doc, "other")).isNull();
    assertThat(DocSnippets.updateOutput(doc, "err", "new\nlines"))
        .isEqualTo("a\n<!-- output: err -->\n```text\nnew\nlines\n```\nb");
  }

  @Test
  void shouldReplaceAnnouncedBlocksWhenUpdating() {
    String doc = "a\n<!-- snippet: op -->\n```java\nold();\n```\nb\n";

    assertThat(DocSnippets.update(doc, Map.of("op", "fresh();\nagain();")))
        .isEqualTo("a\n<!-- snippet: op -->\n```java\nfresh();\nagain();\n```\nb\n");
  }
}
