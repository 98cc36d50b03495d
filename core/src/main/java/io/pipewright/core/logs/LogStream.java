package io.pipewright.core.logs;

/** One of a step attempt's two output streams. */
public enum LogStream {
  /** Standard output: without an event ingest, the worker's events as JSON lines. */
  STDOUT("stdout.log"),
  /** Standard error: the worker's and the user code's log lines. */
  STDERR("stderr.log");

  private final String fileName;

  LogStream(String fileName) {
    this.fileName = fileName;
  }

  /**
   * The name of the stream's file in an attempt's log directory.
   *
   * @return the file name
   */
  public String fileName() {
    return fileName;
  }
}
