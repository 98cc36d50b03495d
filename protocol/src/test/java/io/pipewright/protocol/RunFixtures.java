package io.pipewright.protocol;

import static io.pipewright.protocol.Fixtures.T0;
import static io.pipewright.protocol.Fixtures.everyMetadataKind;
import static io.pipewright.protocol.Fixtures.key;

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
import io.pipewright.core.event.LogPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.ResourcePayload;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepInputPayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRestartedPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans, events and tick outcomes with one of everything, for round-trip and client tests. */
public final class RunFixtures {

  private RunFixtures() {}

  public static ErrorSnapshot error() {
    ErrorSnapshot root = ErrorSnapshot.of("java.io.IOException", "java.io.IOException: disk");
    ErrorSnapshot context = ErrorSnapshot.of("java.lang.IllegalStateException", "while closing");
    return new ErrorSnapshot(
        "java.lang.RuntimeException",
        "java.lang.RuntimeException: boom\nsecond line",
        List.of("  at a.B.c(B.java:1)", "  at a.B.d(B.java:2)"),
        root,
        context);
  }

  /** A plan with a dynamic output, a mapped step, a collect step and an asset input. */
  public static ExecutionPlanSnapshot plan() {
    StepSnapshot split =
        new StepSnapshot(
            "split",
            "split",
            "split",
            null,
            List.of(
                new StepInputSnapshot(
                    "raw",
                    "Any",
                    List.of(new StepInputSourceSnapshot.Asset(key("raw", "files"))),
                    false,
                    false)),
            List.of(new StepOutputSnapshot("chunks", "Any", true, false, "io_manager", null)),
            Map.of("kind", "split"),
            Fixtures.retryPolicy(),
            List.of("io_manager"),
            List.of());
    StepSnapshot process =
        new StepSnapshot(
            "etl.process[?]",
            "etl.process",
            "process",
            new StepSnapshot.DynamicMapping("split", "chunks"),
            List.of(
                new StepInputSnapshot(
                    "chunk",
                    "Any",
                    List.of(new StepInputSourceSnapshot.StepOutput("split", "chunks", false)),
                    false,
                    false)),
            List.of(new StepOutputSnapshot("result", "Int", false, true, "io_manager", null)),
            Map.of(),
            null,
            List.of(),
            List.of());
    StepSnapshot merge =
        new StepSnapshot(
            "merge",
            "merge",
            "merge",
            null,
            List.of(
                new StepInputSnapshot(
                    "results",
                    "List",
                    List.of(
                        new StepInputSourceSnapshot.StepOutput("etl.process[?]", "result", true)),
                    true,
                    false),
                new StepInputSnapshot("factor", "Int", List.of(), false, true)),
            List.of(
                new StepOutputSnapshot("result", "Int", false, false, "fs", key("sales", "total"))),
            Map.of(),
            null,
            List.of("fs"),
            List.of(key("sales", "total")));
    return new ExecutionPlanSnapshot(
        "etl", List.of(split, process, merge), "registry.example.com/etl:1.4.2");
  }

  public static List<ConfigErrorSnapshot> configErrors() {
    List<ConfigErrorSnapshot> errors = new ArrayList<>();
    for (ConfigErrorSnapshot.Reason reason : ConfigErrorSnapshot.Reason.values()) {
      errors.add(
          new ConfigErrorSnapshot(
              "ops.extract.config.limit", reason, "ops.extract.config.limit: " + reason));
    }
    errors.add(new ConfigErrorSnapshot("", ConfigErrorSnapshot.Reason.WRONG_TYPE, "root"));
    return errors;
  }

  public static List<EventPayload> everyPayload() {
    TypeCheckSnapshot passed = new TypeCheckSnapshot(true, null, List.of());
    TypeCheckSnapshot failed = new TypeCheckSnapshot(false, "expected Int", everyMetadataKind());
    List<EventPayload> payloads = new ArrayList<>();
    payloads.add(new StepInputPayload("rows", failed));
    payloads.add(new LoadedInputPayload("rows", "io_manager", "extract", "rows", List.of()));
    payloads.add(new LoadedInputPayload("rows", "io_manager", null, null, everyMetadataKind()));
    payloads.add(new StepOutputPayload("result", "k1", passed, everyMetadataKind()));
    payloads.add(new StepOutputPayload("result", null, passed, List.of()));
    payloads.add(new HandledOutputPayload("result", "fs", everyMetadataKind()));
    payloads.add(new MaterializationPayload(key("a"), "done", everyMetadataKind(), "2024-01-01"));
    payloads.add(new MaterializationPayload(key("a"), null, List.of(), null));
    payloads.add(new ObservationPayload(key("b", "c"), "seen", List.of(), "eu"));
    payloads.add(new ObservationPayload(key("b", "c"), null, List.of(), null));
    payloads.add(new ExpectationPayload(false, "not_null", "3 nulls", everyMetadataKind()));
    payloads.add(new ExpectationPayload(true, "not_null", null, List.of()));
    for (StepFailurePayload.ErrorSource source : StepFailurePayload.ErrorSource.values()) {
      payloads.add(new StepFailurePayload(error(), source, everyMetadataKind()));
    }
    payloads.add(new StepRetryPayload(error(), 2, 1.5));
    payloads.add(new StepRetryPayload(null, 3, 0));
    payloads.add(new StepRestartedPayload(2));
    payloads.add(new StepSuccessPayload(1234));
    payloads.add(new StepSkippedPayload("upstream output 'x' not produced"));
    payloads.add(new RunFailurePayload("steps failed", List.of("a", "b"), error()));
    payloads.add(new RunFailurePayload("launch failed", List.of(), null));
    payloads.add(new LogPayload(Fixtures.userJson()));
    payloads.add(new LogPayload(Map.of()));
    payloads.add(new ResourcePayload("db", 12, error()));
    payloads.add(new ResourcePayload("db", 0, null));
    payloads.add(new HookPayload("notify", error()));
    payloads.add(new HookPayload("notify", null));
    payloads.add(new EnginePayload(everyMetadataKind(), error()));
    payloads.add(new EnginePayload(List.of(), null));
    payloads.add(new MaterializationPlannedPayload(key("a"), "2024-01-01"));
    payloads.add(new MaterializationPlannedPayload(key("a"), null));
    for (AssetCheckEvaluationPayload.Severity severity :
        AssetCheckEvaluationPayload.Severity.values()) {
      payloads.add(
          new AssetCheckEvaluationPayload(
              key("a"), "fresh", false, severity, true, "stale", everyMetadataKind(), "eu"));
    }
    payloads.add(
        new AssetCheckEvaluationPayload(
            key("a"),
            "fresh",
            true,
            AssetCheckEvaluationPayload.Severity.WARN,
            false,
            null,
            List.of(),
            null));
    return payloads;
  }

  /** One event per payload, then one of every event type and level without payload. */
  public static List<EventRecord> stepEvents(String runId, String stepKey, int attempt) {
    List<EventRecord> events = new ArrayList<>();
    long sequence = 0;
    for (EventPayload payload : everyPayload()) {
      events.add(
          new EventRecord(
              runId,
              stepKey,
              attempt,
              sequence++,
              T0.plusMillis(sequence),
              DagsterEventType.ENGINE_EVENT,
              EventLevel.INFO,
              "payload " + payload.getClass().getSimpleName(),
              payload));
    }
    EventLevel[] levels = EventLevel.values();
    for (DagsterEventType type : DagsterEventType.values()) {
      events.add(
          new EventRecord(
              runId,
              stepKey,
              attempt,
              sequence++,
              T0.plusSeconds(sequence),
              type,
              levels[(int) (sequence % levels.length)],
              type.value(),
              null));
    }
    return events;
  }

  public static List<InstigatorEvaluation> evaluations() {
    RunRequestSnapshot full =
        new RunRequestSnapshot(
            "key-1",
            "etl",
            List.of(key("sales", "a"), key("sales", "b")),
            Fixtures.userJson(),
            Map.of("source", "sensor"),
            "2024-01-01");
    RunRequestSnapshot bare =
        new RunRequestSnapshot(null, null, List.of(), Map.of(), Map.of(), null);
    return List.of(
        InstigatorEvaluation.runs(List.of(full, bare)),
        InstigatorEvaluation.runs(List.of(full))
            .withCursor("cursor-2")
            .withDynamicPartitionRequests(
                List.of(
                    new DynamicPartitionsRequestSnapshot(
                        "customers",
                        DynamicPartitionsRequestSnapshot.Action.ADD,
                        List.of("acme", "globex")),
                    new DynamicPartitionsRequestSnapshot(
                        "customers",
                        DynamicPartitionsRequestSnapshot.Action.DELETE,
                        List.of("initech")))),
        InstigatorEvaluation.skipped("no new files").withCursor("cursor-1"),
        InstigatorEvaluation.skipped(null),
        InstigatorEvaluation.failed(error()));
  }
}
