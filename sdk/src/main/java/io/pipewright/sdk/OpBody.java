package io.pipewright.sdk;

/**
 * The computation of an op.
 *
 * <p>What it returns becomes the op's outputs: for an op with one output, the value itself (or an
 * {@link Output} with metadata, or {@link DynamicOutputs} for a dynamic output); for several
 * outputs, {@link Outputs}. An op whose only output is {@code Nothing} returns {@code null}.
 * Exceptions are step failures; throw {@link Failure} to attach metadata or forbid retries, and
 * {@link RetryRequested} to ask for a retry.
 */
@FunctionalInterface
public interface OpBody {
  /**
   * Runs the op once.
   *
   * @param context the step's context: config, resources, logger, run information
   * @param inputs the op's input values, loaded and type-checked
   * @return the output value(s)
   * @throws Exception any failure of the op
   */
  Object compute(OpContext context, Inputs inputs) throws Exception;
}
