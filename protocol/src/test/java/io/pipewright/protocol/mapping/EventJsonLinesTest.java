package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.protocol.RunFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonLinesTest {

  @Test
  void shouldRoundTripEveryPayloadOnOneLine() {
    long sequence = 0;
    for (EventPayload payload : RunFixtures.everyPayload()) {
      EventRecord event =
          new EventRecord(
              "run-1",
              "extract",
              2,
              sequence++,
              Instant.parse("2026-01-05T10:00:00.123456789Z"),
              DagsterEventType.ENGINE_EVENT,
              EventLevel.WARNING,
              "a message\nwith two lines and \"quotes\"",
              payload);

      String line = EventJsonLines.encode(event);

      assertThat(line).doesNotContain("\n").startsWith("{\"runId\":\"run-1\"");
      assertThat(EventJsonLines.decode(line)).isEqualTo(event);
    }
  }

  @Test
  void shouldReadAsPlainJsonWithTheTypeAndMessage() {
    EventRecord event = RunFixtures.stepEvents("r1", "extract", 1).get(0);

    assertThat(EventJsonLines.encode(event))
        .contains("\"stepKey\":\"extract\"", "\"attempt\":1", "\"type\":\"EVENT_TYPE_");
  }

  @Test
  void shouldKeepQuotesAndAngleBracketsReadableButEscapedBackslashesIntact() {
    EventRecord event =
        new EventRecord(
            "run-1",
            "extract",
            1,
            3,
            Instant.parse("2026-01-05T10:00:00Z"),
            DagsterEventType.LOG_MESSAGE,
            EventLevel.INFO,
            "it's <b> & a=b, not \\u0027 or \\\\u0027",
            null);

    String line = EventJsonLines.encode(event);

    assertThat(line).contains("it's <b> & a=b");
    assertThat(EventJsonLines.decode(line)).isEqualTo(event);
  }

  @Test
  void shouldRejectALineThatIsNotAnEvent() {
    assertThatThrownBy(() -> EventJsonLines.decode("Started Quarkus in 0.9s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not an event line of a step worker");
    assertThatThrownBy(() -> EventJsonLines.decode("{\"runId\":\"r1\"}"))
        .hasMessageContaining("has no event");
  }
}
