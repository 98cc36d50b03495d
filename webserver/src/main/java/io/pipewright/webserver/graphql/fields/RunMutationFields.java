package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStore;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.JobViews;
import io.pipewright.webserver.graphql.view.RunViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.run.LaunchOutcome;
import io.pipewright.webserver.run.LaunchRequest;
import io.pipewright.webserver.run.Reexecution;
import io.pipewright.webserver.run.RunLauncher;
import io.pipewright.webserver.run.RunTerminator;
import io.pipewright.webserver.run.TerminateOutcome;
import io.pipewright.webserver.run.TerminatePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The mutations on runs: launching (Dagster's and the legacy names), re-executing, terminating and
 * deleting. Every outcome is a member of the field's result union.
 */
@ApplicationScoped
public class RunMutationFields implements RootFields {

  private static final Logger LOG = Logger.getLogger(RunMutationFields.class);

  private final RunLauncher launcher;
  private final RunTerminator terminator;
  private final RunStore runs;
  private final EventLog events;
  private final RunViews views;
  private final JobViews jobViews;

  /**
   * Creates the fields.
   *
   * @param launcher launches runs
   * @param terminator terminates runs
   * @param runs the run storage
   * @param events the event log
   * @param views the runs' GraphQL objects
   * @param jobViews the jobs' GraphQL objects
   */
  @Inject
  public RunMutationFields(
      RunLauncher launcher,
      RunTerminator terminator,
      RunStore runs,
      EventLog events,
      RunViews views,
      JobViews jobViews) {
    this.launcher = launcher;
    this.terminator = terminator;
    this.runs = runs;
    this.events = events;
    this.views = views;
    this.jobViews = jobViews;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .mutation("launchRun", env -> launch(env.getArgument("executionParams"), false))
        .mutation(
            "launchPipelineExecution", env -> launch(env.getArgument("executionParams"), false))
        .mutation(
            "launchRunReexecution",
            env ->
                reexecute(env.getArgument("executionParams"), env.getArgument("reexecutionParams")))
        .mutation(
            "launchPipelineReexecution",
            env ->
                reexecute(env.getArgument("executionParams"), env.getArgument("reexecutionParams")))
        .mutation(
            "terminateRun",
            env -> terminate(env.getArgument("runId"), policy(env.getArgument("terminatePolicy"))))
        .mutation(
            "terminatePipelineExecution",
            env -> terminate(env.getArgument("runId"), policy(env.getArgument("terminatePolicy"))))
        .mutation(
            "terminateRuns",
            env ->
                terminateAll(env.getArgument("runIds"), policy(env.getArgument("terminatePolicy"))))
        .mutation("deleteRun", env -> delete(env.getArgument("runId")))
        .mutation("deletePipelineRun", env -> delete(env.getArgument("runId")));
  }

  private GqlObject launch(Map<String, Object> params, boolean reexecution) {
    Selectors.JobSelector selector;
    try {
      selector = Selectors.job(map(params.get("selector")), "executionParams.selector");
    } catch (BadArgumentException e) {
      return Errors.message("ConflictingExecutionParamsError", e.getMessage());
    }
    Object preset = params.get("preset");
    if (preset != null) {
      return GqlObject.of("PresetNotFoundError")
          .put("preset", preset)
          .put(
              "message",
              "Preset "
                  + preset
                  + " not found in pipeline "
                  + selector.job()
                  + ": jobs have no presets; pass runConfigData instead.");
    }
    Object mode = params.get("mode");
    if (mode != null && !"default".equals(mode)) {
      throw new BadArgumentException(
          "executionParams.mode is '" + mode + "', but jobs have one mode, default");
    }
    Map<String, Object> metadata = map(params.get("executionMetadata"));
    String parentRunId = (String) metadata.get("parentRunId");
    String rootRunId = (String) metadata.get("rootRunId");
    if (reexecution && (parentRunId == null || rootRunId == null)) {
      throw new BadArgumentException(
          "A re-execution needs executionParams.executionMetadata.parentRunId and rootRunId, or"
              + " reexecutionParams {parentRunId, strategy}");
    }
    if (parentRunId != null && rootRunId == null) {
      rootRunId = parentRunId;
    }
    LaunchRequest request =
        LaunchRequest.builder(selector.location(), selector.repository(), selector.job())
            .opSelection(selector.opSelection())
            .assetSelection(selector.assetSelection())
            .runConfig(Selectors.runConfig(params.get("runConfigData")))
            .tags(Selectors.tags(metadata.get("tags"), "executionParams.executionMetadata.tags"))
            .stepKeys(Selectors.strings(params.get("stepKeys")))
            .lineage(parentRunId, rootRunId)
            .build();
    return outcome(launcher.launch(request));
  }

  private GqlObject reexecute(
      Map<String, Object> executionParams, Map<String, Object> reexecutionParams) {
    if (reexecutionParams != null) {
      String strategy = (String) reexecutionParams.get("strategy");
      if ("FROM_ASSET_FAILURE".equals(strategy)) {
        throw new BadArgumentException(
            "reexecutionParams.strategy FROM_ASSET_FAILURE is not supported yet; use FROM_FAILURE"
                + " or ALL_STEPS");
      }
      Object useParentTags = reexecutionParams.get("useParentRunTags");
      return outcome(
          launcher.reexecute(
              (String) reexecutionParams.get("parentRunId"),
              Reexecution.Strategy.valueOf(strategy),
              Selectors.tags(reexecutionParams.get("extraTags"), "reexecutionParams.extraTags"),
              useParentTags == null || Boolean.TRUE.equals(useParentTags)));
    }
    if (executionParams == null) {
      throw new BadArgumentException(
          "Give reexecutionParams {parentRunId, strategy}, or executionParams with"
              + " executionMetadata.parentRunId and rootRunId");
    }
    return launch(executionParams, true);
  }

  private GqlObject outcome(LaunchOutcome outcome) {
    if (outcome instanceof LaunchOutcome.Launched launched) {
      return GqlObject.of("LaunchRunSuccess").put("run", views.run(launched.run()));
    }
    if (outcome instanceof LaunchOutcome.JobNotFound notFound) {
      return GqlObject.of("PipelineNotFoundError")
          .put("message", notFound.message())
          .put("pipelineName", notFound.jobName())
          .put("repositoryName", notFound.repositoryName())
          .put("repositoryLocationName", notFound.locationName());
    }
    if (outcome instanceof LaunchOutcome.InvalidSubset subset) {
      return GqlObject.of("InvalidSubsetError")
          .put("message", subset.message())
          .lazy("pipeline", env -> jobViews.job(subset.location(), subset.job(), "Pipeline"));
    }
    if (outcome instanceof LaunchOutcome.InvalidStep step) {
      return GqlObject.of("InvalidStepError").put("invalidStepKey", step.stepKey());
    }
    if (outcome instanceof LaunchOutcome.InvalidConfig invalid) {
      return DefinitionFields.configInvalid(invalid.job(), invalid.errors());
    }
    if (outcome instanceof LaunchOutcome.Conflicting conflicting) {
      return Errors.message("ConflictingExecutionParamsError", conflicting.message());
    }
    return Errors.pythonError(((LaunchOutcome.Failed) outcome).error());
  }

  private GqlObject terminate(String runId, TerminatePolicy policy) {
    TerminateOutcome outcome = terminator.terminate(runId, policy);
    if (outcome instanceof TerminateOutcome.Terminated terminated) {
      return GqlObject.of("TerminateRunSuccess").put("run", views.run(terminated.run()));
    }
    if (outcome instanceof TerminateOutcome.Refused refused) {
      return GqlObject.of("TerminateRunFailure")
          .put("run", views.run(refused.run()))
          .put("message", refused.message());
    }
    return RunViews.runNotFound(runId);
  }

  private GqlObject terminateAll(List<String> runIds, TerminatePolicy policy) {
    List<GqlObject> results = new ArrayList<>(runIds.size());
    for (String runId : runIds) {
      try {
        results.add(terminate(runId, policy));
      } catch (RuntimeException e) {
        // One run's failure must not hide the others' results: it is that run's PythonError.
        LOG.errorf(e, "Terminating run %s failed; answered as a PythonError", runId);
        results.add(Errors.pythonError(e));
      }
    }
    return GqlObject.of("TerminateRunsResult").put("terminateRunResults", results);
  }

  private GqlObject delete(String runId) {
    Optional<Run> run = Await.of(runs.find(runId));
    if (run.isEmpty()) {
      return RunViews.runNotFound(runId);
    }
    Await.of(events.deleteRun(runId));
    Await.of(runs.delete(runId));
    LOG.infof("Run %s deleted with its events", runId);
    return GqlObject.of("DeletePipelineRunSuccess").put("runId", runId);
  }

  private static TerminatePolicy policy(String value) {
    return value == null ? TerminatePolicy.SAFE_TERMINATE : TerminatePolicy.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }
}
