package io.pipewright.daemon.app;

import io.pipewright.daemon.testing.ExampleLocation;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon on the private PostgreSQL with the Kubernetes launcher against the mock API server of
 * {@code TestCluster} (started by the test on {@link #apiPort()}), the Lease election, and the two
 * example code locations, {@code etl} and {@code assets}, whose images the test kubelet runs as
 * their packaged apps. Step workers post their events to the ingest of the daemon's HTTP server in
 * tests ({@code TestIngestRoute}) with their attempts' tokens. Timings are short, so that the
 * failure paths end in seconds.
 */
public class KubernetesProfile implements QuarkusTestProfile {

  /** The namespace of step pods and of the Lease. */
  public static final String NAMESPACE = "pipewright-steps";

  /** The images of the two locations, as pods name them. */
  public static final String ETL_IMAGE = "registry.test/etl:1";

  /** The assets location's image. */
  public static final String ASSETS_IMAGE = "registry.test/assets:1";

  /** The shared secret of ingest tokens (32 bytes, base64). */
  public static final String TOKEN_SECRET = "8EybCxxyPwJTgIy/f1WBoeSs5hc3gfxUBTaJ6PteENU=";

  /**
   * The mock API server's port: chosen once per JVM (a system property, since profiles and tests
   * may be loaded by different class loaders), before the daemon starts.
   */
  public static int apiPort() {
    return port("pipewright.test.k8s-api-port");
  }

  /** The daemon's HTTP port in this profile (the ingest's URL must be known before it starts). */
  public static int httpPort() {
    return port("pipewright.test.k8s-http-port");
  }

  /** Where the assets location's workers keep their assets: one directory for all their pods. */
  public static Path assetsHome() {
    return Path.of("target", "k8s-assets-home").toAbsolutePath();
  }

  private static synchronized int port(String property) {
    String known = System.getProperty(property);
    if (known != null) {
      return Integer.parseInt(known);
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      System.setProperty(property, Integer.toString(socket.getLocalPort()));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entrypoint of an example's image: its packaged app, started as a step worker. */
  public static List<String> entrypoint(String example) {
    return List.of(
        ExampleLocation.java(),
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-XX:+UseSerialGC",
        "-Duser.home=" + assetsHome(),
        "-jar",
        ExampleLocation.jar(example).toString());
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PrivatePostgresResource.class));
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    Path target = Path.of("target", "daemon-k8s-" + System.nanoTime()).toAbsolutePath();
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.http.test-port", Integer.toString(httpPort()));
    config.put("pipewright.daemon.launcher", "kubernetes");
    config.put("pipewright.daemon.k8s.master-url", "http://127.0.0.1:" + apiPort() + "/");
    config.put("pipewright.daemon.k8s.namespace", NAMESPACE);
    config.put("pipewright.daemon.k8s.sync-timeout", "3s");
    config.put("pipewright.daemon.k8s.image-pull-grace", "1s");
    config.put("pipewright.daemon.k8s.reevaluate-every", "200ms");
    config.put("pipewright.daemon.leader.election", "kubernetes");
    config.put("pipewright.daemon.leader.lease-namespace", NAMESPACE);
    config.put("pipewright.daemon.locations.etl.image", ETL_IMAGE);
    config.put(
        "pipewright.daemon.locations.etl.k8s-config",
        "{\"container_config\": {\"env\": [{\"name\": \"WAREHOUSE_PASSWORD\","
            + " \"value\": \"demo-password\"}]}}");
    config.put("pipewright.daemon.locations.assets.image", ASSETS_IMAGE);
    config.put("pipewright.daemon.compute-logs.directory", target.resolve("logs").toString());
    config.put("pipewright.daemon.orchestration.exit-grace-period", "2s");
    config.put("pipewright.daemon.orchestration.infrastructure-retries", "1");
    config.put("pipewright.daemon.orchestration.infrastructure-retry-delay", "200ms");
    config.put("pipewright.daemon.ingest.url", "http://localhost:" + httpPort());
    config.put("pipewright.ingest.token-secret", TOKEN_SECRET);
    return config;
  }
}
