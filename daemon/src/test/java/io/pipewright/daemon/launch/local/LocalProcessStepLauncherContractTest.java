package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.launch.StepLauncherContractTest;
import io.pipewright.storage.files.FileComputeLogStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The local-process launcher against core's launcher contract, with shell scripts as workers. */
class LocalProcessStepLauncherContractTest extends StepLauncherContractTest {

  @TempDir Path dir;

  @Override
  protected StepLauncher createLauncher() {
    LocalLauncherSettings settings =
        new LocalLauncherSettings(
            Map.of("contract", WorkerCommand.of("/bin/sh", "-c")),
            dir.resolve("state"),
            Duration.ofSeconds(5),
            20,
            LocalLauncherSettings.DEFAULT_INHERITED_ENVIRONMENT,
            true);
    return new LocalProcessStepLauncher(
        settings,
        new FileComputeLogStore(dir.resolve("logs")),
        AttemptOutputListener.NONE,
        Clock.systemUTC());
  }

  @Override
  protected void closeLauncher(StepLauncher created) {
    ((LocalProcessStepLauncher) created).close();
  }

  private static LaunchRequest script(AttemptId attempt, String script) {
    return LaunchRequest.builder(attempt, "contract").command(List.of(script)).build();
  }

  @Override
  protected LaunchRequest succeeding(AttemptId attempt) {
    return script(attempt, "exit 0");
  }

  @Override
  protected LaunchRequest failing(AttemptId attempt, int exitCode, String lastLine) {
    return script(attempt, "echo 'starting' >&2; echo '" + lastLine + "' >&2; exit " + exitCode);
  }

  @Override
  protected LaunchRequest longRunning(AttemptId attempt) {
    return script(attempt, "sleep 60");
  }
}
