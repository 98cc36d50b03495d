package io.pipewright.core.run;

/** What a stored snapshot body is. */
public enum SnapshotKind {
  /** A job snapshot ({@code core.snapshot.JobSnapshot}) as it was when a run was launched. */
  JOB,
  /** An execution plan snapshot ({@code core.snapshot.ExecutionPlanSnapshot}) of a run. */
  EXECUTION_PLAN
}
