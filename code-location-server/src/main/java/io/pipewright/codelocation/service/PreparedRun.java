package io.pipewright.codelocation.service;

import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.OpNode;
import java.util.List;

/**
 * A run as the location plans it, before anything runs: the job narrowed to the request's
 * selections, its execution plan, the run config merged and validated, the partitions. {@code
 * GetExecutionPlan} translates it into a snapshot; a step worker runs one of its steps.
 *
 * @param job the job (for an asset selection, compiled for exactly those assets)
 * @param ops the job's flattened ops, in topological order
 * @param plan the planned steps
 * @param runConfig the job's default config, the partition's and the request's, merged, pruned to
 *     the selection and validated
 * @param partitionKeys the run's partitions; empty when unpartitioned
 * @param reexecution whether only some steps run, the others' outputs coming from a parent run
 */
public record PreparedRun(
    JobDefinition job,
    List<OpNode> ops,
    ExecutionPlan plan,
    RunConfig runConfig,
    List<String> partitionKeys,
    boolean reexecution) {

  /** What preparing a run gave: the run, or what the user's config or code got wrong. */
  public sealed interface Outcome {}

  /**
   * The run is ready.
   *
   * @param run the run
   */
  public record Prepared(PreparedRun run) implements Outcome {}

  /**
   * The run config is invalid.
   *
   * @param errors every problem, each with its path
   */
  public record InvalidConfig(List<ConfigErrorSnapshot> errors) implements Outcome {}

  /**
   * The user's partitioned-config function threw.
   *
   * @param error what it threw
   */
  public record Failed(ErrorSnapshot error) implements Outcome {}
}
