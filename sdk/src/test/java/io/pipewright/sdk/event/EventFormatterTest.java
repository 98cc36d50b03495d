package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFormatterTest {

  private static final Instant AT = Instant.parse("2024-05-01T07:03:04.005Z");

  private static RunEvent event(
      EventType type, LogLevel level, String stepKey, String message, EventData data) {
    return new RunEvent(42, "run-1", "etl", AT, type, level, stepKey, message, data);
  }

  private static ErrorInfo boom() {
    return new ErrorInfo(
        "java.lang.IllegalStateException: boom\nsecond line",
        List.of("  at a.A.run(A.java:1)", "  at a.B.call(B.java:2)"),
        "java.lang.IllegalStateException",
        ErrorInfo.of("java.io.IOException", "disk"),
        null);
  }

  @Test
  void shouldPrintTimeLevelTypeStepAndMessageWhenNoPayload() {
    String line =
        EventFormatter.format(
            event(EventType.STEP_START, LogLevel.DEBUG, "extract", "Started step.", null));

    assertThat(line)
        .isEqualTo("07:03:04.005 DEBUG   STEP_START              extract          Started step.");
  }

  @Test
  void shouldUseDashWhenEventHasNoStep() {
    String line =
        EventFormatter.format(
            event(EventType.RUN_START, LogLevel.INFO, null, "Run started.", null));

    assertThat(line)
        .isEqualTo("07:03:04.005 INFO    RUN_START               -                Run started.");
  }

  @Test
  void shouldNotEndWithSpacesWhenMessageIsEmpty() {
    String line = EventFormatter.format(event(EventType.RUN_START, LogLevel.INFO, "s", "", null));

    assertThat(line).isEqualTo("07:03:04.005 INFO    RUN_START               s");
  }

  @Test
  void shouldAppendOutputFactWhenStepOutput() {
    String line =
        EventFormatter.format(
            event(
                EventType.STEP_OUTPUT,
                LogLevel.DEBUG,
                "extract",
                "Yielded output.",
                new StepOutputData("result", null, TypeCheck.success(), Metadata.empty())));

    assertThat(line).endsWith("Yielded output.  [output=result]");
  }

  @Test
  void shouldQuoteFailedTypeCheckWhenStepOutputFailsCheck() {
    String line =
        EventFormatter.format(
            event(
                EventType.STEP_OUTPUT,
                LogLevel.ERROR,
                "extract",
                "Bad output.",
                new StepOutputData(
                    "result",
                    "k1",
                    TypeCheck.failure("Expected Int, got java.lang.String (\"x\")"),
                    null)));

    assertThat(line)
        .endsWith(
            "[output=result mapping_key=k1 type_check=\"Expected Int, got java.lang.String"
                + " (\\\"x\\\")\"]");
  }

  @Test
  void shouldShowAttemptWaitAndErrorWhenRetry() {
    String line =
        EventFormatter.format(
            event(
                EventType.STEP_UP_FOR_RETRY,
                LogLevel.WARNING,
                "load",
                "Retrying.",
                new StepRetryData(boom(), 2, 1.0)));

    assertThat(line)
        .isEqualTo(
            "07:03:04.005 WARNING STEP_UP_FOR_RETRY       load             Retrying.  [attempt=2"
                + " wait=1.0s error=\"java.lang.IllegalStateException: boom\"]");
  }

  @Test
  void shouldShowErrorAndSourceWhenStepFailure() {
    String line =
        EventFormatter.format(
            event(
                EventType.STEP_FAILURE,
                LogLevel.ERROR,
                "load",
                "Step failed.",
                new StepFailureData(boom(), ErrorSource.USER_CODE_ERROR, null)));

    assertThat(line)
        .endsWith(
            "Step failed.  [error=\"java.lang.IllegalStateException: boom\""
                + " source=USER_CODE_ERROR]");
  }

  @Test
  void shouldShowKeyFactsWhenOtherPayloads() {
    assertThat(facts(new StepInputData("rows", TypeCheck.success()))).isEqualTo("[input=rows]");
    assertThat(facts(new LoadedInputData("rows", "io_manager", "extract", "result", null)))
        .isEqualTo("[input=rows manager=io_manager from=extract.result]");
    assertThat(facts(new HandledOutputData("result", "io_manager", null)))
        .isEqualTo("[output=result manager=io_manager]");
    assertThat(
            facts(
                new MaterializationData(
                    AssetMaterialization.of(AssetKey.of("w", "orders")).withPartition("p1"))))
        .isEqualTo("[asset=w/orders partition=p1]");
    assertThat(facts(new ObservationData(AssetObservation.of(AssetKey.of("orders")))))
        .isEqualTo("[asset=orders]");
    assertThat(facts(new ExpectationData(ExpectationResult.failed("ids", "3 nulls"))))
        .isEqualTo("[expectation=ids result=failed]");
    assertThat(facts(new StepRestartedData(3))).isEqualTo("[attempt=3]");
    assertThat(facts(new StepSuccessData(12))).isEqualTo("[duration=12ms]");
    assertThat(facts(new StepSuccessData(1234))).isEqualTo("[duration=1.234s]");
    assertThat(facts(new StepSuccessData(1005))).isEqualTo("[duration=1.005s]");
    assertThat(facts(new StepSuccessData(123_000))).isEqualTo("[duration=2m03s]");
    assertThat(facts(new StepSuccessData(3_723_000))).isEqualTo("[duration=1h02m03s]");
    assertThat(facts(new StepSkippedData("upstream skipped")))
        .isEqualTo("[reason=\"upstream skipped\"]");
    assertThat(facts(new RunFailureData("Steps failed: a, b", List.of("a", "b"), null)))
        .isEqualTo("[failed_steps=a,b reason=\"Steps failed: a, b\"]");
    assertThat(facts(new ResourceData("db", 5, null))).isEqualTo("[resource=db duration=5ms]");
    assertThat(facts(new HookData("notify", ErrorInfo.of("X", "y"))))
        .isEqualTo("[hook=notify error=\"X: y\"]");
    assertThat(facts(new EngineData(null, ErrorInfo.of("X", "y")))).isEqualTo("[error=\"X: y\"]");
  }

  @Test
  void shouldOmitReasonWhenMessageAlreadySaysIt() {
    String line =
        EventFormatter.format(
            event(
                EventType.RUN_FAILURE,
                LogLevel.ERROR,
                null,
                "Run failed: Steps failed",
                new RunFailureData("Steps failed", List.of("a"), null)));

    assertThat(line).endsWith("Run failed: Steps failed  [failed_steps=a]");
  }

  @Test
  void shouldKeepLogFieldsOutOfTheLineWhenLogMessage() {
    String line =
        EventFormatter.format(
            event(
                EventType.LOG_MESSAGE,
                LogLevel.INFO,
                "extract",
                "Read rows",
                new LogData(Map.of("rows", 3))));

    assertThat(line).endsWith("Read rows");
  }

  @Test
  void shouldShowFirstLineOnlyWhenMessageIsMultiLine() {
    String line =
        EventFormatter.format(
            event(EventType.LOG_MESSAGE, LogLevel.INFO, "s", "first\nsecond", null));

    assertThat(line).endsWith("first...").doesNotContain("\n");
  }

  @Test
  void shouldAppendMetadataAndStackWhenFormattedWithDetails() {
    String text =
        EventFormatter.formatWithDetails(
            event(
                EventType.STEP_FAILURE,
                LogLevel.ERROR,
                "load",
                "Step failed.",
                new StepFailureData(
                    boom(), ErrorSource.USER_CODE_ERROR, Metadata.of("bad_rows", 3))));

    assertThat(text)
        .isEqualTo(
            "07:03:04.005 ERROR   STEP_FAILURE            load             Step failed.  [error="
                + "\"java.lang.IllegalStateException: boom\" source=USER_CODE_ERROR]\n"
                + "    metadata:\n"
                + "      bad_rows: 3\n"
                + "    error:\n"
                + "      java.lang.IllegalStateException: boom\n"
                + "      second line\n"
                + "        at a.A.run(A.java:1)\n"
                + "        at a.B.call(B.java:2)\n"
                + "      Caused by: java.io.IOException: disk");
  }

  @Test
  void shouldListLogFieldsWhenFormattedWithDetails() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("rows", 3);
    fields.put("table", "orders");
    fields.put("missing", null);

    String text =
        EventFormatter.formatWithDetails(
            event(EventType.LOG_MESSAGE, LogLevel.INFO, "s", "Read rows", new LogData(fields)));

    assertThat(text)
        .endsWith(
            "Read rows\n"
                + "    fields:\n"
                + "      rows: 3\n"
                + "      table: orders\n"
                + "      missing: null");
  }

  @Test
  void shouldShowDescriptionAndMetadataWhenMaterializationWithDetails() {
    String text =
        EventFormatter.formatWithDetails(
            event(
                EventType.ASSET_MATERIALIZATION,
                LogLevel.INFO,
                "s",
                "Materialized.",
                new MaterializationData(
                    AssetMaterialization.of(AssetKey.of("orders"), Metadata.of("rows", 3))
                        .withDescription("nightly"))));

    assertThat(text)
        .endsWith(
            "[asset=orders]\n"
                + "    description: nightly\n"
                + "    metadata:\n"
                + "      rows: 3");
  }

  @Test
  void shouldShowWholeMessageWhenMultiLineWithDetails() {
    String text =
        EventFormatter.formatWithDetails(
            event(EventType.LOG_MESSAGE, LogLevel.INFO, "s", "first\nsecond", null));

    assertThat(text).endsWith("first...\n    message:\n      first\n      second");
  }

  @Test
  void shouldAddNothingWhenDetailsAreEmpty() {
    RunEvent e =
        event(
            EventType.STEP_OUTPUT,
            LogLevel.DEBUG,
            "s",
            "Out.",
            new StepOutputData("result", null, TypeCheck.success(), null));

    assertThat(EventFormatter.formatWithDetails(e)).isEqualTo(EventFormatter.format(e));
  }

  @Test
  void shouldRejectNullEventWhenFormatting() {
    assertThatThrownBy(() -> EventFormatter.format(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventFormatter.formatWithDetails(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String facts(EventData data) {
    String line =
        EventFormatter.format(event(EventType.ENGINE_EVENT, LogLevel.INFO, "s", "m", data));
    int start = line.indexOf("  [");
    return start < 0 ? "" : line.substring(start + 2);
  }
}
