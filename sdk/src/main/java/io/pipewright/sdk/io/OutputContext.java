package io.pipewright.sdk.io;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which output an IO manager is storing or loading. */
public interface OutputContext {
  /**
   * The id of the run that produced the output.
   *
   * @return the run id
   */
  String runId();

  /**
   * The job's name.
   *
   * @return the job name
   */
  String jobName();

  /**
   * The key of the step that produced the output.
   *
   * @return the step key
   */
  String stepKey();

  /**
   * The op that produced the output.
   *
   * @return the op's name
   */
  String opName();

  /**
   * The output's name.
   *
   * @return the name
   */
  String outputName();

  /**
   * The mapping key of one value of a dynamic output.
   *
   * @return the mapping key, or empty for a regular output
   */
  Optional<String> mappingKey();

  /**
   * The output's declared type; its {@link DataType#javaType()} tells how to deserialize.
   *
   * @return the type
   */
  DataType dataType();

  /**
   * The output's static metadata and the metadata the op returned with the value.
   *
   * @return the metadata
   */
  Metadata metadata();

  /**
   * The asset the output materializes.
   *
   * @return the asset key, or empty for an output that is not an asset
   */
  Optional<AssetKey> assetKey();

  /**
   * The partition being stored.
   *
   * @return the partition key, or empty for an unpartitioned run
   */
  Optional<String> partitionKey();

  /**
   * Adds metadata to the {@code HANDLED_OUTPUT} event (the path written, a row count).
   *
   * @param key the key
   * @param value a value accepted by {@link io.pipewright.sdk.metadata.MetadataValue#of}
   */
  void addMetadata(String key, Object value);

  /**
   * A path that identifies the output uniquely (Dagster's {@code get_identifier}). For an asset:
   * the asset key's path and, for a partitioned asset, the partition key, so that every run reads
   * and writes the same place. Otherwise: run id, step key, output name and, for a dynamic value,
   * its mapping key.
   *
   * @return the parts
   */
  default List<String> identifier() {
    if (assetKey().isPresent()) {
      List<String> parts = new ArrayList<>(assetKey().get().path());
      partitionKey().ifPresent(parts::add);
      return parts;
    }
    List<String> parts = new ArrayList<>(4);
    parts.add(runId());
    parts.add(stepKey());
    parts.add(outputName());
    mappingKey().ifPresent(parts::add);
    return parts;
  }
}
