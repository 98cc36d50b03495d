package io.pipewright.core.event;

/**
 * The severity of an event, with Python's level names and numbers, which Dagster's GraphQL API
 * reports (the sdk's {@code LogLevel}).
 */
public enum EventLevel {
  /** Detail for debugging; level 10. */
  DEBUG(10),
  /** Normal progress; level 20. */
  INFO(20),
  /** Something unexpected that did not stop the work; level 30. */
  WARNING(30),
  /** A failure; level 40. */
  ERROR(40),
  /** A failure that stops everything; level 50. */
  CRITICAL(50);

  private final int pythonLevel;

  EventLevel(int pythonLevel) {
    this.pythonLevel = pythonLevel;
  }

  /**
   * Returns the numeric level of Python's {@code logging} module.
   *
   * @return 10, 20, 30, 40 or 50
   */
  public int pythonLevel() {
    return pythonLevel;
  }
}
