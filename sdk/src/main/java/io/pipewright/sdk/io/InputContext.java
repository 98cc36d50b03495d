package io.pipewright.sdk.io;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.DataType;
import java.util.Optional;

/** Which input an IO manager is loading, and the upstream output it comes from. */
public interface InputContext {
  /**
   * The id of the run that is loading.
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
   * The key of the step that is loading.
   *
   * @return the step key
   */
  String stepKey();

  /**
   * The op that is loading.
   *
   * @return the op's name
   */
  String opName();

  /**
   * The input's name.
   *
   * @return the name
   */
  String inputName();

  /**
   * The input's declared type; its {@link DataType#javaType()} tells how to deserialize.
   *
   * @return the type
   */
  DataType dataType();

  /**
   * The input's static metadata.
   *
   * @return the metadata
   */
  Metadata metadata();

  /**
   * The upstream output being loaded (possibly of an earlier run, when re-executing).
   *
   * @return the upstream output
   */
  OutputContext upstreamOutput();

  /**
   * The asset being loaded.
   *
   * @return the asset key, or empty
   */
  Optional<AssetKey> assetKey();

  /**
   * The partition being loaded.
   *
   * @return the partition key, or empty
   */
  Optional<String> partitionKey();
}
