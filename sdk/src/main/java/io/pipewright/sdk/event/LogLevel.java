package io.pipewright.sdk.event;

/**
 * The severity of an event, with Dagster's (Python's) level names and numbers, which the GraphQL
 * API reports.
 */
public enum LogLevel {
  /** Detail for debugging; Python level 10. */
  DEBUG(10),
  /** Normal progress; Python level 20. */
  INFO(20),
  /** Something unexpected that did not stop the work; Python level 30. */
  WARNING(30),
  /** A failure; Python level 40. */
  ERROR(40),
  /** A failure that stops everything; Python level 50. */
  CRITICAL(50);

  private final int pythonLevel;

  LogLevel(int pythonLevel) {
    this.pythonLevel = pythonLevel;
  }

  /**
   * Returns the numeric level of Python's {@code logging} module: 10, 20, 30, 40 or 50.
   *
   * @return the Python level
   */
  public int pythonLevel() {
    return pythonLevel;
  }

  /**
   * Tells whether this level is as severe as {@code threshold} or more.
   *
   * @param threshold the minimum level
   * @return true when this level passes the threshold
   */
  public boolean isAtLeast(LogLevel threshold) {
    return pythonLevel >= threshold.pythonLevel;
  }

  /**
   * Returns the level for a Python level number, rounding down to the nearest named level (25 gives
   * {@link #INFO}); numbers below 10 give {@link #DEBUG}.
   *
   * @param pythonLevel the Python level number
   * @return the level
   */
  public static LogLevel fromPythonLevel(int pythonLevel) {
    if (pythonLevel >= CRITICAL.pythonLevel) {
      return CRITICAL;
    } else if (pythonLevel >= ERROR.pythonLevel) {
      return ERROR;
    } else if (pythonLevel >= WARNING.pythonLevel) {
      return WARNING;
    } else if (pythonLevel >= INFO.pythonLevel) {
      return INFO;
    }
    return DEBUG;
  }
}
