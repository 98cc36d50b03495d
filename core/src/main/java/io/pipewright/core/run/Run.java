package io.pipewright.core.run;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of a job (or of an asset selection), as the control plane stores it: Dagster's
 * {@code DagsterRun} plus the timestamps of its {@code RunRecord}.
 *
 * <p>A run row is a materialized view of the run's events, kept by the daemon (architecture §4):
 * only the daemon changes {@link #status()} after a run is queued, always through {@link
 * RunStore#transition}.
 *
 * @param runId the run's id (a UUID string); non-blank, unique
 * @param jobName the job the run executes; non-blank
 * @param codeLocation the code location that defines the job; non-blank
 * @param status where the run is in its lifecycle; not null
 * @param runConfig the run config as launched (canonical user JSON; secrets stay {@code {"env":
 *     "NAME"}} references and are never resolved here)
 * @param tags the run's tags (Dagster's {@code dagster/...} system tags included)
 * @param opSelection the op selection clauses; empty for the whole job
 * @param assetSelection the selected asset keys; empty for the whole job
 * @param stepKeysToExecute the steps to execute (re-execution); empty for all planned steps
 * @param partitionKey the partition the run materializes; null when not partitioned
 * @param planSnapshotId the id of the execution plan snapshot stored with the run ({@link
 *     SnapshotStore}); null only for runs created outside a launch (reported runs)
 * @param jobSnapshotId the id of the job snapshot the run was planned from; may be null
 * @param parentRunId the run this one re-executes; null for a new run
 * @param rootRunId the first run of a re-execution chain; null for a new run
 * @param backfillId the backfill that launched the run; null otherwise
 * @param createTime when the run was created; not null
 * @param updateTime when the run row last changed; not null
 * @param startTime when the run started executing; null before
 * @param endTime when the run reached a terminal status; null before
 */
public record Run(
    String runId,
    String jobName,
    String codeLocation,
    RunStatus status,
    Map<String, Object> runConfig,
    Map<String, String> tags,
    List<String> opSelection,
    List<AssetKeySnapshot> assetSelection,
    List<String> stepKeysToExecute,
    String partitionKey,
    String planSnapshotId,
    String jobSnapshotId,
    String parentRunId,
    String rootRunId,
    String backfillId,
    Instant createTime,
    Instant updateTime,
    Instant startTime,
    Instant endTime) {

  /** Validates the components and makes the collections immutable. */
  public Run {
    String record = "Run";
    Checks.requireNonBlank(runId, record, "runId");
    Checks.requireNonBlank(jobName, record, runId, "jobName");
    Checks.requireNonBlank(codeLocation, record, runId, "codeLocation");
    Checks.require(status, record, runId, "status");
    runConfig = UserJson.canonicalObject(runConfig, "the run config of run " + runId);
    tags = Checks.tags(tags, record, runId, "tags");
    opSelection = Checks.list(opSelection, record, runId, "opSelection");
    assetSelection = Checks.list(assetSelection, record, runId, "assetSelection");
    stepKeysToExecute = Checks.list(stepKeysToExecute, record, runId, "stepKeysToExecute");
    Checks.optionalNonBlank(partitionKey, record, runId, "partitionKey");
    Checks.optionalNonBlank(planSnapshotId, record, runId, "planSnapshotId");
    Checks.optionalNonBlank(jobSnapshotId, record, runId, "jobSnapshotId");
    Checks.optionalNonBlank(parentRunId, record, runId, "parentRunId");
    Checks.optionalNonBlank(rootRunId, record, runId, "rootRunId");
    Checks.optionalNonBlank(backfillId, record, runId, "backfillId");
    Checks.require(createTime, record, runId, "createTime");
    Checks.require(updateTime, record, runId, "updateTime");
  }

  /**
   * Starts a run description; {@link Builder#build()} creates it.
   *
   * @param runId the run's id
   * @param jobName the job it executes
   * @param codeLocation the code location defining the job
   * @return a builder with status {@link RunStatus#NOT_STARTED} and no timestamps set
   */
  public static Builder builder(String runId, String jobName, String codeLocation) {
    return new Builder(runId, jobName, codeLocation);
  }

  /**
   * Returns a builder pre-filled with this run's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(runId, jobName, codeLocation);
    b.status = status;
    b.runConfig = runConfig;
    b.tags = tags;
    b.opSelection = opSelection;
    b.assetSelection = assetSelection;
    b.stepKeysToExecute = stepKeysToExecute;
    b.partitionKey = partitionKey;
    b.planSnapshotId = planSnapshotId;
    b.jobSnapshotId = jobSnapshotId;
    b.parentRunId = parentRunId;
    b.rootRunId = rootRunId;
    b.backfillId = backfillId;
    b.createTime = createTime;
    b.updateTime = updateTime;
    b.startTime = startTime;
    b.endTime = endTime;
    return b;
  }

  /**
   * Returns this run moved to another status at the given time, checked against {@link
   * RunStateMachine}: sets {@link #startTime()} on {@link RunStatus#STARTED} and {@link #endTime()}
   * on a terminal status.
   *
   * @param next the new status
   * @param at when the change happened
   * @return the changed copy
   * @throws IllegalRunTransitionException when the lifecycle does not allow the change
   */
  public Run withStatus(RunStatus next, Instant at) {
    RunStateMachine.transition(status, next);
    Builder b = toBuilder().status(next).updateTime(at);
    if (next == RunStatus.STARTED && startTime == null) {
      b.startTime(at);
    }
    if (next.isTerminal()) {
      b.endTime(at);
    }
    return b.build();
  }

  /** Builds a {@link Run}; every setter returns the builder. */
  public static final class Builder {
    private final String runId;
    private final String jobName;
    private final String codeLocation;
    private RunStatus status = RunStatus.NOT_STARTED;
    private Map<String, Object> runConfig = Map.of();
    private Map<String, String> tags = Map.of();
    private List<String> opSelection = List.of();
    private List<AssetKeySnapshot> assetSelection = List.of();
    private List<String> stepKeysToExecute = List.of();
    private String partitionKey;
    private String planSnapshotId;
    private String jobSnapshotId;
    private String parentRunId;
    private String rootRunId;
    private String backfillId;
    private Instant createTime;
    private Instant updateTime;
    private Instant startTime;
    private Instant endTime;

    private Builder(String runId, String jobName, String codeLocation) {
      this.runId = runId;
      this.jobName = jobName;
      this.codeLocation = codeLocation;
    }

    /**
     * Sets the status.
     *
     * @param value the status
     * @return this builder
     */
    public Builder status(RunStatus value) {
      this.status = value;
      return this;
    }

    /**
     * Sets the run config.
     *
     * @param value user JSON
     * @return this builder
     */
    public Builder runConfig(Map<String, ?> value) {
      this.runConfig = UserJson.canonicalObject(value, "the run config of run " + runId);
      return this;
    }

    /**
     * Sets the tags.
     *
     * @param value the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> value) {
      this.tags = value;
      return this;
    }

    /**
     * Sets the op selection.
     *
     * @param value the clauses
     * @return this builder
     */
    public Builder opSelection(List<String> value) {
      this.opSelection = value;
      return this;
    }

    /**
     * Sets the asset selection.
     *
     * @param value the keys
     * @return this builder
     */
    public Builder assetSelection(List<AssetKeySnapshot> value) {
      this.assetSelection = value;
      return this;
    }

    /**
     * Sets the step keys to execute.
     *
     * @param value the step keys
     * @return this builder
     */
    public Builder stepKeysToExecute(List<String> value) {
      this.stepKeysToExecute = value;
      return this;
    }

    /**
     * Sets the partition key.
     *
     * @param value the key, or null
     * @return this builder
     */
    public Builder partitionKey(String value) {
      this.partitionKey = value;
      return this;
    }

    /**
     * Sets the execution plan snapshot id.
     *
     * @param value the id, or null
     * @return this builder
     */
    public Builder planSnapshotId(String value) {
      this.planSnapshotId = value;
      return this;
    }

    /**
     * Sets the job snapshot id.
     *
     * @param value the id, or null
     * @return this builder
     */
    public Builder jobSnapshotId(String value) {
      this.jobSnapshotId = value;
      return this;
    }

    /**
     * Sets the parent run (re-execution).
     *
     * @param value the parent's id, or null
     * @return this builder
     */
    public Builder parentRunId(String value) {
      this.parentRunId = value;
      return this;
    }

    /**
     * Sets the root run (re-execution).
     *
     * @param value the root's id, or null
     * @return this builder
     */
    public Builder rootRunId(String value) {
      this.rootRunId = value;
      return this;
    }

    /**
     * Sets the backfill that launched the run.
     *
     * @param value the backfill id, or null
     * @return this builder
     */
    public Builder backfillId(String value) {
      this.backfillId = value;
      return this;
    }

    /**
     * Sets the creation time; also the update time when none is set.
     *
     * @param value the time
     * @return this builder
     */
    public Builder createTime(Instant value) {
      this.createTime = value;
      return this;
    }

    /**
     * Sets the update time.
     *
     * @param value the time
     * @return this builder
     */
    public Builder updateTime(Instant value) {
      this.updateTime = value;
      return this;
    }

    /**
     * Sets the start time.
     *
     * @param value the time, or null
     * @return this builder
     */
    public Builder startTime(Instant value) {
      this.startTime = value;
      return this;
    }

    /**
     * Sets the end time.
     *
     * @param value the time, or null
     * @return this builder
     */
    public Builder endTime(Instant value) {
      this.endTime = value;
      return this;
    }

    /**
     * Creates the run.
     *
     * @return the run
     * @throws IllegalArgumentException when a component is invalid
     */
    public Run build() {
      return new Run(
          runId,
          jobName,
          codeLocation,
          status,
          runConfig,
          tags,
          opSelection,
          assetSelection,
          stepKeysToExecute,
          partitionKey,
          planSnapshotId,
          jobSnapshotId,
          parentRunId,
          rootRunId,
          backfillId,
          createTime,
          updateTime == null ? createTime : updateTime,
          startTime,
          endTime);
    }
  }
}
