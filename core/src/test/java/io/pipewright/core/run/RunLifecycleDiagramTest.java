package io.pipewright.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The "diagram cannot drift" rule: the committed run lifecycle diagram must be exactly what {@link
 * RunStateMachine#toMermaid()} renders today.
 */
class RunLifecycleDiagramTest {

  static final String UPDATE_PROPERTY = "pipewright.updateDiagrams";
  static final String REGENERATE_COMMAND =
      "./mvnw -B -ntp -q -pl core test -D" + UPDATE_PROPERTY + "=true";

  @Test
  void shouldMatchCommittedDiagramWhenTransitionTableIsRendered() throws IOException {
    Path file = diagramFile();
    String expected = document(RunStateMachine.toMermaid());

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }

    if (!Files.exists(file)) {
      fail("%s is missing. Generate it from RunStateMachine with: %s", file, REGENERATE_COMMAND);
    }
    // Tolerate a CRLF checkout: only the content is the contract.
    String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    assertThat(committed)
        .as(
            "%s is out of date with RunStateMachine's transition table. Do not edit it by hand;"
                + " regenerate it with: %s",
            file, REGENERATE_COMMAND)
        .isEqualTo(expected);
  }

  @Test
  void shouldEmbedRenderedDiagramWhenBuildingDocument() {
    String document = document("stateDiagram-v2\n    A --> B\n");

    assertThat(document)
        .contains("```mermaid\nstateDiagram-v2\n    A --> B\n```\n")
        .contains(REGENERATE_COMMAND);
  }

  /** The module directory is the test's working directory under Surefire; basedir says so too. */
  private static Path diagramFile() {
    Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return moduleDir.resolve("../docs/diagrams/run-lifecycle.md").toAbsolutePath().normalize();
  }

  private static String document(String mermaid) {
    return "<!--\n"
        + "  Generated from RunStateMachine.toMermaid() (core, io.pipewright.core.run).\n"
        + "  Do not edit by hand: RunLifecycleDiagramTest fails when this file drifts.\n"
        + "  Change the table in RunStateMachine, then regenerate with:\n"
        + "    "
        + REGENERATE_COMMAND
        + "\n"
        + "-->\n"
        + "# Run lifecycle\n"
        + "\n"
        + "Which run status may follow which. Statuses carry Dagster's names (`DagsterRunStatus`).\n"
        + "Only the daemon changes a run's status, and an illegal transition throws\n"
        + "`IllegalRunTransitionException`. `[*]` marks the terminal statuses.\n"
        + "\n"
        + "```mermaid\n"
        + mermaid
        + "```\n";
  }
}
