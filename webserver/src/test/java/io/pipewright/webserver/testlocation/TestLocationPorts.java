package io.pipewright.webserver.testlocation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Chooses the test application's HTTP port (where the in-process code location server answers too)
 * and configures the workspace: location {@code test} at that port, location {@code down} at a port
 * where nothing listens.
 */
public final class TestLocationPorts implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    int port = freePort();
    int closed = freePort();
    return Map.of(
        "quarkus.http.test-port", Integer.toString(port),
        "pipewright.workspace.locations.test.host", "localhost",
        "pipewright.workspace.locations.test.port", Integer.toString(port),
        "pipewright.workspace.locations.down.host", "localhost",
        "pipewright.workspace.locations.down.port", Integer.toString(closed));
  }

  @Override
  public void stop() {}

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
