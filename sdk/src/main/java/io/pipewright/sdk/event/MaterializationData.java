package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#ASSET_MATERIALIZATION}: an asset was materialized.
 *
 * @param materialization the reported value; not null
 */
public record MaterializationData(AssetMaterialization materialization) implements EventData {

  /**
   * Validates the payload.
   *
   * @param materialization the reported value; not null
   * @throws IllegalArgumentException if {@code materialization} is null
   */
  public MaterializationData {
    Checks.require(materialization, "MaterializationData", "materialization");
  }
}
