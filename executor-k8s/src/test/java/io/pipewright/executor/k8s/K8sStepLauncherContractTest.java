package io.pipewright.executor.k8s;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.launch.StepLauncherContractTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The port's contract, against the mock API server and the test kubelet: each worker is a real
 * local process ({@code sh}, {@code sleep}) that the kubelet starts from the pod's arguments.
 */
class K8sStepLauncherContractTest extends StepLauncherContractTest {

  private static final String NS = "contract";

  private static LauncherCluster k8s;

  @BeforeAll
  static void startCluster() {
    k8s = LauncherCluster.start(NS);
  }

  @AfterAll
  static void stopCluster() {
    k8s.close();
  }

  @Override
  protected StepLauncher createLauncher() throws Exception {
    K8sExecutorSettings settings = k8s.settings("contract").build();
    return K8sStepLauncher.builder(k8s.client(), settings)
        .runs(runId -> Optional.of(RunLookup.RunInfo.active("contract_job", Map.of())))
        .start();
  }

  @Override
  protected void closeLauncher(StepLauncher created) {
    ((K8sStepLauncher) created).close();
  }

  @Override
  protected LaunchRequest succeeding(AttemptId attempt) {
    return request(attempt, List.of("sh", "-c", "echo working; exit 0")).build();
  }

  @Override
  protected LaunchRequest failing(AttemptId attempt, int exitCode, String lastLine) {
    // The line travels in the environment, so that no quoting can change it.
    return request(
            attempt, List.of("sh", "-c", "echo first; echo \"$LAST_LINE\"; exit " + exitCode))
        .environment("LAST_LINE", lastLine)
        .build();
  }

  @Override
  protected LaunchRequest longRunning(AttemptId attempt) {
    return request(attempt, List.of("sleep", "300")).build();
  }

  private static LaunchRequest.Builder request(AttemptId attempt, List<String> command) {
    return LaunchRequest.builder(attempt, "etl")
        .image("registry.example.com/etl:1")
        .command(command)
        .environment("PIPEWRIGHT_INGEST_TOKEN", "token-of-" + attempt.stepKey());
  }
}
