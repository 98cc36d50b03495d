package io.pipewright.core.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed step attempt lifecycle diagram must be exactly what {@link
 * StepAttemptStateMachine#toMermaid()} renders today (the run lifecycle's rule, same switch).
 */
class StepAttemptLifecycleDiagramTest {

  static final String UPDATE_PROPERTY = "pipewright.updateDiagrams";
  static final String REGENERATE_COMMAND =
      "./mvnw -B -ntp -q -pl core test -D" + UPDATE_PROPERTY + "=true";

  @Test
  void shouldMatchCommittedDiagramWhenTransitionTableIsRendered() throws IOException {
    Path file = diagramFile();
    String expected = document(StepAttemptStateMachine.toMermaid());

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }

    if (!Files.exists(file)) {
      fail(
          "%s is missing. Generate it from StepAttemptStateMachine with: %s",
          file, REGENERATE_COMMAND);
    }
    String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    assertThat(committed)
        .as(
            "%s is out of date with StepAttemptStateMachine's transition table. Do not edit it by"
                + " hand; regenerate it with: %s",
            file, REGENERATE_COMMAND)
        .isEqualTo(expected);
  }

  private static Path diagramFile() {
    Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return moduleDir
        .resolve("../docs/diagrams/step-attempt-lifecycle.md")
        .toAbsolutePath()
        .normalize();
  }

  private static String document(String mermaid) {
    return "<!--\n"
        + "  Generated from StepAttemptStateMachine.toMermaid() (core, io.pipewright.core.step).\n"
        + "  Do not edit by hand: StepAttemptLifecycleDiagramTest fails when this file drifts.\n"
        + "  Change the table in StepAttemptStateMachine, then regenerate with:\n"
        + "    "
        + REGENERATE_COMMAND
        + "\n"
        + "-->\n"
        + "# Step attempt lifecycle\n"
        + "\n"
        + "Which status of one step attempt may follow which. The worker's events (the step's\n"
        + "outcome) and the launcher's reports (the process) both move an attempt; a final event\n"
        + "may arrive in any live status. A retry is a new attempt. An illegal transition throws\n"
        + "`IllegalStepAttemptTransitionException`. `[*]` marks the start and the terminal\n"
        + "statuses.\n"
        + "\n"
        + "```mermaid\n"
        + mermaid
        + "```\n";
  }
}
