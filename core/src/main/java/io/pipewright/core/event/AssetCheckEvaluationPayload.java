package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#ASSET_CHECK_EVALUATION} (the sdk's {@code
 * AssetCheckEvaluationData} and its {@code AssetCheckEvaluation}).
 *
 * @param assetKey the asset checked; not null
 * @param checkName the check's name; non-blank
 * @param passed whether the check passed
 * @param severity how serious a failure is; not null
 * @param blocking whether a failure at {@link Severity#ERROR} stops downstream assets
 * @param description what was found; may be null
 * @param metadata numbers and previews supporting the result
 * @param partition the partition checked; may be null
 */
public record AssetCheckEvaluationPayload(
    AssetKeySnapshot assetKey,
    String checkName,
    boolean passed,
    Severity severity,
    boolean blocking,
    String description,
    List<MetadataEntrySnapshot> metadata,
    String partition)
    implements EventPayload {

  /** How serious a failed check is (the sdk's {@code AssetCheckSeverity}). */
  public enum Severity {
    /** Worth a look; never blocks. */
    WARN,
    /** A real problem; a blocking check with this severity stops downstream materializations. */
    ERROR
  }

  /** Validates and copies the components. */
  public AssetCheckEvaluationPayload {
    Checks.require(assetKey, "AssetCheckEvaluationPayload", "assetKey");
    Checks.requireNonBlank(checkName, "AssetCheckEvaluationPayload", "checkName");
    Checks.require(severity, "AssetCheckEvaluationPayload", "severity");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "AssetCheckEvaluationPayload");
    Checks.optionalNonBlank(partition, "AssetCheckEvaluationPayload", "partition");
  }
}
