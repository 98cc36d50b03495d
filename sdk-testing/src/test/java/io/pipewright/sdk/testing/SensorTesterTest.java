package io.pipewright.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.MaterializationEvent;
import io.pipewright.sdk.schedule.MultiAssetSensorDefinition;
import io.pipewright.sdk.schedule.RunInfo;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.RunStatus;
import io.pipewright.sdk.schedule.RunStatusEvent;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorEvaluation;
import io.pipewright.sdk.schedule.SensorResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorTesterTest {
  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
  private static final AssetKey ORDERS = AssetKey.of("orders");

  /** Requests one run per new customer in the "API", adding each as a dynamic partition. */
  private static SensorDefinition customers(List<String> api) {
    return SensorDefinition.builder(
            "new_customers",
            ctx -> {
              List<String> fresh =
                  api.stream().filter(c -> !ctx.dynamicPartitions().has("customers", c)).toList();
              if (fresh.isEmpty()) {
                return SensorResult.skip("no new customers at " + ctx.now());
              }
              return SensorResult.runs(
                      fresh.stream()
                          .map(c -> RunRequest.builder().runKey(c).partitionKey(c).build())
                          .toList())
                  .withCursor(Integer.toString(api.size()))
                  .withDynamicPartitions(DynamicPartitionsRequest.add("customers", fresh));
            })
        .job("onboard")
        .minimumInterval(Duration.ofMinutes(1))
        .build();
  }

  private static MaterializationEvent orders(long id) {
    return new MaterializationEvent(id, "run-" + id, START, ORDERS, null, null);
  }

  @Test
  void shouldEvaluateWithClockAndCursorWhenCalledOnce() {
    TestClock clock = TestClock.at(START);
    SensorEvaluation evaluation = SensorTester.evaluate(customers(List.of("acme")), clock, null);
    EvaluationAssertions.assertThat(evaluation)
        .succeeded()
        .requestedRunKeys("acme")
        .requestedPartitions("acme")
        .hasCursor("1")
        .requestedDynamicPartitions(DynamicPartitionsRequest.add("customers", List.of("acme")));
  }

  @Test
  void shouldPassTickStateWhenTickIsDescribed() {
    TestClock clock = TestClock.at(START);
    List<String> seen = new ArrayList<>();
    SensorDefinition sensor =
        SensorDefinition.builder(
                "s",
                ctx -> {
                  seen.add(
                      ctx.cursor().orElseThrow()
                          + " "
                          + ctx.lastTickTime().orElseThrow()
                          + " "
                          + ctx.lastRunKey().orElseThrow()
                          + " "
                          + ctx.resource("api", String.class));
                  return SensorResult.skip("nothing");
                })
            .build();
    SensorEvaluation evaluation =
        SensorTester.tick(clock)
            .cursor("c")
            .lastTickTime(START.minusSeconds(60))
            .lastRunKey("k")
            .resource("api", "fake")
            .evaluate(sensor);
    EvaluationAssertions.assertThat(evaluation).skippedWith("nothing").hasCursor("c");
    assertThat(seen).containsExactly("c 2024-05-01T11:59:00Z k fake");
  }

  @Test
  void shouldCarryCursorAndHonourMinimumIntervalWhenSessionTicks() {
    List<String> api = new ArrayList<>(List.of("acme"));
    TestClock clock = TestClock.at(START);
    SensorTester.Session session = SensorTester.session(customers(api), clock);

    EvaluationAssertions.assertThat(session.tick().orElseThrow()).requestedRunKeys("acme");
    assertThat(session.cursor()).contains("1");
    assertThat(session.lastRunKey()).contains("acme");
    assertThat(session.dynamicPartitions().keys("customers")).containsExactly("acme");

    clock.advance(Duration.ofSeconds(30));
    assertThat(session.tick()).as("not due: the minimum interval is one minute").isEmpty();

    clock.advance(Duration.ofSeconds(30));
    EvaluationAssertions.assertThat(session.tick().orElseThrow())
        .skippedWith("no new customers at 2024-05-01T12:01:00Z");

    api.add("globex");
    clock.advance(Duration.ofMinutes(1));
    EvaluationAssertions.assertThat(session.tick().orElseThrow()).requestedRunKeys("globex");
    assertThat(session.cursor()).contains("2");
    assertThat(session.lastTickTime()).contains(START.plusSeconds(120));
    assertThat(session.dynamicPartitions().keys("customers")).containsExactly("acme", "globex");
  }

  @Test
  void shouldKeepCursorWhenSessionTickFails() {
    TestClock clock = TestClock.at(START);
    AssetSensorDefinition flaky =
        AssetSensorDefinition.builder(
                "flaky",
                ORDERS,
                (ctx, event) -> {
                  if (event.eventId() == 2) {
                    throw new IllegalStateException("downstream API down");
                  }
                  return SensorResult.runs(RunRequest.withKey("orders-" + event.eventId()));
                })
            .job("refresh")
            .build();
    SensorTester.Session session = SensorTester.session(flaky, clock).materialized(orders(1));
    EvaluationAssertions.assertThat(session.tick().orElseThrow()).requestedRunKeys("orders-1");
    assertThat(session.cursor()).contains("1");

    session.materialized(orders(2));
    clock.advance(Duration.ofSeconds(30));
    EvaluationAssertions.assertThat(session.tick().orElseThrow()).failedWith("downstream API down");
    assertThat(session.cursor()).as("a failed tick keeps the cursor").contains("1");
  }

  @Test
  void shouldEvaluateEventSensorsWhenGivenEvents() {
    TestClock clock = TestClock.at(START);
    AssetSensorDefinition onOrders =
        AssetSensorDefinition.builder(
                "on_orders", ORDERS, (ctx, e) -> SensorResult.runs(RunRequest.withKey(e.runId())))
            .job("j")
            .build();
    EvaluationAssertions.assertThat(
            SensorTester.evaluate(onOrders, clock, "1", List.of(orders(1), orders(2), orders(3))))
        .requestedRunKeys("run-2", "run-3")
        .hasCursor("3");

    MultiAssetSensorDefinition multi =
        MultiAssetSensorDefinition.builder(
                "multi",
                List.of(ORDERS),
                ctx -> {
                  ctx.advanceAllCursors();
                  return SensorResult.runs(RunRequest.of());
                })
            .job("j")
            .build();
    EvaluationAssertions.assertThat(SensorTester.evaluate(multi, clock, null, List.of(orders(5))))
        .requestedRuns(1)
        .hasCursor("{\"orders\":5}");

    RunStatusSensorDefinition failures =
        RunStatusSensorDefinition.builder(
                "failures",
                RunStatus.FAILURE,
                ctx -> SensorResult.skip("alerted " + ctx.run().runId()))
            .build();
    RunStatusEvent failed =
        new RunStatusEvent(8, new RunInfo("r8", "etl", "FAILURE", Map.of(), START, "boom"));
    EvaluationAssertions.assertThat(SensorTester.evaluate(failures, clock, "7", List.of(failed)))
        .skippedWith("alerted r8")
        .hasCursor("8");
  }

  @Test
  void shouldTellWhetherSensorIsDueWhenGivenLastTick() {
    TestClock clock = TestClock.at(START);
    SensorDefinition sensor = customers(List.of());
    assertThat(SensorTester.isDue(sensor, null, clock)).isTrue();
    assertThat(SensorTester.isDue(sensor, START.minusSeconds(59), clock)).isFalse();
    assertThat(SensorTester.isDue(sensor, START.minusSeconds(60), clock)).isTrue();
  }

  @Test
  void shouldExplainWhenAssertionFails() {
    TestClock clock = TestClock.at(START);
    SensorEvaluation evaluation = SensorTester.evaluate(customers(List.of("acme")), clock, null);
    assertThatThrownBy(() -> EvaluationAssertions.assertThat(evaluation).requestedRunKeys("other"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected run keys [other], got [acme]")
        .hasMessageContaining("Evaluation: SensorEvaluation[runs: ");
    assertThatThrownBy(() -> EvaluationAssertions.assertThat(evaluation).skipped())
        .hasMessageContaining("expected the tick to be skipped, but it requested 1 runs");
    assertThatThrownBy(() -> EvaluationAssertions.assertThat(evaluation).hasCursor(null))
        .hasMessageContaining("expected the cursor none, got '1'");
  }
}
