package io.pipewright.sdk.io;

/**
 * Stores op outputs and loads them as downstream inputs (Dagster's {@code IOManager}). The steps of
 * a run may run in different processes or pods, so everything that passes between ops goes through
 * an IO manager.
 *
 * <p>An IO manager is bound to a key as a resource (see {@link IOManagers}); outputs use the one
 * bound to {@code io_manager} unless {@link io.pipewright.sdk.Out#withIoManager} names another.
 */
public interface IOManager {
  /**
   * Stores one output value.
   *
   * @param context which output of which step of which run, its type and metadata
   * @param value the value (already type-checked)
   * @throws Exception when it cannot be stored; the step fails with this error
   */
  void handleOutput(OutputContext context, Object value) throws Exception;

  /**
   * Loads the value of an upstream output for an input.
   *
   * @param context which input, and the upstream output it is connected to
   * @return the value
   * @throws Exception when it cannot be loaded; the step fails with this error
   */
  Object loadInput(InputContext context) throws Exception;
}
