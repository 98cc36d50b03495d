package io.pipewright.daemon.backfill;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillProgress;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStep;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.IllegalRunTransitionException;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.schedule.RunIds;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.daemon.schedule.CodeLocations;
import io.pipewright.daemon.schedule.InstigationLoop;
import io.pipewright.daemon.schedule.InstigationMetrics;
import io.pipewright.daemon.schedule.InstigationStores;
import io.pipewright.daemon.schedule.RunSpec;
import io.pipewright.daemon.schedule.RunSubmitter;
import io.pipewright.daemon.schedule.Scheduler;
import io.pipewright.daemon.schedule.Submission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The backfill daemon (Dagster's BACKFILL daemon): a thin shell around core's {@link
 * BackfillProgress}. Each pass, for every backfill in progress (REQUESTED, CANCELING, FAILING):
 * read the statuses of its unfinished runs, store the partitions that ended, create the runs of the
 * next chunk of pending partitions (under {@code max-in-flight}), cancel what a cancel asks for,
 * and move the backfill's status.
 *
 * <p>Restart-safe: a partition's run id is derived from (backfill, partition), and a partition is
 * marked REQUESTED only after its run exists; a daemon that died in between submits the partition
 * again, finds the run, and marks it. So each partition runs exactly once whatever the restarts.
 */
public final class BackfillDaemon implements InstigationLoop.Cycle {

  private static final Logger LOG = Logger.getLogger(BackfillDaemon.class);

  private static final Set<BackfillStatus> IN_PROGRESS =
      Set.of(BackfillStatus.REQUESTED, BackfillStatus.CANCELING, BackfillStatus.FAILING);

  private final InstigationStores stores;
  private final CodeLocations locations;
  private final RunSubmitter submitter;
  private final BackfillSettings settings;
  private final Clock clock;
  private final InstigationMetrics metrics;

  /**
   * Creates the daemon.
   *
   * @param stores the stores
   * @param locations the code locations
   * @param settings the knobs
   * @param clock the time of decisions
   * @param metrics runs created
   */
  public BackfillDaemon(
      InstigationStores stores,
      CodeLocations locations,
      BackfillSettings settings,
      Clock clock,
      InstigationMetrics metrics) {
    this.stores = stores;
    this.locations = locations;
    this.submitter = new RunSubmitter(stores, settings.storeTimeout());
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public String daemonType() {
    return "BACKFILL";
  }

  /** Nothing to resume: every pass starts from storage. */
  @Override
  public void takeOver(Instant now) {}

  /**
   * Advances every backfill in progress.
   *
   * @param now the time of the pass
   * @return when the next pass is due
   */
  @Override
  public Instant run(Instant now) {
    List<Backfill> active = new ArrayList<>();
    String after = null;
    while (true) {
      List<Backfill> page =
          stores.backfills().list(IN_PROGRESS, after, 100).await().atMost(settings.storeTimeout());
      active.addAll(page);
      if (page.size() < 100) {
        break;
      }
      after = page.get(page.size() - 1).backfillId();
    }
    Pace pace = Pace.IDLE;
    for (Backfill backfill : active) {
      try {
        Pace p = advance(backfill);
        if (p.compareTo(pace) > 0) {
          pace = p;
        }
      } catch (CodeLocationUnavailableException e) {
        LOG.infof(
            "Backfill %s waits for code location '%s': %s",
            backfill.backfillId(), backfill.codeLocation(), e.getMessage());
      }
    }
    return switch (pace) {
      case MORE -> now;
      case REFILL -> now.plus(min(settings.interval(), REFILL));
      case IDLE -> now.plus(settings.interval());
    };
  }

  /**
   * How soon a backfill needs the next pass, so that it keeps the run queue fed: with partitions
   * left and room under max-in-flight, at once (one chunk per pass); with partitions left waiting
   * for its runs to end, within {@link #REFILL}; else at the interval.
   */
  private enum Pace {
    IDLE,
    REFILL,
    MORE
  }

  /** The longest wait while a backfill has partitions left to submit. */
  private static final Duration REFILL = Duration.ofSeconds(1);

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {}

  private Pace advance(Backfill backfill) {
    Map<String, RunStatus> statuses = runStatuses(backfill);
    BackfillStep step =
        BackfillProgress.decide(
            backfill, statuses, settings.maxInFlight(), settings.chunkSize(), RunIds::forBackfill);
    int submittedCount = 0;
    List<BackfillPartition> changed = new ArrayList<>(step.finished());
    changed.addAll(step.canceledPending());
    ErrorSnapshot failure = null;
    if (!step.toSubmit().isEmpty()) {
      List<BackfillPartition> submitted = new ArrayList<>();
      failure = submit(backfill, step.toSubmit(), submitted);
      changed.addAll(submitted);
      submittedCount = submitted.size();
      metrics.backfillRuns(submitted.size());
    }
    for (String runId : step.runsToCancel()) {
      cancel(runId);
    }
    BackfillStatus next = step.nextStatus();
    ErrorSnapshot error = failure;
    Pace pace = pace(backfill, step, submittedCount);
    if (changed.isEmpty() && next == null && error == null) {
      return pace;
    }
    Instant now = clock.instant();
    Backfill stored =
        stores
            .backfills()
            .update(
                backfill.backfillId(),
                current -> {
                  Backfill b = changed.isEmpty() ? current : current.withPartitions(changed);
                  if (error != null && b.status() == BackfillStatus.REQUESTED) {
                    return b.withStatus(BackfillStatus.FAILING, error, now);
                  }
                  // A cancel requested meanwhile wins over the completion decided without it.
                  if (next != null && b.status() == backfill.status()) {
                    return b.withStatus(next, now);
                  }
                  return b;
                })
            .await()
            .atMost(settings.storeTimeout());
    if (stored.status().isTerminal()) {
      LOG.infof("Backfill %s ended %s", stored.backfillId(), stored.status());
    }
    return failure == null ? pace : Pace.IDLE;
  }

  /** How soon this backfill needs the next pass (see {@link Pace}). */
  private Pace pace(Backfill backfill, BackfillStep step, int submitted) {
    if (backfill.status() != BackfillStatus.REQUESTED) {
      return Pace.IDLE;
    }
    int pending = 0;
    int unfinished = -step.finished().size();
    for (BackfillPartition p : backfill.partitions()) {
      if (p.status() == BackfillPartitionStatus.PENDING) {
        pending++;
      } else if (p.status() == BackfillPartitionStatus.REQUESTED) {
        unfinished++;
      }
    }
    if (pending - submitted <= 0) {
      return Pace.IDLE;
    }
    return submitted > 0 && unfinished + submitted < settings.maxInFlight()
        ? Pace.MORE
        : Pace.REFILL;
  }

  private Map<String, RunStatus> runStatuses(Backfill backfill) {
    List<String> runIds = new ArrayList<>();
    for (BackfillPartition p : backfill.partitions()) {
      if (p.runId() != null && !p.status().isTerminal()) {
        runIds.add(p.runId());
      }
    }
    Map<String, RunStatus> out = new HashMap<>();
    for (int from = 0; from < runIds.size(); from += 1000) {
      List<String> chunk = runIds.subList(from, Math.min(runIds.size(), from + 1000));
      for (Run run :
          stores
              .runs()
              .list(RunFilter.builder().runIds(chunk).build(), null, chunk.size())
              .await()
              .atMost(settings.storeTimeout())) {
        out.put(run.runId(), run.status());
      }
    }
    return out;
  }

  /** Creates the partitions' runs; returns the error that stops the backfill, or null. */
  private ErrorSnapshot submit(
      Backfill backfill, List<BackfillPartition> partitions, List<BackfillPartition> submitted) {
    Optional<CodeLocationClient> client = locations.client(backfill.codeLocation());
    Optional<CodeLocationSnapshot> snapshot = locations.snapshot(backfill.codeLocation());
    if (client.isEmpty() || snapshot.isEmpty()) {
      LOG.debugf(
          "Backfill %s waits: code location '%s' is not loaded",
          backfill.backfillId(), backfill.codeLocation());
      return null;
    }
    String jobName = backfill.jobName() != null ? backfill.jobName() : Scheduler.IMPLICIT_ASSET_JOB;
    Optional<JobSnapshot> job = snapshot.get().job(jobName);
    if (job.isEmpty()) {
      return ErrorSnapshot.of(
          RunSubmitter.REJECTED,
          "Code location '"
              + backfill.codeLocation()
              + "' does not define job '"
              + jobName
              + "' any more; the backfill stops");
    }
    for (BackfillPartition partition : partitions) {
      RunSpec spec = spec(backfill, jobName, partition, client.get());
      if (spec == null) {
        return ErrorSnapshot.of(
            RunSubmitter.REJECTED,
            "The run config of partition '" + partition.partitionKey() + "' cannot be computed");
      }
      Submission submission = submitter.submit(client.get(), job.get(), spec, clock.instant());
      if (submission instanceof Submission.Rejected rejected) {
        return ErrorSnapshot.of(
            rejected.error().className(),
            "Partition '" + partition.partitionKey() + "': " + rejected.error().message());
      }
      submitted.add(partition);
    }
    return null;
  }

  private RunSpec spec(
      Backfill backfill, String jobName, BackfillPartition partition, CodeLocationClient client) {
    Map<String, Object> runConfig = Map.of();
    Map<String, String> tags = new LinkedHashMap<>();
    if (backfill.jobName() != null) {
      PartitionRunConfig config;
      try {
        config =
            client.partitionRunConfig(
                new PartitionRunConfigRequest(jobName, partition.partitionKey()));
      } catch (CodeLocationCallException e) {
        LOG.warnf("Backfill %s: %s", backfill.backfillId(), e.getMessage());
        return null;
      }
      if (config instanceof PartitionRunConfig.Failed failed) {
        LOG.warnf(
            "Backfill %s: partition '%s' failed: %s",
            backfill.backfillId(), partition.partitionKey(), failed.error().message());
        return null;
      }
      PartitionRunConfig.Resolved resolved = (PartitionRunConfig.Resolved) config;
      runConfig = resolved.runConfig();
      tags.putAll(resolved.tags());
    }
    tags.putAll(backfill.tags());
    tags.put(RunTags.BACKFILL, backfill.backfillId());
    tags.put(RunTags.PARTITION, partition.partitionKey());
    return new RunSpec(
        partition.runId(),
        backfill.codeLocation(),
        jobName,
        runConfig,
        tags,
        backfill.assetSelection(),
        partition.partitionKey(),
        backfill.backfillId());
  }

  /** Cancels a run: a queued one at once, a running one through CANCELING (the orchestrator). */
  private void cancel(String runId) {
    Optional<Run> run = stores.runs().find(runId).await().atMost(settings.storeTimeout());
    if (run.isEmpty() || run.get().status().isTerminal()) {
      return;
    }
    RunStatus from = run.get().status();
    RunStatus to =
        from == RunStatus.QUEUED || from == RunStatus.NOT_STARTED
            ? RunStatus.CANCELED
            : RunStatus.CANCELING;
    if (from == RunStatus.CANCELING) {
      return;
    }
    try {
      Instant now = clock.instant();
      stores.runs().transition(runId, from, to, now).await().atMost(settings.storeTimeout());
      // Events are the truth: say what happened, as the webserver's terminate does.
      stores
          .events()
          .append(
              List.of(
                  new EventRecord(
                      runId,
                      null,
                      0,
                      0,
                      now,
                      to == RunStatus.CANCELED
                          ? DagsterEventType.RUN_CANCELED
                          : DagsterEventType.RUN_CANCELING,
                      EventLevel.INFO,
                      "The run's backfill was canceled.",
                      null)))
          .await()
          .atMost(settings.storeTimeout());
    } catch (RunConflictException | IllegalRunTransitionException e) {
      LOG.debugf("Run %s moved while being canceled: %s", runId, e.getMessage());
    }
  }
}
