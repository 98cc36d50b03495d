package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepSuccessPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link StepEventSink} adapter must do; each adapter's test extends this class. */
abstract class StepEventSinkContract {

  /** A new sink for run {@code run-1}, step {@code extract}, attempt 2. */
  abstract StepEventSink newSink() throws Exception;

  /** The events the sink's destination holds, in sequence order. */
  abstract List<EventRecord> delivered() throws Exception;

  static EventRecord event(long sequence) {
    return new EventRecord(
        "run-1",
        "extract",
        2,
        sequence,
        Instant.parse("2026-01-05T10:00:00Z").plusMillis(sequence),
        sequence == 0 ? DagsterEventType.STEP_START : DagsterEventType.STEP_SUCCESS,
        EventLevel.INFO,
        "event " + sequence,
        sequence == 0 ? null : new StepSuccessPayload(sequence));
  }

  static List<EventRecord> events(int count) {
    List<EventRecord> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(i));
    }
    return events;
  }

  @Test
  void shouldDeliverEveryEventInOrderWithItsPayloadWhenFlushed() throws Exception {
    StepEventSink sink = newSink();
    List<EventRecord> events = events(7);
    events.forEach(sink::accept);

    StepEventSink.Delivery delivery = sink.flush();

    assertThat(delivery.delivered()).isTrue();
    assertThat(delivery.eventsDelivered()).isEqualTo(7);
    assertThat(delivered()).isEqualTo(events);
    sink.close();
  }

  @Test
  void shouldDeliverWhatIsLeftWhenClosed() throws Exception {
    StepEventSink sink = newSink();
    events(3).forEach(sink::accept);

    StepEventSink.Delivery delivery = sink.close();

    assertThat(delivery).isEqualTo(StepEventSink.Delivery.delivered(3));
    assertThat(delivered()).hasSize(3);
  }

  @Test
  void shouldReportNothingDeliveredWhenNothingWasAccepted() throws Exception {
    StepEventSink sink = newSink();

    assertThat(sink.close()).isEqualTo(StepEventSink.Delivery.delivered(0));
    assertThat(delivered()).isEmpty();
  }

  @Test
  void shouldDropEventsAcceptedAfterClose() throws Exception {
    StepEventSink sink = newSink();
    sink.accept(event(0));
    sink.close();

    sink.accept(event(1));

    assertThat(delivered()).hasSize(1);
  }
}
