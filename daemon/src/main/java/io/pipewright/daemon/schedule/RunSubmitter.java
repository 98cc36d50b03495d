package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunAlreadyExistsException;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.protocol.mapping.SnapshotCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates runs as the webserver's launch does (Dagster's queued run coordinator): the code location
 * validates the config and plans the steps, the job and plan snapshots are stored, then the run
 * (NOT_STARTED), its {@code RUN_ENQUEUED} event, and its move to QUEUED, where the daemon's queue
 * takes it. The run id is given (deterministic), which makes a second submission harmless: a run
 * that exists is reported {@link Submission.Existing}, and one a crash left NOT_STARTED is queued.
 *
 * <p>Thread-safe; every call blocks.
 */
public final class RunSubmitter {

  /** The error class of a run request the daemon could not turn into a run. */
  public static final String REJECTED = "io.pipewright.RunRequestRejected";

  private final InstigationStores stores;
  private final Duration timeout;

  /**
   * Creates the submitter.
   *
   * @param stores the stores
   * @param timeout how long one store call may take
   */
  public RunSubmitter(InstigationStores stores, Duration timeout) {
    this.stores = stores;
    this.timeout = timeout;
  }

  /**
   * Creates a run unless one with its id exists.
   *
   * @param client the run's code location
   * @param job the job's snapshot, stored with the run
   * @param spec the run
   * @param now the creation time
   * @return what happened
   * @throws io.pipewright.core.codelocation.CodeLocationUnavailableException when the location
   *     cannot be reached: nothing was created, try again later
   */
  public Submission submit(CodeLocationClient client, JobSnapshot job, RunSpec spec, Instant now) {
    return submit(client, job, spec, now, new HashSet<>());
  }

  /**
   * Creates a run unless one with its id exists, skipping the snapshots stored already by the same
   * batch of submissions (a chunk of ticks mostly runs one job with one plan: two writes per run
   * saved). Snapshots are content-addressed and never deleted, so an id in the set is stored.
   *
   * @param client the run's code location
   * @param job the job's snapshot, stored with the run
   * @param spec the run
   * @param now the creation time
   * @param storedSnapshots the ids of the snapshots this batch stored; the ones this call stores
   *     are added (not thread-safe: one set per batch, on one thread)
   * @return what happened
   * @throws io.pipewright.core.codelocation.CodeLocationUnavailableException when the location
   *     cannot be reached: nothing was created, try again later
   */
  public Submission submit(
      CodeLocationClient client,
      JobSnapshot job,
      RunSpec spec,
      Instant now,
      Set<String> storedSnapshots) {
    Optional<Run> existing = stores.runs().find(spec.runId()).await().atMost(timeout);
    if (existing.isPresent()) {
      return new Submission.Existing(finishEnqueue(existing.get(), now));
    }
    ExecutionPlanResult result;
    try {
      result =
          client.executionPlan(
              ExecutionPlanRequest.forJob(spec.jobName())
                  .assetSelection(spec.assetSelection())
                  .runConfig(spec.runConfig())
                  .partitionKey(spec.partitionKey())
                  .dynamicPartitions(dynamicKeys(job, spec))
                  .build());
    } catch (CodeLocationCallException e) {
      return new Submission.Rejected(
          ErrorSnapshot.of(
              REJECTED, "Job '" + spec.jobName() + "' cannot be planned: " + e.getMessage()));
    }
    if (result instanceof ExecutionPlanResult.InvalidConfig invalid) {
      return new Submission.Rejected(ErrorSnapshot.of(REJECTED, configErrors(spec, invalid)));
    }
    if (result instanceof ExecutionPlanResult.Failed failed) {
      return new Submission.Rejected(failed.error());
    }
    SnapshotCodec.Encoded jobBody = SnapshotCodec.job(job);
    SnapshotCodec.Encoded planBody =
        SnapshotCodec.plan(((ExecutionPlanResult.Planned) result).plan());
    if (!storedSnapshots.contains(jobBody.id())) {
      stores
          .snapshots()
          .put(jobBody.id(), SnapshotKind.JOB, jobBody.body())
          .await()
          .atMost(timeout);
      storedSnapshots.add(jobBody.id());
    }
    if (!storedSnapshots.contains(planBody.id())) {
      stores
          .snapshots()
          .put(planBody.id(), SnapshotKind.EXECUTION_PLAN, planBody.body())
          .await()
          .atMost(timeout);
      storedSnapshots.add(planBody.id());
    }
    Map<String, String> tags = new LinkedHashMap<>(job.tags());
    tags.putAll(spec.tags());
    Run run =
        Run.builder(spec.runId(), spec.jobName(), spec.codeLocation())
            .runConfig(spec.runConfig())
            .tags(tags)
            .assetSelection(spec.assetSelection())
            .partitionKey(spec.partitionKey())
            .backfillId(spec.backfillId())
            .planSnapshotId(planBody.id())
            .jobSnapshotId(jobBody.id())
            .createTime(now)
            .build();
    try {
      stores.runs().add(run).await().atMost(timeout);
    } catch (RunAlreadyExistsException e) {
      // Another daemon (or an earlier attempt whose answer was lost) created it meanwhile.
      Run stored = stores.runs().find(spec.runId()).await().atMost(timeout).orElse(run);
      return new Submission.Existing(finishEnqueue(stored, now));
    }
    return new Submission.Created(finishEnqueue(run, now));
  }

  /** The stored keys of the job's dynamic partitions, so that the location can check the key. */
  private Map<String, List<String>> dynamicKeys(JobSnapshot job, RunSpec spec) {
    if (spec.partitionKey() == null || job.partitions() == null) {
      return Map.of();
    }
    Set<String> names = new LinkedHashSet<>();
    dynamicNames(job.partitions(), names);
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String name : names) {
      keys.put(name, stores.dynamicPartitions().keys(name).await().atMost(timeout));
    }
    return keys;
  }

  /**
   * Collects the names of the dynamic partitions definitions in a partitions definition.
   *
   * @param partitions the definition
   * @param names where the names go
   */
  public static void dynamicNames(PartitionsSnapshot partitions, Set<String> names) {
    if (partitions instanceof PartitionsSnapshot.Dynamic dynamic) {
      names.add(dynamic.name());
    } else if (partitions instanceof PartitionsSnapshot.Multi multi) {
      multi.dimensions().forEach(d -> dynamicNames(d.partitions(), names));
    }
  }

  /** Queues a run left NOT_STARTED (by a crash between its creation and its queueing). */
  private Run finishEnqueue(Run run, Instant now) {
    if (run.status() != RunStatus.NOT_STARTED) {
      return run;
    }
    stores
        .events()
        .append(
            List.of(
                new EventRecord(
                    run.runId(),
                    null,
                    0,
                    0,
                    now,
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .atMost(timeout);
    try {
      return stores
          .runs()
          .transition(run.runId(), RunStatus.NOT_STARTED, RunStatus.QUEUED, now)
          .await()
          .atMost(timeout);
    } catch (RunConflictException e) {
      return stores.runs().find(run.runId()).await().atMost(timeout).orElse(run);
    }
  }

  private static String configErrors(RunSpec spec, ExecutionPlanResult.InvalidConfig invalid) {
    StringBuilder message =
        new StringBuilder("The run config of job '").append(spec.jobName()).append("' is invalid:");
    for (ConfigErrorSnapshot error : invalid.errors()) {
      message.append("\n  ").append(error.path()).append(": ").append(error.message());
    }
    return message.toString();
  }
}
