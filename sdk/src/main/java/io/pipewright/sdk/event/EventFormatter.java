package io.pipewright.sdk.event;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.text.Texts;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.types.TypeCheck;
import java.time.Instant;
import java.util.Map;

/**
 * Renders {@link RunEvent}s for people: one aligned line per event, optionally followed by indented
 * details.
 *
 * <pre>
 * 12:03:04.125 DEBUG   STEP_OUTPUT             extract          Yielded output "result".  [output=result]
 * 12:03:04.130 ERROR   STEP_FAILURE            load             Step failed.  [error="java.lang.IllegalStateException: boom" source=USER_CODE_ERROR]
 * </pre>
 *
 * <p>Times are UTC. The format is meant for terminals and logs; it is not a stable, parseable
 * interface.
 */
public final class EventFormatter {

  private static final int LEVEL_WIDTH = 7; // WARNING
  private static final int TYPE_WIDTH = 23; // STEP_EXPECTATION_RESULT; longer types overflow
  private static final int STEP_WIDTH = 16;
  private static final int FACT_MAX_CHARS = 120;
  private static final int DETAIL_MAX_CHARS = 300;
  private static final String INDENT = "    ";
  private static final String ENTRY_INDENT = "      ";

  private EventFormatter() {}

  /**
   * Renders an event on one line: the UTC time ({@code HH:mm:ss.SSS}), the level, the type, the
   * step key (or {@code -}), the message's first line and, in brackets, the payload's key facts
   * such as {@code output=result}, {@code attempt=2}, {@code wait=1.0s} or the error's first line.
   *
   * @param event the event
   * @return the line, without a final newline
   * @throws IllegalArgumentException if {@code event} is null
   */
  public static String format(RunEvent event) {
    if (event == null) {
      throw new IllegalArgumentException("EventFormatter.format(event) needs an event, got null");
    }
    StringBuilder out = new StringBuilder(160);
    appendLine(out, event);
    return out.toString();
  }

  /**
   * Renders an event as {@link #format(RunEvent)} does, followed by indented details: the rest of a
   * multi-line message, descriptions, metadata entries, type-check metadata, log fields and, for
   * events that carry an error, its stack and causes.
   *
   * @param event the event
   * @return the lines, separated by {@code \n}, without a final newline
   * @throws IllegalArgumentException if {@code event} is null
   */
  public static String formatWithDetails(RunEvent event) {
    if (event == null) {
      throw new IllegalArgumentException(
          "EventFormatter.formatWithDetails(event) needs an event, got null");
    }
    StringBuilder out = new StringBuilder(512);
    appendLine(out, event);
    appendDetails(out, event);
    return out.toString();
  }

  // ---- the line ----

  private static void appendLine(StringBuilder out, RunEvent event) {
    appendTime(out, event.timestamp());
    out.append(' ');
    pad(out, event.level().name(), LEVEL_WIDTH);
    out.append(' ');
    pad(out, event.type().name(), TYPE_WIDTH);
    out.append(' ');
    pad(out, event.stepKey() == null ? "-" : event.stepKey(), STEP_WIDTH);
    out.append(' ');
    out.append(Texts.oneLine(Texts.firstLine(event.message())));
    int mark = out.length();
    out.append("  [");
    int start = out.length();
    if (event.data() != null) {
      appendFacts(out, start, event.data(), event.message());
    }
    if (out.length() == start) {
      out.setLength(mark);
    } else {
      out.append(']');
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  private static void appendFacts(StringBuilder out, int start, EventData data, String message) {
    if (data instanceof StepInputData d) {
      fact(out, start, "input", d.inputName());
      typeCheckFact(out, start, d.typeCheck());
    } else if (data instanceof LoadedInputData d) {
      fact(out, start, "input", d.inputName());
      fact(out, start, "manager", d.managerKey());
      if (d.upstreamStepKey() != null) {
        fact(
            out,
            start,
            "from",
            d.upstreamOutputName() == null
                ? d.upstreamStepKey()
                : d.upstreamStepKey() + "." + d.upstreamOutputName());
      }
    } else if (data instanceof StepOutputData d) {
      fact(out, start, "output", d.outputName());
      if (d.mappingKey() != null) {
        fact(out, start, "mapping_key", d.mappingKey());
      }
      typeCheckFact(out, start, d.typeCheck());
    } else if (data instanceof HandledOutputData d) {
      fact(out, start, "output", d.outputName());
      fact(out, start, "manager", d.managerKey());
    } else if (data instanceof MaterializationData d) {
      assetFacts(out, start, d.materialization().assetKey(), d.materialization().partition());
    } else if (data instanceof ObservationData d) {
      assetFacts(out, start, d.observation().assetKey(), d.observation().partition());
    } else if (data instanceof ExpectationData d) {
      fact(out, start, "expectation", d.result().label());
      fact(out, start, "result", d.result().success() ? "passed" : "failed");
    } else if (data instanceof StepFailureData d) {
      errorFact(out, start, d.error());
      fact(out, start, "source", d.errorSource().name());
    } else if (data instanceof StepRetryData d) {
      fact(out, start, "attempt", Integer.toString(d.attempt()));
      fact(out, start, "wait", d.secondsToWait() + "s");
      errorFact(out, start, d.error());
    } else if (data instanceof StepRestartedData d) {
      fact(out, start, "attempt", Integer.toString(d.attempt()));
    } else if (data instanceof StepSuccessData d) {
      fact(out, start, "duration", formatDuration(d.durationMillis()));
    } else if (data instanceof StepSkippedData d) {
      fact(out, start, "reason", d.reason());
    } else if (data instanceof RunFailureData d) {
      if (!d.failedStepKeys().isEmpty()) {
        fact(out, start, "failed_steps", String.join(",", d.failedStepKeys()));
      }
      if (!d.reason().isEmpty() && !message.contains(d.reason())) {
        fact(out, start, "reason", d.reason());
      }
      errorFact(out, start, d.error());
    } else if (data instanceof ResourceData d) {
      fact(out, start, "resource", d.resourceKey());
      if (d.durationMillis() > 0) {
        fact(out, start, "duration", formatDuration(d.durationMillis()));
      }
      errorFact(out, start, d.error());
    } else if (data instanceof HookData d) {
      fact(out, start, "hook", d.hookName());
      errorFact(out, start, d.error());
    } else if (data instanceof EngineData d) {
      errorFact(out, start, d.error());
    }
    // LogData: its fields belong to the details; inline they would drown the message.
  }

  private static void assetFacts(
      StringBuilder out, int start, AssetKey assetKey, String partition) {
    fact(out, start, "asset", assetKey.toUserString());
    if (partition != null) {
      fact(out, start, "partition", partition);
    }
  }

  private static void typeCheckFact(StringBuilder out, int start, TypeCheck check) {
    if (check.failed()) {
      fact(out, start, "type_check", check.description());
    }
  }

  private static void errorFact(StringBuilder out, int start, ErrorInfo error) {
    if (error != null) {
      fact(out, start, "error", error.firstLine());
    }
  }

  private static void fact(StringBuilder out, int start, String key, String value) {
    if (out.length() > start) {
      out.append(' ');
    }
    out.append(key).append('=');
    String text = Texts.abbreviate(Texts.oneLine(value), FACT_MAX_CHARS);
    if (needsQuotes(text)) {
      out.append('"').append(text.replace("\"", "\\\"")).append('"');
    } else {
      out.append(text);
    }
  }

  private static boolean needsQuotes(String text) {
    if (text.isEmpty()) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '"' || c == '=' || c == '[' || c == ']') {
        return true;
      }
    }
    return false;
  }

  // ---- the details ----

  private static void appendDetails(StringBuilder out, RunEvent event) {
    String message = event.message();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      section(out, "message");
      for (String line : message.split("\r?\n", -1)) {
        out.append('\n').append(ENTRY_INDENT).append(line);
      }
    }
    EventData data = event.data();
    if (data instanceof StepInputData d) {
      metadata(out, "type check metadata", d.typeCheck().metadata());
    } else if (data instanceof LoadedInputData d) {
      metadata(out, "metadata", d.metadata());
    } else if (data instanceof StepOutputData d) {
      metadata(out, "metadata", d.metadata());
      metadata(out, "type check metadata", d.typeCheck().metadata());
    } else if (data instanceof HandledOutputData d) {
      metadata(out, "metadata", d.metadata());
    } else if (data instanceof MaterializationData d) {
      description(out, d.materialization().description());
      metadata(out, "metadata", d.materialization().metadata());
    } else if (data instanceof ObservationData d) {
      description(out, d.observation().description());
      metadata(out, "metadata", d.observation().metadata());
    } else if (data instanceof ExpectationData d) {
      description(out, d.result().description());
      metadata(out, "metadata", d.result().metadata());
    } else if (data instanceof StepFailureData d) {
      metadata(out, "metadata", d.userFailureMetadata());
      error(out, d.error());
    } else if (data instanceof StepRetryData d) {
      error(out, d.error());
    } else if (data instanceof RunFailureData d) {
      error(out, d.error());
    } else if (data instanceof LogData d) {
      fields(out, d.fields());
    } else if (data instanceof ResourceData d) {
      error(out, d.error());
    } else if (data instanceof HookData d) {
      error(out, d.error());
    } else if (data instanceof EngineData d) {
      metadata(out, "metadata", d.metadata());
      error(out, d.error());
    }
  }

  private static void section(StringBuilder out, String title) {
    out.append('\n').append(INDENT).append(title).append(':');
  }

  private static void description(StringBuilder out, String description) {
    if (description != null && !description.isBlank()) {
      out.append('\n')
          .append(INDENT)
          .append("description: ")
          .append(Texts.abbreviate(Texts.oneLine(description), DETAIL_MAX_CHARS));
    }
  }

  private static void metadata(StringBuilder out, String title, Metadata metadata) {
    if (metadata.isEmpty()) {
      return;
    }
    section(out, title);
    for (Map.Entry<String, MetadataValue> entry : metadata) {
      out.append('\n')
          .append(ENTRY_INDENT)
          .append(entry.getKey())
          .append(": ")
          .append(entry.getValue().display());
    }
  }

  private static void fields(StringBuilder out, Map<String, Object> fields) {
    if (fields.isEmpty()) {
      return;
    }
    section(out, "fields");
    for (Map.Entry<String, Object> entry : fields.entrySet()) {
      Object value = entry.getValue();
      String text;
      if (value instanceof MetadataValue metadataValue) {
        text = metadataValue.display();
      } else if (value instanceof String s) {
        text = Texts.abbreviate(Texts.oneLine(s), DETAIL_MAX_CHARS);
      } else {
        text = Texts.oneLine(Texts.renderValue(value, DETAIL_MAX_CHARS));
      }
      out.append('\n').append(ENTRY_INDENT).append(entry.getKey()).append(": ").append(text);
    }
  }

  private static void error(StringBuilder out, ErrorInfo error) {
    if (error == null) {
      return;
    }
    section(out, "error");
    String display = error.toDisplayString();
    int from = 0;
    while (from <= display.length()) {
      int newline = display.indexOf('\n', from);
      int to = newline < 0 ? display.length() : newline;
      out.append('\n').append(ENTRY_INDENT).append(display, from, to);
      if (newline < 0) {
        break;
      }
      from = newline + 1;
    }
  }

  // ---- small renderings ----

  private static void appendTime(StringBuilder out, Instant timestamp) {
    long secondOfDay = Math.floorMod(timestamp.getEpochSecond(), 86_400L);
    twoDigits(out, (int) (secondOfDay / 3600));
    out.append(':');
    twoDigits(out, (int) (secondOfDay / 60 % 60));
    out.append(':');
    twoDigits(out, (int) (secondOfDay % 60));
    out.append('.');
    int millis = timestamp.getNano() / 1_000_000;
    if (millis < 100) {
      out.append('0');
    }
    twoDigits(out, millis);
  }

  private static void twoDigits(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    out.append(value);
  }

  /**
   * Renders a duration the way people read them: {@code 12ms}, {@code 1.234s}, {@code 2m03s},
   * {@code 1h02m03s}.
   */
  static String formatDuration(long millis) {
    if (millis < 1000) {
      return millis + "ms";
    }
    StringBuilder out = new StringBuilder(12);
    if (millis < 60_000) {
      out.append(millis / 1000).append('.');
      long rest = millis % 1000;
      if (rest < 100) {
        out.append('0');
      }
      twoDigits(out, (int) rest);
      return out.append('s').toString();
    }
    long seconds = millis / 1000;
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
      twoDigits(out, (int) (seconds / 60 % 60));
    } else {
      out.append(seconds / 60);
    }
    out.append('m');
    twoDigits(out, (int) (seconds % 60));
    return out.append('s').toString();
  }

  private static void pad(StringBuilder out, String text, int width) {
    out.append(text);
    for (int i = text.length(); i < width; i++) {
      out.append(' ');
    }
  }
}
