package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * A run that a schedule or sensor asks for (the sdk's and Dagster's {@code RunRequest}).
 *
 * @param runKey a key that makes the request idempotent per instigator: a second request with the
 *     same key is skipped; may be null
 * @param jobName the job to run; null for the instigator's own target
 * @param assetSelection the assets to materialize; empty for the whole target
 * @param runConfig the run config, in canonical {@link UserJson} form
 * @param tags tags for the run
 * @param partitionKey the partition to run; may be null
 */
public record RunRequestSnapshot(
    String runKey,
    String jobName,
    List<AssetKeySnapshot> assetSelection,
    Map<String, Object> runConfig,
    Map<String, String> tags,
    String partitionKey) {

  /** Validates and copies the components. */
  public RunRequestSnapshot {
    String record = "RunRequestSnapshot" + (runKey == null ? "" : " '" + runKey + "'");
    Checks.optionalNonBlank(runKey, record, "runKey");
    Checks.optionalNonBlank(jobName, record, "jobName");
    assetSelection = Checks.distinctList(assetSelection, record, "assetSelection");
    runConfig = UserJson.canonicalObject(runConfig, "the run config of " + record);
    tags = Checks.tags(tags, record, "tags");
    Checks.optionalNonBlank(partitionKey, record, "partitionKey");
  }
}
