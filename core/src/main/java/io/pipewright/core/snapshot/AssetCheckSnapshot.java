package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * A data-quality check attached to an asset (the sdk's {@code AssetCheckSpec} and the op that runs
 * it).
 *
 * @param asset the asset checked; not null
 * @param name the check's name, unique per asset; non-blank
 * @param description what it verifies; may be null
 * @param blocking whether a failure at severity ERROR stops the asset's downstream materializations
 * @param nodeName the name of the op that runs the check; may be null when the asset's own op does
 * @param jobNames the jobs that run it, sorted
 */
public record AssetCheckSnapshot(
    AssetKeySnapshot asset,
    String name,
    String description,
    boolean blocking,
    String nodeName,
    List<String> jobNames) {

  /** Validates and copies the components. */
  public AssetCheckSnapshot {
    Checks.require(asset, "AssetCheckSnapshot", "asset");
    Checks.requireNonBlank(name, "AssetCheckSnapshot", asset, "name");
    Checks.optionalNonBlank(nodeName, "AssetCheckSnapshot", name, "nodeName");
    jobNames = Checks.distinctList(jobNames, "AssetCheckSnapshot", name, "jobNames");
  }
}
