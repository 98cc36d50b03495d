package io.pipewright.daemon.app;

import io.pipewright.daemon.testing.FakeWorkerMain;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The daemon with in-memory storage, no leader election, and one code location, {@code fake}, whose
 * workers are {@link FakeWorkerMain} in child JVMs. State and logs go under target/.
 */
public class FakeWorkerProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path target = Path.of("target", "daemon-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    return Map.of(
        "pipewright.daemon.locations.fake.worker-command",
        java
            + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
            + System.getProperty("java.class.path")
            + " "
            + FakeWorkerMain.class.getName(),
        "pipewright.daemon.leader.election",
        "none",
        "pipewright.daemon.local-launcher.state-directory",
        target.resolve("attempts").toString(),
        "pipewright.daemon.local-launcher.terminate-on-shutdown",
        "true",
        "pipewright.daemon.compute-logs.directory",
        target.resolve("logs").toString(),
        "pipewright.daemon.orchestration.exit-grace-period",
        "1s",
        "pipewright.daemon.ingest.poll-interval",
        "50ms");
  }
}
