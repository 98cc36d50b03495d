package io.pipewright.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunStatusTest {

  @Test
  void shouldKeepDagsterNamesWhenPersisted() {
    // Persisted and exposed over GraphQL: renaming or reordering breaks stored runs and clients.
    assertThat(Arrays.stream(RunStatus.values()).map(Enum::name))
        .containsExactly(
            "QUEUED",
            "NOT_STARTED",
            "MANAGED",
            "STARTING",
            "STARTED",
            "SUCCESS",
            "FAILURE",
            "CANCELING",
            "CANCELED");
  }

  @Test
  void shouldBeTerminalOnlyWhenRunHasEnded() {
    assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal))
        .containsExactly(RunStatus.SUCCESS, RunStatus.FAILURE, RunStatus.CANCELED);
  }
}
