package io.pipewright.codelocation.worker;

import io.pipewright.core.event.EventRecord;
import io.pipewright.protocol.mapping.EventJsonLines;
import java.io.PrintStream;

/**
 * Writes each event as one line of JSON ({@link EventJsonLines}) to a stream, the worker's standard
 * output when it has no event ingest: readable in {@code kubectl logs}, and readable back without
 * loss by a local launcher. Each line is flushed at once, so a reader follows the step live.
 */
public final class JsonLinesEventSink implements StepEventSink {
  private final PrintStream out;
  private long written;
  private boolean closed;

  /**
   * Creates the sink.
   *
   * @param out where the lines go
   */
  public JsonLinesEventSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void accept(EventRecord event) {
    if (closed) {
      return;
    }
    // '\n', not println's line.separator: the lines are a format, the same on every platform.
    out.print(EventJsonLines.encode(event) + "\n");
    out.flush();
    written++;
  }

  @Override
  public synchronized Delivery flush() {
    out.flush();
    // PrintStream swallows IO errors (a closed pipe) and remembers them.
    return out.checkError()
        ? Delivery.failed(
            0,
            "Writing events to standard output failed (is the reader of the pipe gone?); "
                + written
                + " events were written, some may be lost.")
        : Delivery.delivered(written);
  }

  @Override
  public synchronized Delivery close() {
    Delivery delivery = flush();
    closed = true;
    return delivery;
  }
}
