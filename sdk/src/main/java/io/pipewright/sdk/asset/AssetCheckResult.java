package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.event.AssetCheckSeverity;
import io.pipewright.sdk.metadata.Metadata;

/**
 * What a check function returns (Dagster's {@code AssetCheckResult}).
 *
 * <pre>{@code
 * return nulls == 0
 *     ? AssetCheckResult.passed().withMetadata(Metadata.of("rows", rows))
 *     : AssetCheckResult.failed(nulls + " rows have no id").withSeverity(AssetCheckSeverity.WARN);
 * }</pre>
 *
 * @param success whether the check passed
 * @param severity how serious a failure is (default ERROR)
 * @param description what was found, or {@code null}
 * @param metadata supporting numbers and previews
 * @param asset for a multi-check, which asset this result is about; else {@code null}
 * @param checkName for a multi-check, which check this result is about; else {@code null}
 */
public record AssetCheckResult(
    boolean success,
    AssetCheckSeverity severity,
    String description,
    Metadata metadata,
    AssetKey asset,
    String checkName) {

  /** Normalises missing values. */
  public AssetCheckResult {
    severity = severity == null ? AssetCheckSeverity.ERROR : severity;
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * A passing result.
   *
   * @return the result
   */
  public static AssetCheckResult passed() {
    return new AssetCheckResult(true, AssetCheckSeverity.ERROR, null, Metadata.empty(), null, null);
  }

  /**
   * A failing result, severity ERROR.
   *
   * @param description what was wrong
   * @return the result
   */
  public static AssetCheckResult failed(String description) {
    return new AssetCheckResult(
        false, AssetCheckSeverity.ERROR, description, Metadata.empty(), null, null);
  }

  /**
   * Returns a copy with a severity.
   *
   * @param newSeverity the severity
   * @return the new result
   */
  public AssetCheckResult withSeverity(AssetCheckSeverity newSeverity) {
    return new AssetCheckResult(success, newSeverity, description, metadata, asset, checkName);
  }

  /**
   * Returns a copy with metadata.
   *
   * @param newMetadata the metadata
   * @return the new result
   */
  public AssetCheckResult withMetadata(Metadata newMetadata) {
    return new AssetCheckResult(success, severity, description, newMetadata, asset, checkName);
  }

  /**
   * Returns a copy for one check of a multi-check.
   *
   * @param key the asset
   * @param name the check's name
   * @return the new result
   */
  public AssetCheckResult forCheck(AssetKey key, String name) {
    return new AssetCheckResult(success, severity, description, metadata, key, name);
  }
}
