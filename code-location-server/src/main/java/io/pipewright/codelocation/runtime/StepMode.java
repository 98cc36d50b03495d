package io.pipewright.codelocation.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Quarkus settings of a step worker ({@code execute-step}), applied as system properties before
 * Quarkus starts, so that they win over {@code application.properties}:
 *
 * <ul>
 *   <li>{@code quarkus.http.host-enabled=false}: no port is bound. gRPC, health and metrics share
 *       the HTTP server, and a step worker serves none of them; a location server (or another
 *       worker) may be listening on the same host.
 *   <li>{@code quarkus.log.console.stderr=true}: logs go to standard error; standard output carries
 *       the events when there is no event ingest.
 *   <li>no banner, and Quarkus's own start-up lines only from WARN: the pod's log is the step's.
 * </ul>
 *
 * <p>The previous values are restored afterwards: in tests several applications share one JVM.
 */
final class StepMode {

  /** Set while a step worker runs; {@link ServerStartup} then loads nothing eagerly. */
  static final String PROPERTY = "pipewright.step-worker";

  private static final Map<String, String> SETTINGS =
      Map.of(
          PROPERTY,
          "true",
          "quarkus.http.host-enabled",
          "false",
          "quarkus.log.console.stderr",
          "true",
          "quarkus.banner.enabled",
          "false",
          "quarkus.log.category.\"io.quarkus\".level",
          "WARN");

  private StepMode() {}

  /** Whether this process runs as a step worker. */
  static boolean active() {
    return Boolean.getBoolean(PROPERTY);
  }

  /**
   * Applies the settings.
   *
   * @return the previous values, for {@link #restore}
   */
  static Map<String, String> enter() {
    Map<String, String> previous = new LinkedHashMap<>();
    SETTINGS.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    return previous;
  }

  /**
   * Restores the values {@link #enter} replaced.
   *
   * @param previous the previous values (null: unset)
   */
  static void restore(Map<String, String> previous) {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }
}
