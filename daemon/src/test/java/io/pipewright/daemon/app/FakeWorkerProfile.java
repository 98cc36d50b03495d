package io.pipewright.daemon.app;

import io.pipewright.daemon.testing.FakeWorkerMain;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon with in-memory storage, no leader election, and one code location, {@code fake}, whose
 * workers are {@link FakeWorkerMain} in child JVMs. State and logs go under target/.
 */
public class FakeWorkerProfile implements QuarkusTestProfile {

  /** The worker command of {@link FakeWorkerMain} in a child JVM with this test's class path. */
  public static String workerCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return java
        + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
        + System.getProperty("java.class.path")
        + " "
        + FakeWorkerMain.class.getName();
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PrivatePostgresResource.class));
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    Path target =
        Path.of("target", "daemon-it-" + getClass().getSimpleName() + "-" + System.nanoTime())
            .toAbsolutePath();
    Map<String, String> config = new HashMap<>();
    config.putAll(
        Map.of(
            "pipewright.daemon.locations.fake.worker-command",
            workerCommand(),
            "pipewright.daemon.local-launcher.state-directory",
            target.resolve("attempts").toString(),
            "pipewright.daemon.local-launcher.terminate-on-shutdown",
            "true",
            "pipewright.daemon.compute-logs.directory",
            target.resolve("logs").toString(),
            "pipewright.daemon.orchestration.exit-grace-period",
            "1s",
            "pipewright.daemon.ingest.poll-interval",
            "50ms"));
    return config;
  }
}
