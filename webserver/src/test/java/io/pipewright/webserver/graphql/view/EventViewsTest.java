package io.pipewright.webserver.graphql.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.ExpectationPayload;
import io.pipewright.core.event.HandledOutputPayload;
import io.pipewright.core.event.HookPayload;
import io.pipewright.core.event.LoadedInputPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.ResourcePayload;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepInputPayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event views answer every field of every event type as the views did when each event was a map
 * of its fields ({@link MapEventViews}): the same values, nested objects included, and null for the
 * fields an event does not have.
 */
class EventViewsTest {

  /** Every field any event type has, and some no event has. */
  private static final List<String> FIELDS =
      List.of(
          "runId",
          "message",
          "timestamp",
          "level",
          "stepKey",
          "solidHandleID",
          "eventType",
          "pipelineName",
          "label",
          "description",
          "metadataEntries",
          "markerStart",
          "markerEnd",
          "error",
          "errorSource",
          "failureMetadata",
          "secondsToWait",
          "inputName",
          "typeCheck",
          "outputName",
          "managerKey",
          "upstreamOutputName",
          "upstreamStepKey",
          "assetKey",
          "partition",
          "runOrError",
          "stepStats",
          "tags",
          "assetLineage",
          "expectationResult",
          "checkName",
          "evaluation",
          "materializationFailureReason",
          "materializationFailureType",
          "id",
          "nope");

  private static final List<MetadataEntrySnapshot> METADATA =
      List.of(
          new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(42)),
          new MetadataEntrySnapshot("note", new MetadataValueSnapshot.Text("fine")));

  private static final ErrorSnapshot ERROR = ErrorSnapshot.of("ValueError", "bad value");

  private static final EventViews.Context CONTEXT =
      new EventViews.Context() {
        @Override
        public GqlObject runOrError(String runId) {
          return GqlObject.of("Run").put("runId", runId);
        }

        @Override
        public GqlObject stepStats(String runId, String stepKey) {
          return GqlObject.of("RunStepStats").put("stepKey", stepKey);
        }
      };

  @Test
  void shouldAnswerEveryFieldAsTheMapOfFieldsDidWhenShownForEveryPayload() {
    List<EventRecord> events = new ArrayList<>();
    AssetKeySnapshot asset = AssetKeySnapshot.of("warehouse", "orders");
    TypeCheckSnapshot check = new TypeCheckSnapshot(false, "not an int", METADATA);
    events.add(event(DagsterEventType.RUN_START, null, null));
    events.add(event(DagsterEventType.LOG_MESSAGE, "extract", null));
    events.add(event(DagsterEventType.STEP_START, "square[r1]", null));
    events.add(event(DagsterEventType.STEP_SUCCESS, "extract", new StepSuccessPayload(12)));
    events.add(
        event(
            DagsterEventType.STEP_FAILURE,
            "extract",
            new StepFailurePayload(
                ERROR, StepFailurePayload.ErrorSource.USER_CODE_ERROR, METADATA)));
    events.add(
        event(
            DagsterEventType.STEP_FAILURE,
            "extract",
            new StepFailurePayload(ERROR, StepFailurePayload.ErrorSource.INTERRUPT, List.of())));
    events.add(
        event(DagsterEventType.STEP_UP_FOR_RETRY, "extract", new StepRetryPayload(ERROR, 2, 1.5)));
    events.add(
        event(DagsterEventType.STEP_INPUT, "extract", new StepInputPayload("numbers", check)));
    events.add(event(DagsterEventType.STEP_INPUT, "extract", null));
    events.add(
        event(
            DagsterEventType.STEP_OUTPUT,
            "extract",
            new StepOutputPayload("result", null, check, METADATA)));
    events.add(
        event(
            DagsterEventType.LOADED_INPUT,
            "clean",
            new LoadedInputPayload("numbers", "io_manager", "extract", "result", METADATA)));
    events.add(
        event(
            DagsterEventType.HANDLED_OUTPUT,
            "extract",
            new HandledOutputPayload("result", "io_manager", METADATA)));
    events.add(
        event(
            DagsterEventType.ASSET_MATERIALIZATION,
            "extract",
            new MaterializationPayload(asset, "made", METADATA, "2026-01-01")));
    events.add(event(DagsterEventType.ASSET_MATERIALIZATION, null, null));
    events.add(
        event(
            DagsterEventType.ASSET_OBSERVATION,
            null,
            new ObservationPayload(asset, "seen", METADATA, null)));
    events.add(
        event(
            DagsterEventType.ASSET_MATERIALIZATION_PLANNED,
            null,
            new MaterializationPlannedPayload(asset, "p1")));
    events.add(event(DagsterEventType.ASSET_FAILED_TO_MATERIALIZE, "extract", null));
    events.add(
        event(
            DagsterEventType.STEP_EXPECTATION_RESULT,
            "extract",
            new ExpectationPayload(true, "non_empty", "rows > 0", METADATA)));
    for (AssetCheckEvaluationPayload.Severity severity :
        new AssetCheckEvaluationPayload.Severity[] {
          AssetCheckEvaluationPayload.Severity.WARN, AssetCheckEvaluationPayload.Severity.ERROR
        }) {
      events.add(
          event(
              DagsterEventType.ASSET_CHECK_EVALUATION,
              "extract",
              new AssetCheckEvaluationPayload(
                  asset, "fresh", false, severity, true, "stale", METADATA, "p1")));
    }
    events.add(
        event(
            DagsterEventType.RUN_FAILURE,
            null,
            new RunFailurePayload("steps failed", List.of("extract"), ERROR)));
    events.add(event(DagsterEventType.ENGINE_EVENT, null, new EnginePayload(METADATA, ERROR)));
    events.add(event(DagsterEventType.ENGINE_EVENT, null, new EnginePayload(METADATA, null)));
    events.add(
        event(DagsterEventType.RESOURCE_INIT_FAILURE, null, new ResourcePayload("db", 5, ERROR)));
    events.add(event(DagsterEventType.HOOK_ERRORED, "extract", new HookPayload("notify", ERROR)));
    events.add(event(DagsterEventType.HOOK_COMPLETED, "extract", new HookPayload("notify", null)));
    for (DagsterEventType type : DagsterEventType.values()) {
      events.add(event(type, "step", null));
    }

    for (EventRecord record : events) {
      StoredEvent stored = new StoredEvent(7, record);
      GqlObject expected = MapEventViews.event(stored, "etl", CONTEXT);
      GqlObject actual = EventViews.event(stored, "etl", CONTEXT);
      assertThat(actual.typeName()).as("type of %s", record).isEqualTo(expected.typeName());
      for (String field : FIELDS) {
        assertThat(render(actual.peek(field)))
            .as("%s of %s", field, record)
            .isEqualTo(render(expected.peek(field)));
      }
    }
  }

  @Test
  void shouldWriteTheTimestampAsUnixMillisWhenShown() {
    GqlObject event =
        EventViews.event(
            new StoredEvent(1, event(DagsterEventType.RUN_START, null, null)), "etl", CONTEXT);

    assertThat(event.peek("timestamp")).isEqualTo("1767225600123");
    assertThat(event.peek("solidHandleID")).isNull();
  }

  private static EventRecord event(DagsterEventType type, String step, EventPayload payload) {
    return new EventRecord(
        "run-1",
        step,
        step == null ? 0 : 1,
        3,
        Instant.parse("2026-01-01T00:00:00.123Z"),
        type,
        EventLevel.WARNING,
        "message of " + type,
        payload);
  }

  /**
   * A value as text, nested objects with their fields (the map-built ones list them in their {@code
   * toString}), with each scalar's class: {@code 1.5} and {@code "1.5"} differ.
   */
  private static String render(Object value) {
    if (value instanceof GqlObject object) {
      String text = object.toString();
      StringBuilder out = new StringBuilder(object.typeName()).append('{');
      int open = text.indexOf('[');
      if (open >= 0 && text.endsWith("]") && text.length() > open + 2) {
        for (String key : text.substring(open + 1, text.length() - 1).split(", ")) {
          out.append(key).append('=').append(render(object.peek(key))).append(';');
        }
      } else if (open < 0) {
        out.append(text);
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(render(item)));
      return items.toString();
    }
    return value == null ? "null" : value + ":" + value.getClass().getSimpleName();
  }
}
