package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A software-defined asset as hosts see it (Dagster's {@code AssetNodeSnap}).
 *
 * @param key the asset's key; not null
 * @param group the asset group; non-blank
 * @param description what the asset holds; may be null
 * @param kinds compute and storage kinds, such as {@code sql} or {@code parquet}
 * @param owners teams ({@code team:data}) or e-mail addresses
 * @param tags free tags
 * @param metadata static metadata
 * @param codeVersion the version of the code that computes it; may be null
 * @param dependencies its upstream assets, in order, each once
 * @param partitions its partitions, or null when it is not partitioned
 * @param nodeName the name of the op or graph that computes or observes it; may be null for an
 *     external asset that nothing observes
 * @param outputName the output of that node that is this asset; may be null with the node name
 * @param materializable whether a run can materialize it (false for external assets)
 * @param observable whether a run can observe it (external assets with an observer)
 * @param jobNames the jobs that materialize or observe it, sorted
 */
public record AssetNodeSnapshot(
    AssetKeySnapshot key,
    String group,
    String description,
    List<String> kinds,
    List<String> owners,
    Map<String, String> tags,
    List<MetadataEntrySnapshot> metadata,
    String codeVersion,
    List<AssetDependencySnapshot> dependencies,
    PartitionsSnapshot partitions,
    String nodeName,
    String outputName,
    boolean materializable,
    boolean observable,
    List<String> jobNames) {

  /** Validates and copies the components. */
  public AssetNodeSnapshot {
    String record = "AssetNodeSnapshot";
    Checks.require(key, record, "key");
    Checks.requireNonBlank(group, record, key, "group");
    kinds = Checks.distinctList(kinds, record, key, "kinds");
    owners = Checks.distinctList(owners, record, key, "owners");
    tags = Checks.tags(tags, record, key, "tags");
    metadata = MetadataEntrySnapshot.copyOf(metadata, record, key);
    Checks.optionalNonBlank(codeVersion, record, key, "codeVersion");
    dependencies = Checks.list(dependencies, record, key, "dependencies");
    Checks.optionalNonBlank(nodeName, record, key, "nodeName");
    Checks.optionalNonBlank(outputName, record, key, "outputName");
    jobNames = Checks.distinctList(jobNames, record, key, "jobNames");
  }

  /**
   * Returns the keys of the upstream assets, in order.
   *
   * @return the keys
   */
  public List<AssetKeySnapshot> upstreamKeys() {
    List<AssetKeySnapshot> keys = new ArrayList<>(dependencies.size());
    for (AssetDependencySnapshot dependency : dependencies) {
      keys.add(dependency.key());
    }
    return Collections.unmodifiableList(keys);
  }

  /**
   * Tells whether the asset is partitioned.
   *
   * @return true when {@link #partitions()} is set
   */
  public boolean isPartitioned() {
    return partitions != null;
  }
}
