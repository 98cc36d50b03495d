package io.pipewright.sdk.event;

/**
 * Payload of the {@code RESOURCE_INIT_*} events: the initialization of one resource.
 *
 * @param resourceKey the resource's key; not null
 * @param durationMillis how long initialization took (0 when it just started); non-negative
 * @param error why initialization failed; null unless {@link EventType#RESOURCE_INIT_FAILURE}
 */
public record ResourceData(String resourceKey, long durationMillis, ErrorInfo error)
    implements EventData {

  /**
   * Validates the payload.
   *
   * @param resourceKey the resource's key; not null
   * @param durationMillis how long initialization took (0 when it just started); non-negative
   * @param error why initialization failed; null unless {@link EventType#RESOURCE_INIT_FAILURE}
   * @throws IllegalArgumentException if the key is null or the duration negative
   */
  public ResourceData {
    Checks.require(resourceKey, "ResourceData", "resourceKey");
    Checks.nonNegative(durationMillis, "ResourceData", "durationMillis");
  }
}
