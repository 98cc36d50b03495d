package io.pipewright.webserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.v1.Event;
import io.pipewright.protocol.v1.IngestEventsRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestRequestsTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456Z");

  private static StepEventBatch batch() {
    return new StepEventBatch(
        "run-1",
        "clean",
        2,
        List.of(
            new EventRecord(
                "run-1",
                "clean",
                2,
                4,
                T,
                DagsterEventType.STEP_START,
                EventLevel.DEBUG,
                "Started.",
                null),
            new EventRecord(
                "run-1",
                "clean",
                2,
                5,
                T.plusSeconds(1),
                DagsterEventType.ENGINE_EVENT,
                EventLevel.INFO,
                "progress",
                null)));
  }

  @Test
  void shouldDecodeTheBatchAndKeepEachEventsBytesWhenTheBodyIsARequest() throws Exception {
    IngestEventsRequest request = EventMapper.toProto(batch(), "token");

    IngestRequests.Decoded decoded = IngestRequests.decode(request.toByteArray());

    assertThat(decoded.batch()).isEqualTo(EventMapper.toCore(request));
    assertThat(decoded.bodies()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(decoded.bodies().get(i)).isEqualTo(request.getEvents(i).toByteArray());
      assertThat(EventMapper.toCore(Event.parseFrom(decoded.bodies().get(i)), "run-1", "clean", 2))
          .isEqualTo(decoded.batch().events().get(i));
    }
  }

  @Test
  void shouldSkipUnknownFieldsWhenANewerWorkerSendsThem() throws Exception {
    IngestEventsRequest request =
        EventMapper.toProto(batch(), "token").toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
                    .build())
            .build();

    IngestRequests.Decoded decoded = IngestRequests.decode(request.toByteArray());

    assertThat(decoded.batch()).isEqualTo(batch());
  }

  @Test
  void shouldRefuseABodyThatIsNotARequestWhenItIsTruncated() {
    byte[] whole = EventMapper.toProto(batch(), "token").toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 3);

    assertThatThrownBy(() -> IngestRequests.decode(truncated))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void shouldRefuseABatchWhenItsSequencesDoNotIncrease() {
    StepEventBatch ordered = batch();
    IngestEventsRequest request =
        EventMapper.toProto(ordered, "token").toBuilder()
            .setEvents(1, EventMapper.toProto(ordered.events().get(0)))
            .build();

    assertThatThrownBy(() -> IngestRequests.decode(request.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increasing sequence order");
  }
}
