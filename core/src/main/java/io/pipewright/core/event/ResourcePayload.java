package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;

/**
 * Payload of the {@code RESOURCE_INIT_*} events (the sdk's {@code ResourceData}).
 *
 * @param resourceKey the resource's key; non-blank
 * @param durationMillis how long initialization took (0 when it just started); zero or more
 * @param error why initialization failed; null unless {@link
 *     DagsterEventType#RESOURCE_INIT_FAILURE}
 */
public record ResourcePayload(String resourceKey, long durationMillis, ErrorSnapshot error)
    implements EventPayload {

  /** Validates the components. */
  public ResourcePayload {
    Checks.requireNonBlank(resourceKey, "ResourcePayload", "resourceKey");
    Checks.nonNegative(durationMillis, "ResourcePayload", "durationMillis");
  }
}
