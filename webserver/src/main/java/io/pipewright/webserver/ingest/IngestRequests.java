package io.pipewright.webserver.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.v1.Event;
import io.pipewright.protocol.v1.IngestEventsRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code IngestEventsRequest} body field by field, keeping each {@code Event} message's
 * bytes as the worker sent them next to the decoded event: the event log stores exactly these bytes
 * as the event's body, so the ingest does not encode every event again (decoding a stored body
 * gives the same event as decoding the request did).
 *
 * <p>Field numbers are the request's ({@code events.proto}); unknown fields are skipped, as the
 * generated parser does. Pure.
 */
final class IngestRequests {

  private static final int RUN_ID = IngestEventsRequest.RUN_ID_FIELD_NUMBER;
  private static final int STEP_KEY = IngestEventsRequest.STEP_KEY_FIELD_NUMBER;
  private static final int ATTEMPT = IngestEventsRequest.ATTEMPT_FIELD_NUMBER;
  private static final int EVENTS = IngestEventsRequest.EVENTS_FIELD_NUMBER;

  /**
   * A decoded request.
   *
   * @param batch the attempt's events
   * @param bodies each event's {@code Event} message as received, in the batch's order
   */
  record Decoded(StepEventBatch batch, List<byte[]> bodies) {}

  private IngestRequests() {}

  /**
   * Decodes a body.
   *
   * @param body the binary {@code IngestEventsRequest}
   * @return the batch and its events' bytes
   * @throws InvalidProtocolBufferException when the body is not a well-formed request
   * @throws IllegalArgumentException when the request is well-formed but its batch is not valid
   */
  static Decoded decode(byte[] body) throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    String runId = "";
    String stepKey = "";
    int attempt = 0;
    List<byte[]> bodies = new ArrayList<>();
    List<Event> messages = new ArrayList<>();
    try {
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        int field = WireFormat.getTagFieldNumber(tag);
        int wireType = WireFormat.getTagWireType(tag);
        if (field == RUN_ID && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          runId = in.readStringRequireUtf8();
        } else if (field == STEP_KEY && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          stepKey = in.readStringRequireUtf8();
        } else if (field == ATTEMPT && wireType == WireFormat.WIRETYPE_VARINT) {
          attempt = in.readInt32();
        } else if (field == EVENTS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          byte[] event = in.readByteArray();
          bodies.add(event);
          messages.add(Event.parseFrom(event));
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    List<EventRecord> events = new ArrayList<>(messages.size());
    for (Event message : messages) {
      events.add(EventMapper.toCore(message, runId, stepKey, attempt));
    }
    return new Decoded(new StepEventBatch(runId, stepKey, attempt, events), bodies);
  }
}
