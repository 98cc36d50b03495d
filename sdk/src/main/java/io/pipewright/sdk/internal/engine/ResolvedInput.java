package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.In;
import java.util.List;

/**
 * How a step gets one input's value, decided once the upstream steps have finished.
 *
 * @param in the input's definition
 * @param mode where the value comes from
 * @param refs the stored outputs to load (one for {@link Mode#SINGLE}, any number for {@link
 *     Mode#LIST})
 * @param defaultValue the value for {@link Mode#DEFAULT}
 */
public record ResolvedInput(In in, Mode mode, List<OutputRef> refs, Object defaultValue) {

  /** Where an input's value comes from. */
  public enum Mode {
    /** One upstream output. */
    SINGLE,
    /** A list of upstream outputs: a fan-in, or the collected values of a dynamic output. */
    LIST,
    /** One upstream asset's partitions, as a map from partition key to value. */
    PARTITIONS,
    /** The input's default value. */
    DEFAULT,
    /** No value: an order-only dependency. */
    NOTHING
  }
}
