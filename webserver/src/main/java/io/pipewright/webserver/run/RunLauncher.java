package io.pipewright.webserver.run;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunAlreadyExistsException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.protocol.mapping.SnapshotCodec;
import io.pipewright.webserver.ErrorSnapshots;
import io.pipewright.webserver.workspace.JobLookup;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Launches runs as Dagster's queued run coordinator does: the code location validates the run
 * config and plans the steps; the job and plan snapshots and the run (QUEUED, with its tags and a
 * {@code RUN_ENQUEUED} event) are stored; the call returns at once and the daemon takes it from
 * there. Re-executions are launches of the parent's job with the steps their strategy chooses.
 *
 * <p>Every failure is an outcome, never an exception, except failures of storage itself.
 */
@ApplicationScoped
public class RunLauncher {

  private static final Logger LOG = Logger.getLogger(RunLauncher.class);

  private final Workspace workspace;
  private final RunStore runs;
  private final EventLog events;
  private final SnapshotStore snapshots;
  private final Clock clock;
  private final HostEvents hostEvents = new HostEvents();

  /**
   * Creates the launcher.
   *
   * @param workspace the code locations
   * @param runs the run storage
   * @param events the event log
   * @param snapshots the snapshot storage
   * @param clock the time of launches
   */
  @Inject
  public RunLauncher(
      Workspace workspace, RunStore runs, EventLog events, SnapshotStore snapshots, Clock clock) {
    this.workspace = workspace;
    this.runs = runs;
    this.events = events;
    this.snapshots = snapshots;
    this.clock = clock;
  }

  /**
   * Launches a run.
   *
   * @param request what to launch
   * @return the queued run, or why there is none
   */
  public LaunchOutcome launch(LaunchRequest request) {
    JobLookup lookup =
        workspace.findJob(request.locationName(), request.repositoryName(), request.jobName());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return new LaunchOutcome.JobNotFound(
          request.locationName(), request.repositoryName(), request.jobName(), notFound.message());
    }
    JobLookup.Found found = (JobLookup.Found) lookup;
    Optional<CodeLocationClient> client = workspace.client(request.locationName());
    if (client.isEmpty()) {
      return new LaunchOutcome.JobNotFound(
          request.locationName(),
          request.repositoryName(),
          request.jobName(),
          "Code location '" + request.locationName() + "' was removed from the workspace");
    }
    try {
      if (!request.stepKeys().isEmpty()) {
        LaunchOutcome invalid = checkStepKeys(client.get(), found, request);
        if (invalid != null) {
          return invalid;
        }
      }
      ExecutionPlanResult result = client.get().executionPlan(planRequest(request, true));
      if (result instanceof ExecutionPlanResult.InvalidConfig invalid) {
        return new LaunchOutcome.InvalidConfig(found.job(), invalid.errors());
      }
      if (result instanceof ExecutionPlanResult.Failed failed) {
        return new LaunchOutcome.Failed(failed.error());
      }
      return store(request, found, ((ExecutionPlanResult.Planned) result).plan());
    } catch (CodeLocationCallException e) {
      return refused(request, found, e);
    } catch (CodeLocationException e) {
      return new LaunchOutcome.Failed(
          ErrorSnapshots.of(
              "io.pipewright.CodeLocationUnavailable",
              "Cannot launch job '"
                  + request.jobName()
                  + "': "
                  + e.getMessage()
                  + ". The run was not created; retry once the code location answers."));
    }
  }

  /**
   * Launches a re-execution of a stored run: its job, run config, selection and (unless asked
   * otherwise) tags, with the steps the strategy chooses.
   *
   * @param parentRunId the run to re-execute
   * @param strategy which steps to run
   * @param extraTags tags to add
   * @param useParentTags whether to inherit the parent's tags
   * @return the queued run, or why there is none
   */
  public LaunchOutcome reexecute(
      String parentRunId,
      Reexecution.Strategy strategy,
      Map<String, String> extraTags,
      boolean useParentTags) {
    Optional<Run> found = Await.of(runs.find(parentRunId));
    if (found.isEmpty()) {
      return new LaunchOutcome.Failed(
          ErrorSnapshots.of(
              "io.pipewright.RunNotFound",
              "Could not find parent run with id: "
                  + parentRunId
                  + "; give the runId of a stored run in reexecutionParams.parentRunId"));
    }
    Run parent = found.get();
    List<String> stepKeys = List.of();
    if (strategy == Reexecution.Strategy.FROM_FAILURE) {
      try {
        stepKeys = Reexecution.stepsFromFailure(parent, parentPlan(parent), events(parent));
      } catch (IllegalArgumentException e) {
        return new LaunchOutcome.Failed(
            ErrorSnapshots.of("io.pipewright.ReexecutionNotPossible", e.getMessage()));
      }
    }
    return launch(
        LaunchRequest.builder(
                parent.codeLocation(), LoadedLocation.REPOSITORY_NAME, parent.jobName())
            .opSelection(parent.opSelection())
            .assetSelection(parent.assetSelection())
            .runConfig(parent.runConfig())
            .tags(partitionOf(parent, Reexecution.inheritedTags(parent, useParentTags, extraTags)))
            .stepKeys(stepKeys)
            .lineage(
                parent.runId(), parent.rootRunId() == null ? parent.runId() : parent.rootRunId())
            .resumeRetry(strategy == Reexecution.Strategy.FROM_FAILURE)
            .build());
  }

  private LaunchOutcome store(
      LaunchRequest request, JobLookup.Found found, ExecutionPlanSnapshot plan) {
    SnapshotCodec.Encoded job = SnapshotCodec.job(found.job());
    SnapshotCodec.Encoded encodedPlan = SnapshotCodec.plan(plan);
    Await.of(snapshots.put(job.id(), SnapshotKind.JOB, job.body()));
    Await.of(snapshots.put(encodedPlan.id(), SnapshotKind.EXECUTION_PLAN, encodedPlan.body()));
    Instant now = clock.instant();
    Run run =
        Run.builder(UUID.randomUUID().toString(), request.jobName(), request.locationName())
            .runConfig(request.runConfig())
            .tags(tags(found.job(), request))
            .opSelection(request.opSelection())
            .assetSelection(request.assetSelection())
            .stepKeysToExecute(request.stepKeys())
            .partitionKey(partitionKey(request))
            .planSnapshotId(encodedPlan.id())
            .jobSnapshotId(job.id())
            .parentRunId(request.parentRunId())
            .rootRunId(request.rootRunId())
            .createTime(now)
            .build();
    try {
      Await.of(runs.add(run));
    } catch (RunAlreadyExistsException e) {
      return new LaunchOutcome.Failed(ErrorSnapshots.of(e));
    }
    Await.of(
        events.append(
            List.of(
                hostEvents.runEvent(
                    run.runId(), DagsterEventType.RUN_ENQUEUED, EventLevel.INFO, "", now))));
    Run queued =
        Await.of(runs.transition(run.runId(), RunStatus.NOT_STARTED, RunStatus.QUEUED, now));
    LOG.infof(
        "Run %s of job '%s' (code location '%s') queued with %d step(s)",
        queued.runId(), queued.jobName(), queued.codeLocation(), plan.steps().size());
    return new LaunchOutcome.Launched(queued);
  }

  /** The job's tags, then the user's, then the system tags Dagster sets. */
  private static Map<String, String> tags(JobSnapshot job, LaunchRequest request) {
    Map<String, String> tags = new LinkedHashMap<>(job.tags());
    tags.putAll(request.tags());
    if (!request.opSelection().isEmpty()) {
      tags.put(SystemTags.OP_SELECTION, String.join(",", request.opSelection()));
    }
    if (!request.stepKeys().isEmpty()) {
      tags.put(SystemTags.STEP_SELECTION, String.join(",", request.stepKeys()));
    }
    if (request.parentRunId() != null) {
      tags.put(SystemTags.PARENT_RUN_ID, request.parentRunId());
    }
    if (request.rootRunId() != null) {
      tags.put(SystemTags.ROOT_RUN_ID, request.rootRunId());
    }
    if (request.resumeRetry()) {
      tags.put(SystemTags.RESUME_RETRY, "true");
    }
    return tags;
  }

  /** Checks the step keys against the plan of the whole selection; null when all are steps. */
  private LaunchOutcome checkStepKeys(
      CodeLocationClient client, JobLookup.Found found, LaunchRequest request) {
    ExecutionPlanResult full = client.executionPlan(planRequest(request, false));
    if (full instanceof ExecutionPlanResult.InvalidConfig invalid) {
      return new LaunchOutcome.InvalidConfig(found.job(), invalid.errors());
    }
    if (full instanceof ExecutionPlanResult.Failed failed) {
      return new LaunchOutcome.Failed(failed.error());
    }
    Set<String> keys = new HashSet<>();
    for (StepSnapshot step : ((ExecutionPlanResult.Planned) full).plan().steps()) {
      keys.add(step.key());
    }
    for (String key : request.stepKeys()) {
      int bracket = key.indexOf('[');
      String template =
          bracket < 0 ? key : key.substring(0, bracket) + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX;
      if (!keys.contains(key) && !keys.contains(template)) {
        return new LaunchOutcome.InvalidStep(key);
      }
    }
    return null;
  }

  private static ExecutionPlanRequest planRequest(LaunchRequest request, boolean withSteps) {
    return ExecutionPlanRequest.forJob(request.jobName())
        .opSelection(request.opSelection())
        .assetSelection(request.assetSelection())
        .runConfig(request.runConfig())
        .stepKeysToExecute(withSteps ? request.stepKeys() : List.of())
        .partitionKey(partitionKey(request))
        .build();
  }

  /** The partition a launch asks for: its {@code dagster/partition} tag, or null. */
  private static String partitionKey(LaunchRequest request) {
    String key = request.tags().get(SystemTags.PARTITION);
    return key == null || key.isBlank() ? null : key;
  }

  /** A re-execution materializes its parent's partition, whether or not it inherits its tags. */
  private static Map<String, String> partitionOf(Run parent, Map<String, String> tags) {
    if (parent.partitionKey() == null || tags.containsKey(SystemTags.PARTITION)) {
      return tags;
    }
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.put(SystemTags.PARTITION, parent.partitionKey());
    return out;
  }

  private static LaunchOutcome refused(
      LaunchRequest request, JobLookup.Found found, CodeLocationCallException e) {
    return switch (e.reason()) {
      case NOT_FOUND ->
          new LaunchOutcome.JobNotFound(
              request.locationName(), request.repositoryName(), request.jobName(), e.getMessage());
      case INVALID_REQUEST ->
          request.stepKeys().isEmpty()
              ? new LaunchOutcome.InvalidSubset(found.location(), found.job(), e.getMessage())
              : new LaunchOutcome.Failed(ErrorSnapshots.of(e));
      default -> new LaunchOutcome.Failed(ErrorSnapshots.of(e));
    };
  }

  private ExecutionPlanSnapshot parentPlan(Run parent) {
    if (parent.planSnapshotId() == null) {
      throw new IllegalArgumentException(
          "Run "
              + parent.runId()
              + " has no execution plan, so it cannot be re-executed from failure");
    }
    byte[] body =
        Await.of(snapshots.get(parent.planSnapshotId()))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The execution plan "
                            + parent.planSnapshotId()
                            + " of run "
                            + parent.runId()
                            + " is not stored; re-execute it with ALL_STEPS"));
    return SnapshotCodec.decodePlan(body);
  }

  private List<StoredEvent> events(Run run) {
    List<StoredEvent> all = new ArrayList<>();
    long cursor = 0;
    EventPage page;
    do {
      page = Await.of(events.eventsForRun(run.runId(), cursor, 1000));
      all.addAll(page.events());
      cursor = page.cursor();
    } while (page.hasMore());
    return all;
  }
}
