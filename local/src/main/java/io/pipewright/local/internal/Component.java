package io.pipewright.local.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One server of the local system, as the supervisor starts it: a packaged Quarkus application run
 * with the launcher's own JVM.
 *
 * @param name its short name, also its log file's ({@code logs/<name>.log})
 * @param port its HTTP port (health at {@code /q/health/ready})
 * @param portVariable the environment variable that changes the port, for messages
 * @param jar the application's {@code quarkus-run.jar}
 * @param command the whole command line
 * @param environment variables added to the launcher's environment (secrets go here, never on the
 *     command line, where {@code ps} shows them)
 */
public record Component(
    String name,
    int port,
    String portVariable,
    Path jar,
    List<String> command,
    Map<String, String> environment) {

  /** Copies the collections. */
  public Component {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /**
   * Returns the URL of its readiness check.
   *
   * @return {@code http://127.0.0.1:<port>/q/health/ready}
   */
  public String healthUrl() {
    return "http://" + SystemPlan.HOST + ":" + port + "/q/health/ready";
  }
}
