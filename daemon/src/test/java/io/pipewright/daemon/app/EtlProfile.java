package io.pipewright.daemon.app;

import io.pipewright.postgres.local.PrivatePostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon on the private PostgreSQL, running the steps of the example code location {@code etl}
 * with the app's own step worker: {@code java -jar examples/etl/.../quarkus-run.jar execute-step
 * ...}.
 */
public class EtlProfile implements QuarkusTestProfile {

  /** The packaged example app (built before this module: see the daemon's pom). */
  public static Path etlJar() {
    return Path.of("..", "examples", "etl", "target", "quarkus-app", "quarkus-run.jar")
        .toAbsolutePath()
        .normalize();
  }

  /** The JVM to start workers and the example server with. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PrivatePostgresResource.class));
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    Path target = Path.of("target", "daemon-etl-" + System.nanoTime()).toAbsolutePath();
    Map<String, String> config = new HashMap<>();
    config.put(
        "pipewright.daemon.locations.etl.worker-command",
        java() + " -XX:TieredStopAtLevel=1 -Xshare:auto -jar " + etlJar());
    config.put("pipewright.daemon.locations.etl.environment.WAREHOUSE_PASSWORD", "demo-password");
    config.put(
        "pipewright.daemon.local-launcher.state-directory", target.resolve("attempts").toString());
    config.put("pipewright.daemon.local-launcher.terminate-on-shutdown", "true");
    config.put("pipewright.daemon.compute-logs.directory", target.resolve("logs").toString());
    config.put("pipewright.daemon.orchestration.exit-grace-period", "2s");
    config.put("pipewright.daemon.ingest.poll-interval", "50ms");
    return config;
  }
}
