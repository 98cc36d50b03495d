/**
 * The run's event log: Dagster's event types and their payloads.
 *
 * <p>Everything that happens in a run is recorded as a {@link io.pipewright.sdk.event.RunEvent}:
 * run and step lifecycle, inputs loaded and outputs stored, asset materializations and
 * observations, expectation results, retries, failures with their {@link
 * io.pipewright.sdk.event.ErrorInfo}, and plain log lines. An event's {@link
 * io.pipewright.sdk.event.EventType} says what happened; its {@link
 * io.pipewright.sdk.event.EventData} payload carries the details. {@link
 * io.pipewright.sdk.event.EventFormatter} renders events for people.
 *
 * <p>Ops report assets with {@link io.pipewright.sdk.event.AssetMaterialization} and {@link
 * io.pipewright.sdk.event.AssetObservation}, and data-quality outcomes with {@link
 * io.pipewright.sdk.event.ExpectationResult}.
 */
package io.pipewright.sdk.event;
