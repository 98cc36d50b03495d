package io.pipewright.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake passes the port's contract, and its test controls do what they say. */
class InMemoryStepLauncherTest extends StepLauncherContractTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

  @Override
  protected StepLauncher createLauncher() {
    return new InMemoryStepLauncher(CLOCK)
        .behaviour(
            request ->
                switch (request.command().get(0)) {
                  case "succeed" -> InMemoryStepLauncher.Behaviour.succeed();
                  case "exit" ->
                      InMemoryStepLauncher.Behaviour.exit(
                          Integer.parseInt(request.command().get(1)),
                          List.of(request.command().get(2)));
                  default -> InMemoryStepLauncher.Behaviour.runUntilTerminated();
                });
  }

  @Override
  protected LaunchRequest succeeding(AttemptId attempt) {
    return request(attempt, List.of("succeed"));
  }

  @Override
  protected LaunchRequest failing(AttemptId attempt, int exitCode, String lastLine) {
    return request(attempt, List.of("exit", Integer.toString(exitCode), lastLine));
  }

  @Override
  protected LaunchRequest longRunning(AttemptId attempt) {
    return request(attempt, List.of("sleep"));
  }

  private static LaunchRequest request(AttemptId attempt, List<String> command) {
    return LaunchRequest.builder(attempt, "etl").command(command).build();
  }

  @Test
  void shouldMoveAnAttemptOnlyWhenTheTestSaysSoWhenBehaviourIsManual() {
    InMemoryStepLauncher fake = new InMemoryStepLauncher(CLOCK);
    StatusRecorder statuses = new StatusRecorder();
    fake.watch(statuses);
    AttemptId id = new AttemptId("r1", "s", 1);

    fake.launch(request(id, List.of("anything")));
    fake.running(id);
    fake.fail(id, AttemptFailureReason.EVICTED, "node pressure");

    assertThat(statuses.of(id))
        .extracting(AttemptStatus::phase)
        .containsExactly(
            AttemptStatus.Phase.PENDING, AttemptStatus.Phase.RUNNING, AttemptStatus.Phase.FAILED);
    assertThat(fake.status(id).reason()).isEqualTo(AttemptFailureReason.EVICTED);
    assertThat(fake.launched()).hasSize(1);
  }

  @Test
  void shouldRejectOnceAndAcceptTheRetryWhenARejectionIsQueued() {
    InMemoryStepLauncher fake = new InMemoryStepLauncher(CLOCK);
    AttemptId id = new AttemptId("r1", "s", 1);
    fake.rejectNextLaunch(AttemptFailureReason.LAUNCH_FAILED, "API server unavailable");

    LaunchResult first = fake.launch(request(id, List.of("x"))).toCompletableFuture().join();
    LaunchResult second = fake.launch(request(id, List.of("x"))).toCompletableFuture().join();

    assertThat(first)
        .isEqualTo(
            LaunchResult.rejected(AttemptFailureReason.LAUNCH_FAILED, "API server unavailable"));
    assertThat(second).isEqualTo(LaunchResult.launched());
    assertThat(fake.launchCalls()).isEqualTo(2);
  }

  @Test
  void shouldRefuseStatusesOfAttemptsThatWereNeverLaunchedWhenReported() {
    InMemoryStepLauncher fake = new InMemoryStepLauncher(CLOCK);

    assertThatThrownBy(() -> fake.running(new AttemptId("r1", "ghost", 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never launched");
  }
}
