/**
 * The event log's model: {@link io.pipewright.core.event.EventRecord}s with Dagster's {@link
 * io.pipewright.core.event.DagsterEventType}s and typed {@link
 * io.pipewright.core.event.EventPayload}s, which hosts store and step workers report through the
 * event ingest ({@link io.pipewright.core.event.StepEventBatch}). The code location server maps the
 * sdk's events to these, payload record by payload record.
 */
package io.pipewright.core.event;
