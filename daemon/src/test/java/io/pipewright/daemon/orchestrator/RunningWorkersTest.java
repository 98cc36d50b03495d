package io.pipewright.daemon.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunningWorkersTest {

  private static final AttemptId ROOT = new AttemptId("run-1", "root", 1);
  private static final Instant NOW = Instant.parse("2026-11-21T19:00:00Z");

  @Test
  void shouldCountALaunchedWorkerUntilItsEndIsReported() {
    RunningWorkers workers = new RunningWorkers();
    workers.launching(ROOT);
    workers.observe(AttemptStatus.pending(ROOT, NOW));
    workers.observe(AttemptStatus.running(ROOT, NOW));
    assertThat(workers.running()).containsExactly(ROOT);

    workers.observe(AttemptStatus.succeeded(ROOT, NOW));

    assertThat(workers.isEmpty()).isTrue();
  }

  @Test
  void shouldNotCountAnEndedWorkerAgainWhenALateLiveStatusComes() {
    RunningWorkers workers = new RunningWorkers();
    workers.launching(ROOT);
    workers.observe(AttemptStatus.succeeded(ROOT, NOW));

    workers.observe(AttemptStatus.pending(ROOT, NOW));
    workers.observe(AttemptStatus.running(ROOT, NOW));

    assertThat(workers.isEmpty()).isTrue();
  }

  @Test
  void shouldNotCountAnEndedWorkerAgainWhenItsAttemptIsLaunchedAgain() {
    RunningWorkers workers = new RunningWorkers();
    workers.launching(ROOT);
    workers.observe(AttemptStatus.succeeded(ROOT, NOW));

    workers.launching(ROOT);
    workers.answered(ROOT, LaunchResult.alreadyLaunched());

    assertThat(workers.isEmpty()).isTrue();
  }

  @Test
  void shouldNotCountAWorkerWhoseLaunchWasRejected() {
    RunningWorkers workers = new RunningWorkers();
    workers.launching(ROOT);

    workers.answered(ROOT, LaunchResult.rejected(AttemptFailureReason.LAUNCH_FAILED, "no node"));

    assertThat(workers.isEmpty()).isTrue();
  }

  @Test
  void shouldCountTheNextAttemptAfterTheLastOneEnded() {
    RunningWorkers workers = new RunningWorkers();
    workers.launching(ROOT);
    workers.observe(AttemptStatus.exited(ROOT, NOW, 5, java.util.List.of()));

    workers.launching(ROOT.next());

    assertThat(workers.running()).containsExactly(ROOT.next());
  }
}
