package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/** What a schedule or sensor launches: a job, or the assets an asset selection picks. */
public sealed interface TargetSnapshot permits TargetSnapshot.Job, TargetSnapshot.AssetSelection {

  /**
   * A job of the same location.
   *
   * @param jobName the job's name; non-blank
   */
  record Job(String jobName) implements TargetSnapshot {
    /** Validates the name. */
    public Job {
      Checks.requireNonBlank(jobName, "TargetSnapshot.Job", "jobName");
    }
  }

  /**
   * The assets an asset selection expression picks, such as {@code group:sales}.
   *
   * @param expression the selection expression; non-blank
   */
  record AssetSelection(String expression) implements TargetSnapshot {
    /** Validates the expression. */
    public AssetSelection {
      Checks.requireNonBlank(expression, "TargetSnapshot.AssetSelection", "expression");
    }
  }
}
