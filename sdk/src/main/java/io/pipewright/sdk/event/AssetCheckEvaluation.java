package io.pipewright.sdk.event;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import java.util.Objects;

/**
 * The outcome of one asset check (Dagster's {@code AssetCheckEvaluation}).
 *
 * @param assetKey the asset checked
 * @param checkName the check's name, unique per asset
 * @param passed whether the check passed
 * @param severity how serious a failure is
 * @param blocking whether a failure at {@link AssetCheckSeverity#ERROR} stops downstream assets
 * @param description what was found, or {@code null}
 * @param metadata numbers and previews supporting the result
 * @param partition the partition checked, or {@code null}
 */
public record AssetCheckEvaluation(
    AssetKey assetKey,
    String checkName,
    boolean passed,
    AssetCheckSeverity severity,
    boolean blocking,
    String description,
    Metadata metadata,
    String partition) {
  /** Validates the components. */
  public AssetCheckEvaluation {
    Objects.requireNonNull(assetKey, "assetKey");
    Objects.requireNonNull(checkName, "checkName");
    Objects.requireNonNull(severity, "severity");
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * Whether this result stops downstream materializations.
   *
   * @return true for a failed blocking check of severity ERROR
   */
  public boolean blocks() {
    return !passed && blocking && severity == AssetCheckSeverity.ERROR;
  }
}
