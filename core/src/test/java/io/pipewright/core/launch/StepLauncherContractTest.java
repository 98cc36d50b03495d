package io.pipewright.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StepLauncher}, run against every adapter: extend it, create the adapter,
 * and say how to build requests whose worker succeeds, fails, or runs until stopped. Shipped in
 * core's test jar ({@code pipewright-core}, type {@code test-jar}).
 *
 * <p>Assertions wait up to {@link #timeout()} for statuses, so asynchronous adapters (processes,
 * pods) pass as well as synchronous fakes.
 */
public abstract class StepLauncherContractTest {

  private StepLauncher launcher;
  private StatusRecorder recorder;
  private StatusWatch watch;
  private final List<String> runs = new ArrayList<>();

  /**
   * Creates the adapter under test, fresh for each test.
   *
   * @return the launcher
   * @throws Exception when it cannot be created
   */
  protected abstract StepLauncher createLauncher() throws Exception;

  /**
   * Releases what {@link #createLauncher()} set up; by default nothing.
   *
   * @param created the launcher
   * @throws Exception when releasing fails
   */
  protected void closeLauncher(StepLauncher created) throws Exception {}

  /**
   * A request whose worker exits with code 0 soon.
   *
   * @param attempt the attempt
   * @return the request
   */
  protected abstract LaunchRequest succeeding(AttemptId attempt);

  /**
   * A request whose worker writes a line and exits with a non-zero code soon.
   *
   * @param attempt the attempt
   * @param exitCode the code to exit with (1 to 125)
   * @param lastLine the line to write last
   * @return the request
   */
  protected abstract LaunchRequest failing(AttemptId attempt, int exitCode, String lastLine);

  /**
   * A request whose worker runs until it is terminated.
   *
   * @param attempt the attempt
   * @return the request
   */
  protected abstract LaunchRequest longRunning(AttemptId attempt);

  /**
   * How long to wait for a status.
   *
   * @return the timeout; 30 s by default
   */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  void startLauncher() throws Exception {
    launcher = createLauncher();
    recorder = new StatusRecorder();
    watch = launcher.watch(recorder);
  }

  @AfterEach
  void stopLauncher() throws Exception {
    try {
      for (String run : runs) {
        launcher.terminateRun(run).toCompletableFuture().join();
      }
      watch.close();
    } finally {
      closeLauncher(launcher);
    }
  }

  /** A fresh run id per call, so that adapters with real state never see a reused id. */
  private AttemptId attempt(String step, int number) {
    String run = "contract-" + UUID.randomUUID();
    runs.add(run);
    return new AttemptId(run, step, number);
  }

  private LaunchResult launch(LaunchRequest request) {
    return launcher.launch(request).toCompletableFuture().join();
  }

  @Test
  void shouldReportSuccessWhenTheWorkerExitsWithZero() {
    AttemptId id = attempt("extract", 1);

    assertThat(launch(succeeding(id))).isEqualTo(LaunchResult.launched());

    AttemptStatus end = recorder.awaitEnd(id, timeout());
    assertThat(end.phase()).isEqualTo(AttemptStatus.Phase.SUCCEEDED);
    assertThat(end.exitCode()).isZero();
    assertThat(end.reason()).isNull();
  }

  @Test
  void shouldReportExitCodeReasonAndLastLogLineWhenTheWorkerFails() {
    AttemptId id = attempt("transform", 1);

    launch(failing(id, 3, "boom: the op threw"));

    AttemptStatus end = recorder.awaitEnd(id, timeout());
    assertThat(end.phase()).isEqualTo(AttemptStatus.Phase.FAILED);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
    assertThat(end.exitCode()).isEqualTo(3);
    assertThat(end.lastLogLines()).last().asString().contains("boom: the op threw");
  }

  @Test
  void shouldStartTheAttemptOnceWhenTheSameAttemptIsLaunchedTwice() {
    AttemptId id = attempt("load", 1);
    LaunchResult first = launch(longRunning(id));

    LaunchResult second = launch(longRunning(id));

    assertThat(first).isEqualTo(LaunchResult.launched());
    assertThat(second).isEqualTo(LaunchResult.alreadyLaunched());
    recorder.await(id, s -> s.phase() == AttemptStatus.Phase.RUNNING, timeout());
    launcher.terminate(id).toCompletableFuture().join();
    recorder.awaitEnd(id, timeout());
    assertThat(recorder.of(id).stream().filter(s -> s.phase() == AttemptStatus.Phase.RUNNING))
        .as("one process, so one RUNNING report")
        .hasSize(1);
  }

  @Test
  void shouldAnswerEachRequestInOrderWhenManyAreLaunchedInOneCall() {
    AttemptId first = attempt("extract", 1);
    AttemptId second = attempt("load", 1);
    launch(succeeding(first));
    recorder.awaitEnd(first, timeout());

    List<LaunchResult> results =
        launcher.launchAll(List.of(succeeding(first), succeeding(second))).stream()
            .map(stage -> stage.toCompletableFuture().join())
            .toList();

    assertThat(results).containsExactly(LaunchResult.alreadyLaunched(), LaunchResult.launched());
    assertThat(recorder.awaitEnd(second, timeout()).phase())
        .isEqualTo(AttemptStatus.Phase.SUCCEEDED);
    assertThat(launcher.launchAll(List.of())).isEmpty();
  }

  /** The same request, its command and environment built only when the launcher asks. */
  private static LaunchRequest lazy(
      LaunchRequest request, java.util.function.Supplier<LaunchRequest.Invocation> invocation) {
    return LaunchRequest.builder(request.attempt(), request.codeLocation())
        .image(request.image())
        .tags(request.tags())
        .invocation(invocation)
        .build();
  }

  @Test
  void shouldRunALazyRequestAsTheRequestItBuildsWhenLaunched() {
    AttemptId id = attempt("extract", 1);
    LaunchRequest built = succeeding(id);

    LaunchResult result = launch(lazy(built, built::invocation));

    assertThat(result).isEqualTo(LaunchResult.launched());
    assertThat(recorder.awaitEnd(id, timeout()).phase()).isEqualTo(AttemptStatus.Phase.SUCCEEDED);
  }

  @Test
  void shouldRejectAsAConfigurationErrorWhenALazyRequestCannotBeBuilt() {
    AttemptId id = attempt("extract", 1);
    LaunchRequest request =
        lazy(
            succeeding(id),
            () -> {
              throw new IllegalArgumentException("the arguments of " + id + " are too long");
            });

    LaunchResult result = launch(request);

    assertThat(result.outcome()).isEqualTo(LaunchResult.Outcome.REJECTED);
    assertThat(result.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
    assertThat(result.message()).contains("too long");
  }

  @Test
  void shouldRecognizeAFinishedAttemptWhenItIsLaunchedAgain() {
    AttemptId id = attempt("load", 1);
    launch(succeeding(id));
    recorder.awaitEnd(id, timeout());

    assertThat(launch(succeeding(id))).isEqualTo(LaunchResult.alreadyLaunched());
  }

  @Test
  void shouldRunEachAttemptSeparatelyWhenAStepIsRetried() {
    AttemptId first = attempt("flaky", 1);
    AttemptId second = first.next();

    launch(failing(first, 1, "first try"));
    recorder.awaitEnd(first, timeout());
    LaunchResult retry = launch(succeeding(second));

    assertThat(retry).isEqualTo(LaunchResult.launched());
    assertThat(recorder.awaitEnd(second, timeout()).phase())
        .isEqualTo(AttemptStatus.Phase.SUCCEEDED);
    assertThat(recorder.of(first))
        .last()
        .extracting(AttemptStatus::phase)
        .isEqualTo(AttemptStatus.Phase.FAILED);
  }

  @Test
  void shouldReportTerminatedWhenARunningAttemptIsTerminated() {
    AttemptId id = attempt("slow", 1);
    launch(longRunning(id));
    recorder.await(id, s -> s.phase() == AttemptStatus.Phase.RUNNING, timeout());

    launcher.terminate(id).toCompletableFuture().join();

    assertThat(recorder.awaitEnd(id, timeout()).phase()).isEqualTo(AttemptStatus.Phase.TERMINATED);
  }

  @Test
  void shouldStopOnlyThatRunsAttemptsWhenARunIsTerminated() {
    AttemptId a = attempt("a", 1);
    AttemptId b = new AttemptId(a.runId(), "b", 1);
    AttemptId other = attempt("a", 1);
    launch(longRunning(a));
    launch(longRunning(b));
    launch(longRunning(other));
    recorder.await(other, s -> s.phase() == AttemptStatus.Phase.RUNNING, timeout());

    launcher.terminateRun(a.runId()).toCompletableFuture().join();

    assertThat(recorder.awaitEnd(a, timeout()).phase()).isEqualTo(AttemptStatus.Phase.TERMINATED);
    assertThat(recorder.awaitEnd(b, timeout()).phase()).isEqualTo(AttemptStatus.Phase.TERMINATED);
    assertThat(recorder.of(other)).noneMatch(s -> s.phase().isEnded());
  }

  @Test
  void shouldCompleteNormallyWhenTerminatingAnUnknownOrFinishedAttempt() {
    AttemptId unknown = attempt("never_launched", 1);
    AttemptId finished = attempt("done", 1);
    launch(succeeding(finished));
    recorder.awaitEnd(finished, timeout());

    launcher.terminate(unknown).toCompletableFuture().join();
    launcher.terminate(finished).toCompletableFuture().join();
    launcher.terminateRun(unknown.runId()).toCompletableFuture().join();

    assertThat(recorder.of(unknown)).isEmpty();
    assertThat(recorder.of(finished))
        .last()
        .extracting(AttemptStatus::phase)
        .isEqualTo(AttemptStatus.Phase.SUCCEEDED);
  }

  @Test
  void shouldReplayTheLatestStatusOfKnownAttemptsWhenANewWatchStarts() {
    AttemptId running = attempt("running", 1);
    AttemptId done = attempt("done", 1);
    launch(longRunning(running));
    launch(succeeding(done));
    recorder.await(running, s -> s.phase() == AttemptStatus.Phase.RUNNING, timeout());
    recorder.awaitEnd(done, timeout());

    StatusRecorder late = new StatusRecorder();
    StatusWatch second = launcher.watch(late);
    try {
      assertThat(late.await(running, s -> true, timeout()).phase())
          .isEqualTo(AttemptStatus.Phase.RUNNING);
      assertThat(late.awaitEnd(done, timeout()).phase()).isEqualTo(AttemptStatus.Phase.SUCCEEDED);
    } finally {
      second.close();
    }
  }

  @Test
  void shouldStopDeliveringWhenTheWatchIsClosed() {
    AttemptId id = attempt("quiet", 1);
    StatusRecorder closed = new StatusRecorder();
    launcher.watch(closed).close();

    launch(succeeding(id));
    recorder.awaitEnd(id, timeout());

    assertThat(closed.of(id)).isEmpty();
  }

  @Test
  void shouldReportEachAttemptsPhasesInOrderWithoutOverlappingCalls() {
    AttemptId a = attempt("a", 1);
    AttemptId b = attempt("b", 1);
    launch(succeeding(a));
    launch(failing(b, 2, "bad"));
    recorder.awaitEnd(a, timeout());
    recorder.awaitEnd(b, timeout());

    for (AttemptId id : List.of(a, b)) {
      List<AttemptStatus.Phase> phases =
          recorder.of(id).stream().map(AttemptStatus::phase).toList();
      assertThat(phases).isSortedAccordingTo(AttemptStatus.Phase::compareTo);
      assertThat(phases.stream().filter(AttemptStatus.Phase::isEnded)).hasSize(1);
    }
    assertThat(recorder.overlapped()).isFalse();
  }

  @Test
  void shouldRefuseANullRequestWhenLaunching() {
    assertThatThrownBy(() -> launcher.launch(null).toCompletableFuture().join())
        .isInstanceOfAny(NullPointerException.class, CompletionException.class);
  }
}
