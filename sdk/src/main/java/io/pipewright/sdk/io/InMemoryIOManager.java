package io.pipewright.sdk.io;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps outputs in memory (Dagster's {@code mem_io_manager}). Values pass between steps by
 * reference, so this works only when all steps run in one JVM: in-process runs and tests.
 */
public final class InMemoryIOManager implements IOManager {
  private final Map<List<String>, Object> values = new ConcurrentHashMap<>();

  /** A null placeholder, since ConcurrentHashMap does not hold null values. */
  private static final Object NULL = new Object();

  /** Creates an empty manager. */
  public InMemoryIOManager() {}

  @Override
  public void handleOutput(OutputContext context, Object value) {
    values.put(context.identifier(), value == null ? NULL : value);
  }

  @Override
  public Object loadInput(InputContext context) {
    OutputContext upstream = context.upstreamOutput();
    Object value = values.get(upstream.identifier());
    if (value == null) {
      throw new IllegalStateException(
          "The in-memory IO manager holds no value for output '"
              + upstream.outputName()
              + "' of step '"
              + upstream.stepKey()
              + "' of run "
              + upstream.runId()
              + ". It keeps values only within one in-process run; use the filesystem IO manager"
              + " to pass values between processes or runs.");
    }
    return value == NULL ? null : value;
  }

  /**
   * The number of values held; for tests.
   *
   * @return the count
   */
  public int size() {
    return values.size();
  }
}
