package io.pipewright.protocol.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.pipewright.core.event.EventRecord;
import io.pipewright.protocol.v1.StepEventLine;

/**
 * One event as one line of JSON: what a step worker without an event ingest writes to standard
 * output. The line is protobuf's JSON mapping of a {@code StepEventLine} (run, step, attempt and
 * the {@code Event}), so it reads well in {@code kubectl logs} and decodes back to the same {@link
 * EventRecord}, payload included:
 *
 * <pre>{@code
 * {"runId":"r1","stepKey":"extract","attempt":1,"event":{"sequence":"1","timestamp":"2026-01-05T10:00:00.120Z",
 *  "type":"EVENT_TYPE_STEP_START","level":"LOG_LEVEL_INFO","message":"Started execution of step \"extract\"."}}
 * }</pre>
 *
 * <p>(Shown on two lines here; a real line has no line break: JSON escapes those in strings.)
 */
public final class EventJsonLines {

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private EventJsonLines() {}

  /**
   * Renders an event as one line, without the line break.
   *
   * @param event the event
   * @return the line
   */
  public static String encode(EventRecord event) {
    StepEventLine.Builder line =
        StepEventLine.newBuilder()
            .setRunId(event.runId())
            .setAttempt(event.attempt())
            .setEvent(EventMapper.toProto(event));
    if (event.stepKey() != null) {
      line.setStepKey(event.stepKey());
    }
    try {
      return readable(PRINTER.print(line));
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields without a type registry fail to print, and these messages have none.
      throw new IllegalStateException("An event could not be rendered as JSON", e);
    }
  }

  /**
   * Undoes the HTML-safe escapes of protobuf's printer ({@code '} as {@code \u0027}, and {@code <},
   * {@code >}, {@code &}, {@code =}), which are valid JSON either way but make messages hard to
   * read in a log. Escapes are read left to right, so an escaped backslash is never mistaken for
   * the start of one.
   */
  static String readable(String json) {
    if (json.indexOf("\\u00") < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\' || i + 1 >= json.length()) {
        out.append(c);
        continue;
      }
      char next = json.charAt(i + 1);
      if (next == 'u' && i + 5 < json.length()) {
        String code = json.substring(i + 2, i + 6);
        char plain =
            switch (code) {
              case "0027" -> '\'';
              case "003c" -> '<';
              case "003e" -> '>';
              case "0026" -> '&';
              case "003d" -> '=';
              default -> 0;
            };
        if (plain != 0) {
          out.append(plain);
          i += 5;
          continue;
        }
      }
      out.append(c).append(next);
      i++;
    }
    return out.toString();
  }

  /**
   * Reads an event back from its line.
   *
   * @param line the line {@link #encode} wrote
   * @return the event
   * @throws IllegalArgumentException if the line is not such JSON, or the event is invalid
   */
  public static EventRecord decode(String line) {
    StepEventLine.Builder parsed = StepEventLine.newBuilder();
    try {
      PARSER.merge(line, parsed);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Not an event line of a step worker (" + e.getMessage() + "): " + preview(line), e);
    }
    if (!parsed.hasEvent()) {
      throw new IllegalArgumentException("The event line has no event: " + preview(line));
    }
    return EventMapper.toCore(
        parsed.getEvent(),
        parsed.getRunId(),
        parsed.getStepKey().isEmpty() ? null : parsed.getStepKey(),
        parsed.getAttempt());
  }

  private static String preview(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
