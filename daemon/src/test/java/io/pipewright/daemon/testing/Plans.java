package io.pipewright.daemon.testing;

import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plan snapshots for daemon tests, shaped as the code location server plans them. */
public final class Plans {

  private Plans() {}

  /**
   * A plan of steps, each reading the previous one's {@code result}: a chain.
   *
   * @param job the job's name
   * @param keys the step keys, in order
   * @return the plan
   */
  public static ExecutionPlanSnapshot chain(String job, String... keys) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      Step step = step(keys[i]);
      if (i > 0) {
        step.in("x", keys[i - 1]);
      }
      steps.add(step);
    }
    return plan(job, steps.toArray(Step[]::new));
  }

  /**
   * A plan of the given steps.
   *
   * @param job the job
   * @param steps the steps in topological order
   * @return the plan
   */
  public static ExecutionPlanSnapshot plan(String job, Step... steps) {
    List<StepSnapshot> built = new ArrayList<>();
    for (Step step : steps) {
      built.add(step.build());
    }
    return new ExecutionPlanSnapshot(job, built);
  }

  /**
   * A step with one output, {@code result}.
   *
   * @param key the step key
   * @return the step
   */
  public static Step step(String key) {
    return new Step(key);
  }

  /** A step being described. */
  public static final class Step {
    private final String key;
    private final List<StepInputSnapshot> inputs = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private RetryPolicySnapshot retry;

    private Step(String key) {
      this.key = key;
    }

    /**
     * Reads {@code result} of another step.
     *
     * @param name the input
     * @param from the upstream step
     * @return this step
     */
    public Step in(String name, String from) {
      inputs.add(
          new StepInputSnapshot(
              name,
              "Int",
              List.of(new StepInputSourceSnapshot.StepOutput(from, "result", false)),
              false,
              false));
      return this;
    }

    /**
     * Adds a tag (a pool: {@code pool}).
     *
     * @param key the key
     * @param value the value
     * @return this step
     */
    public Step tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    /**
     * Retries the op up to a number of times, at once.
     *
     * @param maxRetries the retries
     * @return this step
     */
    public Step retries(int maxRetries) {
      retry = new RetryPolicySnapshot(maxRetries, Duration.ZERO, null, null);
      return this;
    }

    StepSnapshot build() {
      return new StepSnapshot(
          key,
          key,
          key,
          null,
          inputs,
          List.of(new StepOutputSnapshot("result", "Int", false, false, "io_manager", null)),
          tags,
          retry,
          List.of(),
          List.of());
    }
  }
}
