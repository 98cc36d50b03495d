package io.pipewright.sdk;

import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.metadata.Metadata;
import java.util.Map;
import java.util.Optional;

/** What an op sees of the run while it computes (Dagster's {@code OpExecutionContext}). */
public interface OpContext {

  /**
   * The run's id.
   *
   * @return the run id
   */
  String runId();

  /**
   * The name of the job being run.
   *
   * @return the job name
   */
  String jobName();

  /**
   * The name of the op definition (not its alias in the graph).
   *
   * @return the op name
   */
  String opName();

  /**
   * The step key: the op's path in the job's graph ({@code graph.op}), with the mapping key for a
   * mapped step ({@code op[key]}).
   *
   * @return the step key
   */
  String stepKey();

  /**
   * The mapping key of a step mapped over a dynamic output.
   *
   * @return the mapping key, or empty for a step that is not mapped
   */
  Optional<String> mappingKey();

  /**
   * The run's tags.
   *
   * @return an unmodifiable map
   */
  Map<String, String> runTags();

  /**
   * Which try of the step this is: 0 for the first, 1 for the first retry, and so on.
   *
   * @return the retry number
   */
  int retryNumber();

  /**
   * The op's config, converted to the record class the op declared.
   *
   * @return the config object, or the raw config tree when the op declared a schema without a
   *     class, or {@code null} when the op has no config
   */
  Object config();

  /**
   * The op's config converted to a class.
   *
   * @param type the config record class
   * @param <T> the config type
   * @return the config object
   */
  <T> T config(Class<T> type);

  /**
   * A resource the op required.
   *
   * @param key the resource key
   * @param type the class of the resource's value
   * @param <T> the resource type
   * @return the resource's value
   * @throws IllegalArgumentException when the op did not declare the key as required
   */
  <T> T resource(String key, Class<T> type);

  /**
   * The step's logger.
   *
   * @return the logger
   */
  OpLogger log();

  /**
   * Records an asset materialization in the event log.
   *
   * @param materialization the materialization
   */
  void logEvent(AssetMaterialization materialization);

  /**
   * Records an asset observation in the event log.
   *
   * @param observation the observation
   */
  void logEvent(AssetObservation observation);

  /**
   * Records the result of a data-quality expectation in the event log.
   *
   * @param result the expectation result
   */
  void logEvent(ExpectationResult result);

  /**
   * Records the result of an asset check in the event log.
   *
   * @param evaluation the check's outcome
   */
  void logEvent(io.pipewright.sdk.event.AssetCheckEvaluation evaluation);

  /**
   * The partition this step runs for.
   *
   * @return the partition key, or empty when the step is not partitioned or runs a range
   */
  default Optional<String> partitionKey() {
    java.util.List<String> keys = partitionKeys();
    return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
  }

  /**
   * The partitions this step runs for: one key, every key of a range, or none.
   *
   * @return the partition keys, in order
   */
  java.util.List<String> partitionKeys();

  /**
   * The assets this step materializes (all outputs' assets, or the selected subset of a
   * multi-asset).
   *
   * @return the asset keys; empty for a plain op
   */
  java.util.Set<AssetKey> selectedAssetKeys();

  /**
   * The asset this step materializes.
   *
   * @return the asset key
   * @throws IllegalStateException when the step materializes no asset or several
   */
  default AssetKey assetKey() {
    java.util.Set<AssetKey> keys = selectedAssetKeys();
    if (keys.size() != 1) {
      throw new IllegalStateException(
          "Step "
              + stepKey()
              + " materializes "
              + keys.size()
              + " assets "
              + keys
              + "; use selectedAssetKeys().");
    }
    return keys.iterator().next();
  }

  /**
   * Attaches metadata to an output's {@code STEP_OUTPUT} event, in addition to metadata returned
   * with {@link Output}.
   *
   * @param outputName the output's name
   * @param metadata the metadata
   */
  void addOutputMetadata(String outputName, Metadata metadata);
}
