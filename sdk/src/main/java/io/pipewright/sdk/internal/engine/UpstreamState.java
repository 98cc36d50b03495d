package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.internal.plan.StepTemplate;
import java.util.List;

/**
 * What a step's input resolution needs to know about the steps upstream of it, once they are done.
 * The in-process {@link Coordinator} answers from the run it drives; a step worker answers from the
 * known state the orchestrator hands it ({@link KnownUpstream}). Both resolve inputs with the same
 * {@link InputResolver}, so that a step reads the same values in a pod as in process.
 */
public interface UpstreamState {

  /** How a finished upstream step ended. */
  enum Outcome {
    /** It succeeded; its outputs are those it produced. */
    SUCCEEDED,
    /** It failed. */
    FAILED,
    /** It was skipped because a step upstream of it failed. */
    SKIPPED_AFTER_FAILURE,
    /** It was skipped because an output it needed was not produced. */
    SKIPPED
  }

  /** A finished upstream step. */
  interface Step {

    /**
     * The step's key.
     *
     * @return the key, such as {@code split} or {@code square[r1]}
     */
    String key();

    /**
     * How it ended.
     *
     * @return the outcome
     */
    Outcome outcome();

    /**
     * Whether it succeeded and produced an output.
     *
     * @param outputName the output
     * @return true when the output can be loaded
     */
    boolean hasOutput(String outputName);

    /**
     * The mapping keys a dynamic output produced, in order.
     *
     * @param outputName the dynamic output
     * @return the keys; empty when none were produced
     * @throws IllegalArgumentException when they are not known (a step worker given incomplete
     *     known state)
     */
    List<String> mappingKeys(String outputName);

    /**
     * Whether it failed, or was skipped because of a failure upstream of it.
     *
     * @return true after a failure
     */
    default boolean failedOrAfterFailure() {
      Outcome outcome = outcome();
      return outcome == Outcome.FAILED || outcome == Outcome.SKIPPED_AFTER_FAILURE;
    }
  }

  /**
   * A finished step, by key.
   *
   * @param stepKey the key
   * @return the step
   * @throws IllegalArgumentException when the step is unknown
   */
  Step step(String stepKey);

  /**
   * The instances of a mapped step, in mapping key order, once the dynamic output it is mapped over
   * is known; empty when its dynamic step produced no values, failed or was skipped.
   *
   * @param mapped the mapped step
   * @return the instances
   * @throws IllegalArgumentException when the mapping keys are not known
   */
  List<? extends Step> mappedInstances(StepTemplate mapped);
}
