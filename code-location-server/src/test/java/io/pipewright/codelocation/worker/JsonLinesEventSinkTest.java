package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventRecord;
import io.pipewright.protocol.mapping.EventJsonLines;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesEventSinkTest extends StepEventSinkContract {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Override
  StepEventSink newSink() {
    return new JsonLinesEventSink(new PrintStream(out, false, StandardCharsets.UTF_8));
  }

  @Override
  List<EventRecord> delivered() {
    List<EventRecord> events = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        events.add(EventJsonLines.decode(line));
      }
    }
    return events;
  }

  @Test
  void shouldWriteOneLineEndingInNewlinePerEvent() {
    StepEventSink sink = newSink();
    events(2).forEach(sink::accept);

    assertThat(out.toString(StandardCharsets.UTF_8)).matches("(\\{[^\n]*}\n){2}");
  }

  @Test
  void shouldReportAFailureWhenTheStreamBreaks() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }
        };
    StepEventSink sink =
        new JsonLinesEventSink(new PrintStream(broken, false, StandardCharsets.UTF_8));
    sink.accept(event(0));

    StepEventSink.Delivery delivery = sink.close();

    assertThat(delivery.delivered()).isFalse();
    assertThat(delivery.problem()).contains("Writing events to standard output failed");
  }
}
