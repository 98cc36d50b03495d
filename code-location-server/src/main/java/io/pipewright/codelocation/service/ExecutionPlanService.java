package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.ConfigSnapshots;
import io.pipewright.codelocation.snapshot.ErrorSnapshots;
import io.pipewright.codelocation.snapshot.JobAssets;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.internal.definition.JobConfigSchema;
import io.pipewright.sdk.internal.engine.RunSetup;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans runs and validates run configs, as the webserver asks before it writes a run: the same
 * validation and planning that {@code JobExecution} does before an in-process run ({@code
 * JobValidator} already ran when the definitions loaded), without running anything.
 */
public final class ExecutionPlanService {

  private final LoadedDefinitions loaded;
  private final String containerImage;

  /**
   * Creates the service for a location outside a container (its plans name no image).
   *
   * @param loaded the location's definitions, or their load errors
   */
  public ExecutionPlanService(LoadedDefinitions loaded) {
    this(loaded, null);
  }

  /**
   * Creates the service.
   *
   * @param loaded the location's definitions, or their load errors
   * @param containerImage the image the location runs ({@code pipewright.code-location.image}),
   *     which every plan names so that the run's step pods run it; null for none
   */
  public ExecutionPlanService(LoadedDefinitions loaded, String containerImage) {
    this.loaded = loaded;
    this.containerImage = containerImage;
  }

  /**
   * Validates a request's run config and plans its steps.
   *
   * @param request the job, selections, run config, steps and partition
   * @return the plan; the config errors, each with its path; or the error the user's
   *     partitioned-config function raised
   * @throws RequestRejectedException for an unknown job or asset, an invalid selection, partition
   *     or step key, or definitions that failed to load
   */
  public ExecutionPlanResult plan(ExecutionPlanRequest request) {
    PreparedRun.Outcome outcome = prepare(request);
    if (outcome instanceof PreparedRun.InvalidConfig invalid) {
      return ExecutionPlanResult.invalidConfig(invalid.errors());
    }
    if (outcome instanceof PreparedRun.Failed failed) {
      return ExecutionPlanResult.failed(failed.error());
    }
    PreparedRun run = ((PreparedRun.Prepared) outcome).run();
    return ExecutionPlanResult.planned(
        PlanSnapshots.of(run.job(), run.ops(), run.plan(), loaded.assets())
            .withContainerImage(containerImage));
  }

  /**
   * Prepares a run as {@link #plan} plans it, keeping the engine's objects: a step worker runs one
   * step of exactly the plan the hosts were given.
   *
   * @param request the job, selections, run config, steps and partition
   * @return the prepared run, the config errors, or the error of the partitioned-config function
   * @throws RequestRejectedException for an unknown job or asset, an invalid selection, partition
   *     or step key, or definitions that failed to load
   */
  public PreparedRun.Outcome prepare(ExecutionPlanRequest request) {
    JobAssets assets = loaded.assets();
    ResolvedJob resolved =
        new JobResolver(loaded)
            .resolve(request.jobName(), request.opSelection(), request.assetSelection());
    JobDefinition job = resolved.job();
    List<String> partitionKeys =
        request.partitionKey() == null ? List.of() : List.of(request.partitionKey());
    AssetLayer layer = job.assetLayer().orElse(null);
    checkPartition(
        job, layer, assets.partitionsOf(job), request.partitionKey(), request.dynamicPartitions());
    Set<String> selected = resolved.selected();
    boolean reexecution = !request.stepKeysToExecute().isEmpty();
    if (reexecution) {
      try {
        selected =
            RunSetup.reexecutionSelection(
                job.name(), resolved.ops(), selected, handles(request.stepKeysToExecute()));
      } catch (IllegalArgumentException e) {
        throw RequestRejectedException.invalid(e.getMessage());
      }
    }
    RunConfig partitionConfig;
    try {
      partitionConfig = layer == null ? RunConfig.empty() : layer.runConfigFor(partitionKeys);
    } catch (RuntimeException | StackOverflowError e) {
      return new PreparedRun.Failed(ErrorSnapshots.of(e));
    }
    // As JobExecution does: the config of ops and resources a partial run leaves out is dropped.
    RunConfig merged =
        RunSetup.pruneForSelection(
            job.defaultConfig().merge(partitionConfig).merge(RunConfig.of(request.runConfig())),
            job,
            selected);
    List<ConfigError> errors =
        ConfigValidator.validate(JobConfigSchema.of(job, selected), merged.asMap(), "");
    if (!errors.isEmpty()) {
      return new PreparedRun.InvalidConfig(ConfigSnapshots.errors(errors));
    }
    ExecutionPlan plan;
    try {
      plan = ExecutionPlan.of(resolved.ops(), selected, reexecution);
    } catch (IllegalArgumentException e) {
      throw RequestRejectedException.invalid(
          "Cannot plan "
              + (reexecution ? "steps " + request.stepKeysToExecute() + " of " : "")
              + "job '"
              + job.name()
              + "': "
              + e.getMessage());
    }
    return new PreparedRun.Prepared(
        new PreparedRun(job, resolved.ops(), plan, merged, partitionKeys, reexecution));
  }

  /**
   * Validates a run config against a job narrowed by selections, without planning.
   *
   * @param request the job, selections, run config and partition (whose partitioned config is
   *     merged in, as planning does)
   * @return every problem, each with its path; empty when the config is valid
   * @throws RequestRejectedException for an unknown job or asset, an invalid selection or partition
   *     key, a partitioned-config function that throws, or definitions that failed to load
   */
  public List<ConfigErrorSnapshot> validateRunConfig(RunConfigValidationRequest request) {
    ResolvedJob resolved =
        new JobResolver(loaded)
            .resolve(request.jobName(), request.opSelection(), request.assetSelection());
    JobDefinition job = resolved.job();
    RunConfig partitionConfig = RunConfig.empty();
    if (request.partitionKey() != null) {
      AssetLayer layer = job.assetLayer().orElse(null);
      checkPartition(
          job,
          layer,
          loaded.assets().partitionsOf(job),
          request.partitionKey(),
          Map.of()); // Config validation does not carry the host's dynamic keys.
      try {
        partitionConfig = layer.runConfigFor(List.of(request.partitionKey()));
      } catch (RuntimeException | StackOverflowError e) {
        // The response has no slot for the user's error; GetPartitionRunConfig reports it in full.
        throw RequestRejectedException.invalid(
            "The partitioned config of partition '"
                + request.partitionKey()
                + "' of job '"
                + job.name()
                + "' failed, so the run config cannot be validated for it: "
                + ErrorSnapshots.of(e).message());
      }
    }
    RunConfig merged =
        RunSetup.pruneForSelection(
            job.defaultConfig().merge(partitionConfig).merge(RunConfig.of(request.runConfig())),
            job,
            resolved.selected());
    return ConfigSnapshots.errors(
        ConfigValidator.validate(JobConfigSchema.of(job, resolved.selected()), merged.asMap(), ""));
  }

  private static void checkPartition(
      JobDefinition job,
      AssetLayer layer,
      Optional<PartitionsDefinition> partitions,
      String partitionKey,
      Map<String, List<String>> dynamicKeys) {
    if (partitions.isEmpty()) {
      if (partitionKey != null) {
        throw RequestRejectedException.invalid(
            "Job '"
                + job.name()
                + "' is not partitioned; plan it without the partition key '"
                + partitionKey
                + "'");
      }
      return;
    }
    if (partitionKey == null) {
      throw RequestRejectedException.invalid(
          "Job '"
              + job.name()
              + "' is partitioned ("
              + partitions.get().describe()
              + "); give the partition key to plan");
    }
    // Dynamic keys live in the host's store, not here: checked when the host sends them.
    checkDynamicKey(job.name(), partitions.get(), partitionKey, dynamicKeys);
    if (!hasDynamicKeys(partitions.get())) {
      try {
        layer.checkRunPartitions(List.of(partitionKey));
      } catch (IllegalArgumentException e) {
        throw RequestRejectedException.invalid(e.getMessage());
      }
    }
  }

  /**
   * Rejects a key of a dynamic partitions definition that the host's keys do not list; a definition
   * whose keys were not sent is not checked.
   */
  static void checkDynamicKey(
      String jobName,
      PartitionsDefinition partitions,
      String partitionKey,
      Map<String, List<String>> dynamicKeys) {
    if (partitions instanceof DynamicPartitionsDefinition dynamic
        && dynamicKeys.containsKey(dynamic.name())
        && !dynamicKeys.get(dynamic.name()).contains(partitionKey)) {
      throw RequestRejectedException.invalid(
          "Partition '"
              + partitionKey
              + "' of job '"
              + jobName
              + "' is not a key of dynamic partitions '"
              + dynamic.name()
              + "'; add it first (a sensor's dynamic partition request, or addDynamicPartitions)");
    }
  }

  static boolean hasDynamicKeys(PartitionsDefinition partitions) {
    if (partitions instanceof MultiPartitionsDefinition multi) {
      for (Map.Entry<String, PartitionsDefinition> dimension : multi.dimensions().entrySet()) {
        if (dimension.getValue() instanceof DynamicPartitionsDefinition) {
          return true;
        }
      }
      return false;
    }
    return partitions instanceof DynamicPartitionsDefinition;
  }

  /** Step keys of mapped instances ({@code op[key]}, {@code op[?]}) re-run their op's handle. */
  private static List<String> handles(List<String> stepKeys) {
    Set<String> handles = new LinkedHashSet<>();
    for (String key : stepKeys) {
      int bracket = key.indexOf('[');
      handles.add(bracket < 0 ? key : key.substring(0, bracket));
    }
    return new ArrayList<>(handles);
  }
}
