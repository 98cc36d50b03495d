package io.pipewright.sdk;

import java.util.Map;

/**
 * The logger of a step. Every line becomes a {@code LOG_MESSAGE} event in the run's event log,
 * tagged with the run id and step key, with optional structured fields.
 *
 * <pre>{@code
 * context.log().info("Loaded rows", Map.of("table", "orders", "rows", 1200));
 * }</pre>
 */
public interface OpLogger {

  /**
   * Logs at DEBUG.
   *
   * @param message the message
   */
  default void debug(String message) {
    debug(message, Map.of());
  }

  /**
   * Logs at DEBUG with structured fields.
   *
   * @param message the message
   * @param fields the fields
   */
  void debug(String message, Map<String, ?> fields);

  /**
   * Logs at INFO.
   *
   * @param message the message
   */
  default void info(String message) {
    info(message, Map.of());
  }

  /**
   * Logs at INFO with structured fields.
   *
   * @param message the message
   * @param fields the fields
   */
  void info(String message, Map<String, ?> fields);

  /**
   * Logs at WARNING.
   *
   * @param message the message
   */
  default void warning(String message) {
    warning(message, Map.of());
  }

  /**
   * Logs at WARNING with structured fields.
   *
   * @param message the message
   * @param fields the fields
   */
  void warning(String message, Map<String, ?> fields);

  /**
   * Logs at ERROR.
   *
   * @param message the message
   */
  default void error(String message) {
    error(message, Map.of());
  }

  /**
   * Logs at ERROR with structured fields.
   *
   * @param message the message
   * @param fields the fields
   */
  void error(String message, Map<String, ?> fields);
}
