package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.protocol.mapping.SnapshotCodec;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.ConfigViews;
import io.pipewright.webserver.graphql.view.JobViews;
import io.pipewright.webserver.graphql.view.Json;
import io.pipewright.webserver.graphql.view.PlanViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.JobLookup;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root fields about job definitions: the job ({@code pipelineOrError}), its stored snapshots,
 * its config schema, config validation and execution plans. Validation and planning run in the code
 * location (hosts never load user code).
 */
@ApplicationScoped
public class DefinitionFields implements RootFields {

  private final Workspace workspace;
  private final JobViews jobViews;
  private final SnapshotStore snapshots;

  /**
   * Creates the fields.
   *
   * @param workspace the code locations
   * @param jobViews the jobs' GraphQL objects
   * @param snapshots stored job snapshots
   */
  @Inject
  public DefinitionFields(Workspace workspace, JobViews jobViews, SnapshotStore snapshots) {
    this.workspace = workspace;
    this.jobViews = jobViews;
    this.snapshots = snapshots;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query(
            "pipelineOrError", env -> pipeline(Selectors.job(env.getArgument("params"), "params")))
        .query(
            "pipelineSnapshotOrError",
            env ->
                pipelineSnapshot(
                    env.getArgument("snapshotId"), env.getArgument("activePipelineSelector")))
        .query(
            "isPipelineConfigValid",
            env -> {
              checkMode(env.getArgument("mode"));
              Selectors.JobSelector selector =
                  Selectors.job(env.getArgument("pipeline"), "pipeline");
              return validate(selector, Selectors.runConfig(env.getArgument("runConfigData")));
            })
        .query(
            "executionPlanOrError",
            env -> {
              checkMode(env.getArgument("mode"));
              Selectors.JobSelector selector =
                  Selectors.job(env.getArgument("pipeline"), "pipeline");
              return plan(selector, Selectors.runConfig(env.getArgument("runConfigData")));
            })
        .query(
            "runConfigSchemaOrError",
            env ->
                configSchema(
                    Selectors.job(env.getArgument("selector"), "selector"),
                    env.getArgument("mode")));
  }

  private Object pipeline(Selectors.JobSelector selector) {
    JobLookup lookup =
        workspace.findJob(selector.location(), selector.repository(), selector.job());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return pipelineNotFound(selector, notFound.message());
    }
    JobLookup.Found found = (JobLookup.Found) lookup;
    if (!selector.opSelection().isEmpty() || !selector.assetSelection().isEmpty()) {
      // The location resolves selections: an invalid one is refused there.
      try {
        client(selector)
            .validateRunConfig(
                new RunConfigValidationRequest(
                    selector.job(), selector.opSelection(), selector.assetSelection(), Map.of()));
      } catch (CodeLocationCallException e) {
        return failure(selector, found, e);
      } catch (CodeLocationException e) {
        return Errors.pythonError(e);
      }
    }
    return jobViews.job(found.location(), found.job(), "Pipeline");
  }

  private Object pipelineSnapshot(String snapshotId, Map<String, Object> activeSelector) {
    if (snapshotId != null) {
      Optional<byte[]> body = Await.of(snapshots.get(snapshotId));
      if (body.isEmpty()) {
        return GqlObject.of("PipelineSnapshotNotFoundError")
            .put("snapshotId", snapshotId)
            .put("message", "No job snapshot has the id " + snapshotId + ".");
      }
      JobSnapshot job = SnapshotCodec.decodeJob(body.get());
      return jobViews.snapshot(job, snapshotId, null, List.of());
    }
    if (activeSelector == null) {
      throw new BadArgumentException(
          "pipelineSnapshotOrError needs snapshotId or activePipelineSelector; give one");
    }
    Selectors.JobSelector selector = Selectors.job(activeSelector, "activePipelineSelector");
    JobLookup lookup =
        workspace.findJob(selector.location(), selector.repository(), selector.job());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return pipelineNotFound(selector, notFound.message());
    }
    JobLookup.Found found = (JobLookup.Found) lookup;
    return jobViews.snapshot(
        found.job(),
        JobViews.snapshotId(found.location(), found.job()),
        selector.location(),
        List.of());
  }

  private Object validate(Selectors.JobSelector selector, Map<String, Object> config) {
    JobLookup lookup =
        workspace.findJob(selector.location(), selector.repository(), selector.job());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return pipelineNotFound(selector, notFound.message());
    }
    JobLookup.Found found = (JobLookup.Found) lookup;
    List<ConfigErrorSnapshot> errors;
    try {
      errors =
          client(selector)
              .validateRunConfig(
                  new RunConfigValidationRequest(
                      selector.job(), selector.opSelection(), selector.assetSelection(), config));
    } catch (CodeLocationCallException e) {
      return failure(selector, found, e);
    } catch (CodeLocationException e) {
      return Errors.pythonError(e);
    }
    if (errors.isEmpty()) {
      return GqlObject.of("PipelineConfigValidationValid").put("pipelineName", selector.job());
    }
    return configInvalid(found.job(), errors);
  }

  private Object plan(Selectors.JobSelector selector, Map<String, Object> config) {
    JobLookup lookup =
        workspace.findJob(selector.location(), selector.repository(), selector.job());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return pipelineNotFound(selector, notFound.message());
    }
    JobLookup.Found found = (JobLookup.Found) lookup;
    ExecutionPlanResult result;
    try {
      result =
          client(selector)
              .executionPlan(
                  ExecutionPlanRequest.forJob(selector.job())
                      .opSelection(selector.opSelection())
                      .assetSelection(selector.assetSelection())
                      .runConfig(config)
                      .build());
    } catch (CodeLocationCallException e) {
      return failure(selector, found, e);
    } catch (CodeLocationException e) {
      return Errors.pythonError(e);
    }
    if (result instanceof ExecutionPlanResult.InvalidConfig invalid) {
      return configInvalid(found.job(), invalid.errors());
    }
    if (result instanceof ExecutionPlanResult.Failed failed) {
      return Errors.pythonError(failed.error());
    }
    return PlanViews.plan(((ExecutionPlanResult.Planned) result).plan());
  }

  private Object configSchema(Selectors.JobSelector selector, String mode) {
    if (mode != null && !"default".equals(mode)) {
      return GqlObject.of("ModeNotFoundError")
          .put("mode", mode)
          .put(
              "message",
              "Mode "
                  + mode
                  + " not found in pipeline "
                  + selector.job()
                  + ": jobs have one mode, default.");
    }
    JobLookup lookup =
        workspace.findJob(selector.location(), selector.repository(), selector.job());
    if (lookup instanceof JobLookup.NotFound notFound) {
      return pipelineNotFound(selector, notFound.message());
    }
    JobSnapshot job = ((JobLookup.Found) lookup).job();
    return GqlObject.of("RunConfigSchema")
        .lazy("rootConfigType", env -> ConfigViews.type(job.runConfigSchema()))
        .lazy("allConfigTypes", env -> ConfigViews.all(job.runConfigSchema()))
        .lazy(
            "isRunConfigValid",
            env -> {
              try {
                return validate(selector, Selectors.runConfig(env.getArgument("runConfigData")));
              } catch (BadArgumentException e) {
                return Errors.pythonError(BadArgumentException.class.getName(), e.getMessage());
              }
            })
        .put("rootDefaultYaml", Json.write(job.defaultRunConfig()));
  }

  private CodeLocationClient client(Selectors.JobSelector selector) {
    return workspace
        .client(selector.location())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Code location '" + selector.location() + "' was removed from the workspace"));
  }

  private Object failure(
      Selectors.JobSelector selector, JobLookup.Found found, CodeLocationCallException e) {
    return switch (e.reason()) {
      case NOT_FOUND -> pipelineNotFound(selector, e.getMessage());
      case INVALID_REQUEST ->
          GqlObject.of("InvalidSubsetError")
              .put("message", e.getMessage())
              .lazy("pipeline", env -> jobViews.job(found.location(), found.job(), "Pipeline"));
      default -> Errors.pythonError(e);
    };
  }

  static GqlObject pipelineNotFound(Selectors.JobSelector selector, String message) {
    return GqlObject.of("PipelineNotFoundError")
        .put("message", message)
        .put("pipelineName", selector.job())
        .put("repositoryName", selector.repository())
        .put("repositoryLocationName", selector.location());
  }

  static GqlObject configInvalid(JobSnapshot job, List<ConfigErrorSnapshot> errors) {
    List<GqlObject> objects = new ArrayList<>(errors.size());
    for (ConfigErrorSnapshot error : errors) {
      objects.add(ConfigViews.error(error, job.runConfigSchema()));
    }
    return GqlObject.of("RunConfigValidationInvalid")
        .put("pipelineName", job.name())
        .put("errors", objects);
  }

  private static void checkMode(String mode) {
    if (mode != null && !"default".equals(mode)) {
      throw new BadArgumentException(
          "mode is '" + mode + "', but jobs have one mode, default; pass mode: \"default\"");
    }
  }
}
