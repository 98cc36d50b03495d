package io.pipewright.daemon.launch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.files.FileComputeLogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local launcher does beyond the contract: restarts, logs, environment, bad commands. */
class LocalProcessStepLauncherTest {

  @TempDir Path dir;

  private LocalProcessStepLauncher launcher(Map<String, WorkerCommand> locations) {
    return new LocalProcessStepLauncher(
        new LocalLauncherSettings(
            locations,
            dir.resolve("state"),
            Duration.ofSeconds(2),
            5,
            LocalLauncherSettings.DEFAULT_INHERITED_ENVIRONMENT,
            false),
        logs(),
        AttemptOutputListener.NONE,
        Clock.systemUTC());
  }

  private FileComputeLogStore logs() {
    return new FileComputeLogStore(dir.resolve("logs"));
  }

  private static LaunchRequest script(AttemptId attempt, String script) {
    return LaunchRequest.builder(attempt, "sh").command(List.of(script)).build();
  }

  private static final Map<String, WorkerCommand> SH =
      Map.of("sh", WorkerCommand.of("/bin/sh", "-c"));

  private static AttemptStatus await(
      List<AttemptStatus> seen, AttemptId id, Predicate<AttemptStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (AttemptStatus status : seen) {
        if (status.attempt().equals(id) && condition.test(status)) {
          return status;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("No status of " + id + " matched; saw " + seen);
  }

  @Test
  void shouldRecognizeAnAttemptLaunchedBeforeARestartWhenLaunchedAgain() {
    AttemptId id = new AttemptId("run-1", "slow", 1);
    LocalProcessStepLauncher first = launcher(SH);
    List<AttemptStatus> seen = new CopyOnWriteArrayList<>();
    first.watch(seen::add);
    first.launch(script(id, "sleep 1; echo done >&2; exit 0")).toCompletableFuture().join();
    await(seen, id, s -> s.phase() == AttemptStatus.Phase.RUNNING);
    first.close();

    LocalProcessStepLauncher second = launcher(SH);
    List<AttemptStatus> after = new CopyOnWriteArrayList<>();
    try (StatusWatch watch = second.watch(after::add)) {
      LaunchResult again = second.launch(script(id, "exit 0")).toCompletableFuture().join();

      assertThat(again).isEqualTo(LaunchResult.alreadyLaunched());
      assertThat(await(after, id, s -> s.phase().isEnded()).phase())
          .isEqualTo(AttemptStatus.Phase.SUCCEEDED);
      assertThat(logs().tail(id, LogStream.STDERR, 5)).containsExactly("done");
    } finally {
      second.close();
    }
  }

  @Test
  void shouldReportTheExitCodeOfAWorkerThatEndedWhileNoDaemonWatchedWhenWatchedAgain()
      throws Exception {
    AttemptId id = new AttemptId("run-2", "quick", 1);
    LocalProcessStepLauncher first = launcher(SH);
    first.launch(script(id, "sleep 0.5; echo 'bad row' >&2; exit 7")).toCompletableFuture().join();
    first.close(); // Nobody watches the worker end.
    Thread.sleep(1500);

    LocalProcessStepLauncher second = launcher(SH);
    List<AttemptStatus> seen = new CopyOnWriteArrayList<>();
    try (StatusWatch watch = second.watch(seen::add)) {
      AttemptStatus end = await(seen, id, s -> s.phase().isEnded());

      assertThat(end.reason()).isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
      assertThat(end.exitCode()).isEqualTo(7);
      assertThat(end.lastLogLines()).containsExactly("bad row");
    } finally {
      second.close();
    }
  }

  @Test
  void shouldRejectALaunchWithTheFixWhenTheCodeLocationHasNoWorkerCommand() {
    LocalProcessStepLauncher launcher = launcher(SH);
    try {
      LaunchResult result =
          launcher
              .launch(
                  LaunchRequest.builder(new AttemptId("run-3", "a", 1), "sales")
                      .command(List.of("execute-step"))
                      .build())
              .toCompletableFuture()
              .join();

      assertThat(result.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
      assertThat(result.message())
          .contains("'sales'")
          .contains("pipewright.daemon.locations.sales.worker-command");
      assertThat(launcher.unavailable("sales")).isPresent();
      assertThat(launcher.unavailable("sh")).isEmpty();
    } finally {
      launcher.close();
    }
  }

  @Test
  void shouldRejectALaunchAsAConfigurationErrorWhenItsLazyArgumentsCannotBeBuilt() {
    LocalProcessStepLauncher launcher = launcher(SH);
    AttemptId id = new AttemptId("run-5", "a", 1);
    try {
      LaunchResult result =
          launcher
              .launch(
                  LaunchRequest.builder(id, "sh")
                      .invocation(
                          () -> {
                            throw new IllegalArgumentException("the arguments are too long");
                          })
                      .build())
              .toCompletableFuture()
              .join();

      assertThat(result.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
      assertThat(result.message()).contains(id.toString()).contains("too long");
      // Not tracked: a later launch of it is tried again, not answered as launched.
      LaunchResult again = launcher.launch(script(id, "exit 0")).toCompletableFuture().join();
      assertThat(again.isLaunched()).isTrue();
      assertThat(again.outcome()).isEqualTo(LaunchResult.Outcome.LAUNCHED);
    } finally {
      launcher.close();
    }
  }

  @Test
  void shouldReportAConfigurationErrorWhenTheWorkerCommandDoesNotExist() {
    LocalProcessStepLauncher launcher =
        launcher(Map.of("broken", WorkerCommand.of("/no/such/java", "-jar", "app.jar")));
    List<AttemptStatus> seen = new CopyOnWriteArrayList<>();
    launcher.watch(seen::add);
    AttemptId id = new AttemptId("run-4", "a", 1);
    try {
      launcher
          .launch(LaunchRequest.builder(id, "broken").command(List.of("execute-step")).build())
          .toCompletableFuture()
          .join();

      AttemptStatus end = await(seen, id, s -> s.phase().isEnded());
      assertThat(end.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
      assertThat(end.exitCode()).isEqualTo(127);
      assertThat(end.message()).contains("pipewright.daemon.locations.broken.worker-command");
    } finally {
      launcher.close();
    }
  }

  @Test
  void shouldReportAConfigurationErrorWhenTheWorkerRefusesItsInvocation() {
    LocalProcessStepLauncher launcher = launcher(SH);
    List<AttemptStatus> seen = new CopyOnWriteArrayList<>();
    launcher.watch(seen::add);
    AttemptId id = new AttemptId("run-6", "a", 1);
    try {
      launcher
          .launch(script(id, "echo 'execute-step: no job named etll' >&2; exit 2"))
          .toCompletableFuture()
          .join();

      AttemptStatus end = await(seen, id, s -> s.phase().isEnded());
      assertThat(end.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
      assertThat(end.lastLogLines()).containsExactly("execute-step: no job named etll");
    } finally {
      launcher.close();
    }
  }

  @Test
  void shouldPassOnlyTheAllowedEnvironmentAndTheRequestsTokenWhenStartingAWorker() {
    LocalProcessStepLauncher launcher = launcher(SH);
    List<AttemptStatus> seen = new CopyOnWriteArrayList<>();
    launcher.watch(seen::add);
    AttemptId id = new AttemptId("run-5", "env", 1);
    try {
      launcher
          .launch(
              LaunchRequest.builder(id, "sh")
                  .command(List.of("env >&2"))
                  .environment("PIPEWRIGHT_INGEST_TOKEN", "secret-token")
                  .build())
          .toCompletableFuture()
          .join();
      await(seen, id, s -> s.phase().isEnded());

      String stderr = Files.readString(logs().files(id).stderr());
      assertThat(stderr).contains("PIPEWRIGHT_INGEST_TOKEN=secret-token").contains("PATH=");
      String notAllowed =
          System.getenv().keySet().stream()
              .filter(k -> !LocalLauncherSettings.DEFAULT_INHERITED_ENVIRONMENT.contains(k))
              .filter(k -> !k.equals("PWD") && !k.equals("SHLVL") && !k.equals("_"))
              .findFirst()
              .orElseThrow();
      assertThat(stderr).doesNotContain(notAllowed + "=");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      launcher.close();
    }
  }
}
