package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One or more assets and how they are computed (Dagster's {@code AssetsDefinition}): a single asset
 * ({@link AssetDefinition}), several assets from one op ({@link MultiAssetDefinition}), an asset
 * computed by a graph of ops ({@link GraphAssetDefinition}), or an asset Pipewright does not
 * compute ({@link ExternalAssetDefinition}).
 */
public sealed interface AssetsDefinition
    permits AssetDefinition, MultiAssetDefinition, GraphAssetDefinition, ExternalAssetDefinition {

  /**
   * The assets defined.
   *
   * @return their specs
   */
  List<AssetSpec> specs();

  /**
   * The name of the op or graph that computes them; the step key prefix in asset jobs.
   *
   * @return the node name
   */
  String nodeName();

  /**
   * The op or graph that computes the assets: its inputs load upstream assets and its outputs
   * materialize the assets. Empty for external assets without an observation function.
   *
   * @return the node
   */
  Optional<NodeDefinition> node();

  /**
   * The upstream assets loaded as inputs, by input name.
   *
   * @return the inputs
   */
  Map<String, AssetIn> inputs();

  /**
   * Which output of {@link #node()} materializes each asset.
   *
   * @return asset key to output name
   */
  Map<AssetKey, String> outputNames();

  /**
   * How the assets are partitioned.
   *
   * @return the partitions definition, or empty for unpartitioned assets
   */
  Optional<PartitionsDefinition> partitions();

  /**
   * Whether a run may materialize only some of the assets.
   *
   * @return true for subsettable multi-assets
   */
  default boolean canSubset() {
    return false;
  }

  /**
   * Whether Pipewright computes these assets.
   *
   * @return false for external assets
   */
  default boolean isMaterializable() {
    return true;
  }

  /**
   * Problems in the definition itself, reported when {@code Definitions} are built.
   *
   * @return the problems
   */
  List<DefinitionError> problems();
}
