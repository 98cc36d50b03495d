package io.pipewright.protocol.mapping;

import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.protocol.v1.AssetCheck;
import io.pipewright.protocol.v1.AssetDependency;
import io.pipewright.protocol.v1.AssetNode;
import java.util.ArrayList;
import java.util.List;

/** Maps asset nodes, their dependencies and asset checks. */
public final class AssetMapper {

  private AssetMapper() {}

  /**
   * Maps an asset node to its message.
   *
   * @param asset the asset
   * @return the message
   */
  public static AssetNode toProto(AssetNodeSnapshot asset) {
    AssetNode.Builder out =
        AssetNode.newBuilder()
            .setKey(CommonMapper.toProto(asset.key()))
            .setGroup(asset.group())
            .addAllKinds(asset.kinds())
            .addAllOwners(asset.owners())
            .putAllTags(asset.tags())
            .addAllMetadata(MetadataMapper.toProto(asset.metadata()))
            .setMaterializable(asset.materializable())
            .setObservable(asset.observable())
            .addAllJobNames(asset.jobNames());
    if (asset.description() != null) {
      out.setDescription(asset.description());
    }
    if (asset.codeVersion() != null) {
      out.setCodeVersion(asset.codeVersion());
    }
    for (AssetDependencySnapshot dependency : asset.dependencies()) {
      AssetDependency.Builder d =
          AssetDependency.newBuilder().setKey(CommonMapper.toProto(dependency.key()));
      if (dependency.partitionMapping() != null) {
        d.setPartitionMapping(PartitionsMapper.toProto(dependency.partitionMapping()));
      }
      out.addDependencies(d);
    }
    if (asset.partitions() != null) {
      out.setPartitions(PartitionsMapper.toProto(asset.partitions()));
    }
    if (asset.nodeName() != null) {
      out.setNodeName(asset.nodeName());
    }
    if (asset.outputName() != null) {
      out.setOutputName(asset.outputName());
    }
    return out.build();
  }

  /**
   * Maps an asset node message to the record.
   *
   * @param asset the message
   * @return the asset
   */
  public static AssetNodeSnapshot toCore(AssetNode asset) {
    Protos.require(asset.hasKey(), "AssetNode", "key");
    List<AssetDependencySnapshot> dependencies = new ArrayList<>(asset.getDependenciesCount());
    List<AssetDependency> dependencyMessages = asset.getDependenciesList();
    for (int i = 0, n = dependencyMessages.size(); i < n; i++) {
      AssetDependency d = dependencyMessages.get(i);
      Protos.require(d.hasKey(), "AssetDependency", "key");
      dependencies.add(
          new AssetDependencySnapshot(
              CommonMapper.toCore(d.getKey()),
              d.hasPartitionMapping() ? PartitionsMapper.toCore(d.getPartitionMapping()) : null));
    }
    return new AssetNodeSnapshot(
        CommonMapper.toCore(asset.getKey()),
        asset.getGroup(),
        asset.hasDescription() ? asset.getDescription() : null,
        asset.getKindsList(),
        asset.getOwnersList(),
        asset.getTagsMap(),
        MetadataMapper.toCore(asset.getMetadataList()),
        asset.hasCodeVersion() ? asset.getCodeVersion() : null,
        dependencies,
        asset.hasPartitions() ? PartitionsMapper.toCore(asset.getPartitions()) : null,
        asset.hasNodeName() ? asset.getNodeName() : null,
        asset.hasOutputName() ? asset.getOutputName() : null,
        asset.getMaterializable(),
        asset.getObservable(),
        asset.getJobNamesList());
  }

  /**
   * Maps an asset check to its message.
   *
   * @param check the check
   * @return the message
   */
  public static AssetCheck toProto(AssetCheckSnapshot check) {
    AssetCheck.Builder out =
        AssetCheck.newBuilder()
            .setAsset(CommonMapper.toProto(check.asset()))
            .setName(check.name())
            .setBlocking(check.blocking())
            .addAllJobNames(check.jobNames());
    if (check.description() != null) {
      out.setDescription(check.description());
    }
    if (check.nodeName() != null) {
      out.setNodeName(check.nodeName());
    }
    return out.build();
  }

  /**
   * Maps an asset check message to the record.
   *
   * @param check the message
   * @return the check
   */
  public static AssetCheckSnapshot toCore(AssetCheck check) {
    Protos.require(check.hasAsset(), "AssetCheck '" + check.getName() + "'", "asset");
    return new AssetCheckSnapshot(
        CommonMapper.toCore(check.getAsset()),
        check.getName(),
        check.hasDescription() ? check.getDescription() : null,
        check.getBlocking(),
        check.hasNodeName() ? check.getNodeName() : null,
        check.getJobNamesList());
  }
}
