package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#ASSET_OBSERVATION} (the sdk's {@code ObservationData} and its
 * {@code AssetObservation}).
 *
 * @param assetKey the asset; not null
 * @param description what was observed, in words; may be null
 * @param metadata facts about the asset
 * @param partition the partition observed; null for an unpartitioned asset
 */
public record ObservationPayload(
    AssetKeySnapshot assetKey,
    String description,
    List<MetadataEntrySnapshot> metadata,
    String partition)
    implements EventPayload {

  /** Validates and copies the components. */
  public ObservationPayload {
    Checks.require(assetKey, "ObservationPayload", "assetKey");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "ObservationPayload");
    Checks.optionalNonBlank(partition, "ObservationPayload", "partition");
  }
}
