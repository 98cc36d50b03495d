package io.pipewright.protocol.mapping;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.v1.Event;
import io.pipewright.protocol.v1.EventType;
import io.pipewright.protocol.v1.IngestEventsRequest;
import io.pipewright.protocol.v1.IngestEventsResponse;
import io.pipewright.protocol.v1.LogLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps events and the event ingest's messages. An {@link Event} message carries no run, step or
 * attempt: those are its batch's, so that a worker cannot report another attempt's events.
 */
public final class EventMapper {

  private static final EnumBridge<DagsterEventType, EventType> TYPE =
      EnumBridge.of(DagsterEventType.class, EventType.values(), "EVENT_TYPE_", "event type");
  private static final EnumBridge<EventLevel, LogLevel> LEVEL =
      EnumBridge.of(EventLevel.class, LogLevel.values(), "LOG_LEVEL_", "log level");

  private EventMapper() {}

  /**
   * Maps an event to its message, without its run, step and attempt.
   *
   * @param event the event
   * @return the message
   */
  public static Event toProto(EventRecord event) {
    Event.Builder out =
        Event.newBuilder()
            .setSequence(event.sequence())
            .setTimestamp(Protos.timestamp(event.timestamp()))
            .setType(TYPE.toProto(event.type()))
            .setLevel(LEVEL.toProto(event.level()))
            .setMessage(event.message());
    if (event.payload() != null) {
      out.setData(EventPayloadMapper.toProto(event.payload()));
    }
    return out.build();
  }

  /**
   * Maps an event message to the record, giving it its run, step and attempt.
   *
   * @param event the message
   * @param runId the run
   * @param stepKey the step; null for a run-level event
   * @param attempt the attempt; 0 for a run-level event
   * @return the event
   */
  public static EventRecord toCore(Event event, String runId, String stepKey, int attempt) {
    if (!event.hasTimestamp()) {
      // Named only on failure: every stored event passes here on each read of a page of events.
      Protos.require(false, "Event " + event.getSequence(), "timestamp");
    }
    return new EventRecord(
        runId,
        stepKey,
        attempt,
        event.getSequence(),
        Protos.instant(event.getTimestamp()),
        TYPE.toCore(event.getType()),
        LEVEL.toCore(event.getLevel()),
        event.getMessage(),
        event.hasData() ? EventPayloadMapper.toCore(event.getData()) : null);
  }

  /**
   * Maps a batch to the ingest request a step worker sends.
   *
   * @param batch the attempt's events
   * @param token the attempt's token
   * @return the request
   */
  public static IngestEventsRequest toProto(StepEventBatch batch, String token) {
    IngestEventsRequest.Builder out =
        IngestEventsRequest.newBuilder()
            .setRunId(batch.runId())
            .setStepKey(batch.stepKey())
            .setAttempt(batch.attempt())
            .setToken(token);
    for (EventRecord event : batch.events()) {
      out.addEvents(toProto(event));
    }
    return out.build();
  }

  /**
   * Maps an ingest request to the batch it carries; the token stays with the caller, which checks
   * it.
   *
   * @param request the request
   * @return the batch
   * @throws IllegalArgumentException if the request is malformed, for example out of sequence
   */
  public static StepEventBatch toCore(IngestEventsRequest request) {
    List<EventRecord> events = new ArrayList<>(request.getEventsCount());
    for (Event event : request.getEventsList()) {
      events.add(toCore(event, request.getRunId(), request.getStepKey(), request.getAttempt()));
    }
    return new StepEventBatch(
        request.getRunId(), request.getStepKey(), request.getAttempt(), events);
  }

  /**
   * Maps what the ingest did to its response.
   *
   * @param result the result
   * @return the response
   */
  public static IngestEventsResponse toProto(IngestResult result) {
    return IngestEventsResponse.newBuilder()
        .setAccepted(result.accepted())
        .setDuplicates(result.duplicates())
        .setHighestSequence(result.highestSequence())
        .build();
  }

  /**
   * Maps an ingest response to the result.
   *
   * @param response the response
   * @return the result
   */
  public static IngestResult toCore(IngestEventsResponse response) {
    return new IngestResult(
        response.getAccepted(), response.getDuplicates(), response.getHighestSequence());
  }
}
