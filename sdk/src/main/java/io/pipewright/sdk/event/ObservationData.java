package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#ASSET_OBSERVATION}: an asset was observed.
 *
 * @param observation the reported value; not null
 */
public record ObservationData(AssetObservation observation) implements EventData {

  /**
   * Validates the payload.
   *
   * @param observation the reported value; not null
   * @throws IllegalArgumentException if {@code observation} is null
   */
  public ObservationData {
    Checks.require(observation, "ObservationData", "observation");
  }
}
