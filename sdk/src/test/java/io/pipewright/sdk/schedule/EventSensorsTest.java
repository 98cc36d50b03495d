package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.schedule.SensorEvaluator;
import io.pipewright.sdk.internal.schedule.SensorTick;
import io.pipewright.sdk.metadata.Metadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Asset, multi-asset and run-status sensors: the sensors that manage their own cursor. */
class EventSensorsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  private static final AssetKey ORDERS = AssetKey.of("warehouse", "orders");
  private static final AssetKey EVENTS = AssetKey.of("raw", "events");

  private static MaterializationEvent materialized(long id, AssetKey key, String partition) {
    return new MaterializationEvent(
        id,
        "run-" + id,
        Instant.parse("2024-05-01T11:00:00Z").plusSeconds(id),
        key,
        partition,
        null);
  }

  private static RunStatusEvent ended(long id, String job, String status) {
    return new RunStatusEvent(
        id,
        new RunInfo(
            "run-" + id,
            job,
            status,
            Map.of("owner", "data"),
            Instant.parse("2024-05-01T11:00:00Z"),
            status.equals("FAILURE") ? "step load failed" : null));
  }

  // ---------------------------------------------------------------- asset sensor

  @Test
  void shouldCallOncePerNewMaterializationAndAdvanceCursorWhenAssetSensorTicks() {
    List<String> cursorsSeen = new ArrayList<>();
    AssetSensorDefinition sensor =
        AssetSensorDefinition.builder(
                "orders_updated",
                ORDERS,
                (ctx, event) -> {
                  cursorsSeen.add(ctx.cursor().orElse("none"));
                  return SensorResult.runs(
                      RunRequest.builder()
                          .runKey(event.runId())
                          .partitionKey(event.partition())
                          .build());
                })
            .job("refresh")
            .build();
    assertThat(sensor.sensorType()).isEqualTo(SensorType.ASSET);
    List<MaterializationEvent> events =
        List.of(
            materialized(12, ORDERS, "2024-04-30"),
            materialized(9, ORDERS, "2024-04-29"),
            materialized(10, EVENTS, null),
            materialized(5, ORDERS, "2024-04-28"));

    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, "5"), events);

    assertThat(evaluation.runRequests())
        .extracting(RunRequest::partitionKey)
        .as("oldest first; other assets and events up to the cursor ignored")
        .containsExactly("2024-04-29", "2024-04-30");
    assertThat(evaluation.cursor()).contains("12");
    assertThat(cursorsSeen).containsExactly("5", "9");
  }

  @Test
  void shouldSkipWithDagsterReasonWhenNoNewMaterialization() {
    AssetSensorDefinition sensor =
        AssetSensorDefinition.builder("s", ORDERS, (ctx, e) -> SensorResult.runs(RunRequest.of()))
            .job("j")
            .build();
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(
            sensor, SensorTick.of(CLOCK, "12"), List.of(materialized(12, ORDERS, null)));
    assertThat(evaluation.isSkipped()).isTrue();
    assertThat(evaluation.skipReason())
        .contains("No new materialization events found for asset key warehouse/orders");
    assertThat(evaluation.cursor()).contains("12");
  }

  @Test
  void shouldProcessEverythingWhenAssetCursorIsAbsentOrUnreadable() {
    AssetSensorDefinition sensor =
        AssetSensorDefinition.builder(
                "s", ORDERS, (ctx, e) -> SensorResult.skip("seen " + e.eventId()))
            .job("j")
            .build();
    List<MaterializationEvent> events =
        List.of(materialized(3, ORDERS, null), materialized(4, ORDERS, null));
    for (String cursor : new String[] {null, "not-a-number"}) {
      SensorEvaluation evaluation =
          SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, cursor), events);
      assertThat(evaluation.skipReason()).contains("seen 3; seen 4");
      assertThat(evaluation.cursor()).contains("4");
    }
  }

  @Test
  void shouldFailAndKeepCursorWhenAssetSensorSetsCursorOrThrows() {
    AssetSensorDefinition setsCursor =
        AssetSensorDefinition.builder(
                "s", ORDERS, (ctx, e) -> SensorResult.runs().withCursor("mine"))
            .job("j")
            .build();
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(
            setsCursor, SensorTick.of(CLOCK, "1"), List.of(materialized(2, ORDERS, null)));
    assertThat(evaluation.error().orElseThrow().message())
        .contains("an asset sensor manages its cursor itself; remove withCursor(...)");
    assertThat(evaluation.cursor()).contains("1");

    AssetSensorDefinition throwsOnSecond =
        AssetSensorDefinition.builder(
                "s",
                ORDERS,
                (ctx, e) -> {
                  if (e.eventId() == 3) {
                    throw new IllegalArgumentException("bad event");
                  }
                  return SensorResult.runs(RunRequest.of());
                })
            .job("j")
            .build();
    SensorEvaluation failed =
        SensorEvaluator.evaluate(
            throwsOnSecond,
            SensorTick.of(CLOCK, "1"),
            List.of(materialized(2, ORDERS, null), materialized(3, ORDERS, null)));
    assertThat(failed.isFailure()).isTrue();
    assertThat(failed.runRequests()).as("a failed tick requests nothing").isEmpty();
    assertThat(failed.cursor()).contains("1");
  }

  // ---------------------------------------------------------------- multi-asset sensor

  private static MultiAssetSensorDefinition waitForBoth() {
    return MultiAssetSensorDefinition.builder(
            "both_fresh",
            List.of(ORDERS, EVENTS),
            ctx -> {
              Map<AssetKey, MaterializationEvent> latest = ctx.latestMaterializationsByKey();
              if (latest.keySet().containsAll(ctx.monitoredAssets())) {
                ctx.advanceAllCursors();
                return SensorResult.runs(RunRequest.of());
              }
              return SensorResult.skip("waiting: " + latest.keySet());
            })
        .job("report")
        .build();
  }

  @Test
  void shouldWaitUntilEveryAssetIsFreshWhenMultiAssetSensorConsumesTogether() {
    MultiAssetSensorDefinition sensor = waitForBoth();
    assertThat(sensor.sensorType()).isEqualTo(SensorType.MULTI_ASSET);

    SensorEvaluation onlyOrders =
        SensorEvaluator.evaluate(
            sensor, SensorTick.of(CLOCK, null), List.of(materialized(4, ORDERS, null)));
    assertThat(onlyOrders.skipReason()).contains("waiting: [warehouse/orders]");
    assertThat(onlyOrders.cursor()).as("nothing consumed, no cursor").isEmpty();

    SensorEvaluation both =
        SensorEvaluator.evaluate(
            sensor,
            SensorTick.of(CLOCK, null),
            List.of(
                materialized(4, ORDERS, null),
                materialized(6, EVENTS, null),
                materialized(7, ORDERS, null)));
    assertThat(both.runRequests()).hasSize(1);
    assertThat(both.cursor()).contains("{\"raw/events\":6,\"warehouse/orders\":7}");

    SensorEvaluation again =
        SensorEvaluator.evaluate(
            sensor,
            SensorTick.of(CLOCK, both.cursor().orElseThrow()),
            List.of(materialized(6, EVENTS, null), materialized(8, ORDERS, null)));
    assertThat(again.skipReason()).contains("waiting: [warehouse/orders]");
    assertThat(again.cursor()).contains("{\"raw/events\":6,\"warehouse/orders\":7}");
  }

  @Test
  void shouldRoundTripCursorAndOfferOnlyUnconsumedEventsWhenAdvancingOneAsset() {
    SensorContext base =
        SensorContext.builder().cursor("{\"warehouse/orders\": 7, \"raw/events\": 2}").build();
    MultiAssetSensorContext ctx =
        MultiAssetSensorContext.of(
            base,
            List.of(ORDERS, EVENTS),
            List.of(
                materialized(7, ORDERS, null),
                materialized(9, ORDERS, "b"),
                materialized(8, ORDERS, "a"),
                materialized(3, EVENTS, null),
                materialized(11, AssetKey.of("other"), null)));
    assertThat(ctx.consumedEventId(ORDERS)).hasValue(7);
    assertThat(ctx.materializations(ORDERS))
        .extracting(MaterializationEvent::eventId)
        .containsExactly(8L, 9L);
    assertThat(ctx.latestMaterialization(ORDERS).orElseThrow().partition()).isEqualTo("b");

    ctx.advanceCursor(ctx.materializations(ORDERS).get(0));
    assertThat(ctx.materializations(ORDERS))
        .extracting(MaterializationEvent::eventId)
        .containsExactly(9L);
    assertThat(ctx.updatedCursor()).contains("{\"raw/events\":2,\"warehouse/orders\":8}");

    ctx.advanceCursor(materialized(5, ORDERS, null));
    assertThat(ctx.consumedEventId(ORDERS)).as("cursors never move back").hasValue(8);

    MultiAssetSensorContext reread =
        MultiAssetSensorContext.of(
            base.toBuilder().cursor(ctx.updatedCursor().orElseThrow()).build(),
            List.of(ORDERS, EVENTS),
            List.of());
    assertThat(reread.consumedEventId(ORDERS)).hasValue(8);
    assertThat(reread.consumedEventId(EVENTS)).hasValue(2);
    assertThatThrownBy(() -> ctx.latestMaterialization(AssetKey.of("other")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not monitor asset other");
  }

  @Test
  void shouldFailWithExplanationWhenMultiAssetCursorIsNotTheJsonFormat() {
    for (String cursor : new String[] {"42", "{\"a\": \"x\"}", "{not json", "{\"a//b\": 1}"}) {
      SensorEvaluation evaluation =
          SensorEvaluator.evaluate(waitForBoth(), SensorTick.of(CLOCK, cursor), List.of());
      assertThat(evaluation.error().orElseThrow().message())
          .as(cursor)
          .contains("must be a JSON object from asset key to the id of the last consumed event")
          .contains("Reset the sensor's cursor");
      assertThat(evaluation.cursor()).contains(cursor);
    }
  }

  @Test
  void shouldRejectWhenMultiAssetSensorMonitorsNothingOrTwice() {
    assertThatThrownBy(
            () -> MultiAssetSensorDefinition.builder("s", List.of(), ctx -> SensorResult.runs()))
        .hasMessageContaining("monitors no asset");
    assertThatThrownBy(
            () ->
                MultiAssetSensorDefinition.builder(
                    "s", List.of(ORDERS, ORDERS), ctx -> SensorResult.runs()))
        .hasMessageContaining("monitors an asset twice");
  }

  @Test
  void shouldFailWhenMultiAssetSensorReturnsCursor() {
    MultiAssetSensorDefinition sensor =
        MultiAssetSensorDefinition.builder(
                "s", List.of(ORDERS), ctx -> SensorResult.runs().withCursor("x"))
            .job("j")
            .build();
    assertThat(
            SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, null), List.of())
                .error()
                .orElseThrow()
                .message())
        .contains("advance it with context.advanceCursor(...) instead");
  }

  // ---------------------------------------------------------------- run-status sensor

  @Test
  void shouldInitializeCursorAtNewestEventWhenRunStatusSensorTicksFirst() {
    List<RunInfo> seen = new ArrayList<>();
    RunStatusSensorDefinition sensor =
        RunStatusSensorDefinition.builder(
                "on_failure",
                RunStatus.FAILURE,
                ctx -> {
                  seen.add(ctx.run());
                  return SensorResult.skip("alerted");
                })
            .build();
    SensorEvaluation first =
        SensorEvaluator.evaluate(
            sensor,
            SensorTick.of(CLOCK, null),
            List.of(ended(3, "etl", "FAILURE"), ended(8, "etl", "SUCCESS")));
    assertThat(first.cursor()).contains("8");
    assertThat(first.skipReason().orElseThrow()).contains("Initialized the cursor").contains("8");
    assertThat(seen).as("runs that ended before the sensor existed are ignored").isEmpty();
    assertThat(SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, null), List.of()).cursor())
        .contains("-1");
  }

  @Test
  void shouldCallOnlyForMonitoredJobsAndStatusWhenRunsEnd() {
    List<String> seen = new ArrayList<>();
    RunStatusSensorDefinition sensor =
        RunStatusSensorDefinition.builder(
                "after_etl",
                RunStatus.SUCCESS,
                ctx -> {
                  seen.add(
                      ctx.run().runId()
                          + "@"
                          + ctx.eventId()
                          + " cursor "
                          + ctx.sensorContext().cursor().orElseThrow());
                  return SensorResult.runs(
                      RunRequest.builder()
                          .runKey(ctx.run().runId())
                          .tag("parent", ctx.run().runId())
                          .build());
                })
            .monitoredJobs("etl")
            .job("report")
            .build();
    assertThat(sensor.sensorType()).isEqualTo(SensorType.RUN_STATUS);
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(
            sensor,
            SensorTick.of(CLOCK, "10"),
            List.of(
                ended(14, "etl", "SUCCESS"),
                ended(11, "etl", "FAILURE"),
                ended(12, "other", "SUCCESS"),
                ended(13, "etl", "SUCCESS"),
                ended(9, "etl", "SUCCESS")));
    assertThat(seen).containsExactly("run-13@13 cursor 12", "run-14@14 cursor 13");
    assertThat(evaluation.runRequests())
        .extracting(RunRequest::runKey)
        .containsExactly("run-13", "run-14");
    assertThat(evaluation.cursor()).contains("14");
  }

  @Test
  void shouldAdvancePastIgnoredEventsWhenNoRunMatches() {
    RunStatusSensorDefinition sensor =
        RunStatusSensorDefinition.builder(
                "s", RunStatus.FAILURE, ctx -> SensorResult.skip("alerted"))
            .monitoredJobs("etl", "sync")
            .build();
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(
            sensor, SensorTick.of(CLOCK, "10"), List.of(ended(11, "etl", "SUCCESS")));
    assertThat(evaluation.skipReason())
        .contains("No new runs of jobs etl, sync ended with status FAILURE");
    assertThat(evaluation.cursor()).contains("11");
    assertThat(sensor.monitors(ended(1, "sync", "FAILURE").run())).isTrue();
    assertThat(sensor.monitors(ended(1, "other", "FAILURE").run())).isFalse();
    RunStatusSensorDefinition any =
        RunStatusSensorDefinition.builder("a", RunStatus.FAILURE, ctx -> SensorResult.runs())
            .build();
    assertThat(any.monitors(ended(1, "other", "FAILURE").run())).isTrue();
  }

  @Test
  void shouldFailAndKeepCursorWhenRunStatusCursorIsNotAnEventId() {
    RunStatusSensorDefinition sensor =
        RunStatusSensorDefinition.builder("s", RunStatus.FAILURE, ctx -> SensorResult.runs())
            .build();
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, "abc"), List.of());
    assertThat(evaluation.error().orElseThrow().message())
        .contains("must be the id of the last event processed, got 'abc'");
    assertThat(evaluation.cursor()).contains("abc");
  }

  @Test
  void shouldDispatchByKindWhenEvaluatingAnySensor() {
    AnySensorDefinition asset =
        AssetSensorDefinition.builder(
                "s", ORDERS, (ctx, e) -> SensorResult.runs(RunRequest.withKey("m" + e.eventId())))
            .job("j")
            .build();
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(
            asset,
            SensorTick.of(CLOCK, null),
            List.of(materialized(1, ORDERS, null)),
            List.of(ended(1, "etl", "FAILURE")));
    assertThat(evaluation.runRequests()).containsExactly(RunRequest.withKey("m1"));
    assertThat(new MaterializationEvent(1, "r", Instant.EPOCH, ORDERS, null, null).metadata())
        .isEqualTo(Metadata.empty());
  }
}
