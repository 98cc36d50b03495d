package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.util.List;

/**
 * The answer to {@link CodeLocationClient#executionPlan}: the plan, the problems of the run config,
 * or the error the user's code raised while planning (for example in a partitioned-config
 * function). Create with the named factories; inspect with a {@code switch} over the three records.
 */
public sealed interface ExecutionPlanResult
    permits ExecutionPlanResult.Planned,
        ExecutionPlanResult.InvalidConfig,
        ExecutionPlanResult.Failed {

  /**
   * Returns a successful result.
   *
   * @param plan the plan
   * @return the result
   */
  static ExecutionPlanResult planned(ExecutionPlanSnapshot plan) {
    return new Planned(plan);
  }

  /**
   * Returns the result of a run config with problems.
   *
   * @param errors the problems, at least one
   * @return the result
   */
  static ExecutionPlanResult invalidConfig(List<ConfigErrorSnapshot> errors) {
    return new InvalidConfig(errors);
  }

  /**
   * Returns the result of user code that failed while planning.
   *
   * @param error the error
   * @return the result
   */
  static ExecutionPlanResult failed(ErrorSnapshot error) {
    return new Failed(error);
  }

  /**
   * The plan.
   *
   * @param plan the plan; not null
   */
  record Planned(ExecutionPlanSnapshot plan) implements ExecutionPlanResult {
    /** Validates the plan. */
    public Planned {
      Checks.require(plan, "ExecutionPlanResult.Planned", "plan");
    }
  }

  /**
   * The run config has problems; nothing was planned.
   *
   * @param errors every problem found, at least one
   */
  record InvalidConfig(List<ConfigErrorSnapshot> errors) implements ExecutionPlanResult {
    /** Validates and copies the errors. */
    public InvalidConfig {
      errors = List.copyOf(Checks.require(errors, "ExecutionPlanResult.InvalidConfig", "errors"));
      if (errors.isEmpty()) {
        throw new IllegalArgumentException(
            "ExecutionPlanResult.InvalidConfig needs at least one config error");
      }
    }
  }

  /**
   * User code failed while planning.
   *
   * @param error the error; not null
   */
  record Failed(ErrorSnapshot error) implements ExecutionPlanResult {
    /** Validates the error. */
    public Failed {
      Checks.require(error, "ExecutionPlanResult.Failed", "error");
    }
  }
}
