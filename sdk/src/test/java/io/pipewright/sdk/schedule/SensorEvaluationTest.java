package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.internal.schedule.SensorEvaluator;
import io.pipewright.sdk.internal.schedule.SensorTick;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorEvaluationTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A sensor over a fake inbox: requests every file after the cursor, keyed by file name. */
  private static SensorDefinition inboxSensor(List<String> inbox) {
    return SensorDefinition.builder(
            "new_files",
            ctx -> {
              String after = ctx.cursor().orElse("");
              List<String> fresh = inbox.stream().filter(f -> f.compareTo(after) > 0).toList();
              if (fresh.isEmpty()) {
                return SensorResult.skip("no new files after '" + after + "'");
              }
              return SensorResult.runs(fresh.stream().map(RunRequest::withKey).toList())
                  .withCursor(fresh.get(fresh.size() - 1));
            })
        .job("ingest")
        .build();
  }

  @Test
  void shouldUseDagsterDefaultsWhenOnlyNameAndFunctionAreGiven() {
    SensorDefinition sensor = SensorDefinition.builder("s", ctx -> SensorResult.runs()).build();
    assertThat(sensor.minimumInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(sensor.defaultStatus()).isEqualTo(DefaultStatus.STOPPED);
    assertThat(sensor.sensorType()).isEqualTo(SensorType.STANDARD);
    assertThat(sensor.jobName()).isEmpty();
    assertThat(sensor.assetSelection()).isEmpty();
  }

  @Test
  void shouldAdvanceCursorAndKeyRunsWhenNewFilesArrive() {
    List<String> inbox = new ArrayList<>(List.of("a.csv", "b.csv"));
    SensorDefinition sensor = inboxSensor(inbox);

    SensorEvaluation first = SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, null));
    assertThat(first.runRequests())
        .extracting(RunRequest::runKey)
        .containsExactly("a.csv", "b.csv");
    assertThat(first.cursor()).contains("b.csv");
    assertThat(first.lastRunKey()).contains("b.csv");

    SensorEvaluation nothing = SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, "b.csv"));
    assertThat(nothing.isSkipped()).isTrue();
    assertThat(nothing.skipReason()).contains("no new files after 'b.csv'");
    assertThat(nothing.cursor()).as("a skip without cursor keeps the old one").contains("b.csv");

    inbox.add("c.csv");
    SensorEvaluation second = SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, "b.csv"));
    assertThat(second.runRequests()).containsExactly(RunRequest.withKey("c.csv"));
    assertThat(second.cursor()).contains("c.csv");
  }

  @Test
  void shouldGiveTickStateToFunctionWhenContextIsBuilt() {
    List<SensorContext> seen = new ArrayList<>();
    SensorDefinition sensor =
        SensorDefinition.builder(
                "s",
                ctx -> {
                  seen.add(ctx);
                  return SensorResult.skip("looked at " + ctx.resource("api", String.class));
                })
            .build();
    SensorTick tick =
        new SensorTick(
            "c1",
            NOW.minusSeconds(30),
            "key-7",
            CLOCK,
            Map.of("api", "https://api"),
            new InMemoryDynamicPartitionsStore());
    SensorEvaluation evaluation = SensorEvaluator.evaluate(sensor, tick);
    assertThat(evaluation.skipReason()).contains("looked at https://api");
    SensorContext ctx = seen.get(0);
    assertThat(ctx.sensorName()).isEqualTo("s");
    assertThat(ctx.cursor()).contains("c1");
    assertThat(ctx.lastTickTime()).contains(NOW.minusSeconds(30));
    assertThat(ctx.lastRunKey()).contains("key-7");
    assertThat(ctx.now()).isEqualTo(NOW);
  }

  @Test
  void shouldReturnDynamicPartitionRequestsWhenSensorAddsKeys() {
    SensorDefinition sensor =
        SensorDefinition.builder(
                "customers",
                ctx -> {
                  List<String> keys =
                      List.of("c1", "c2").stream()
                          .filter(k -> !ctx.dynamicPartitions().has("customers", k))
                          .toList();
                  return SensorResult.runs(keys.stream().map(RunRequest::forPartition).toList())
                      .withDynamicPartitions(
                          DynamicPartitionsRequest.add("customers", keys),
                          DynamicPartitionsRequest.delete("customers", List.of("gone")));
                })
            .job("per_customer")
            .build();
    InMemoryDynamicPartitionsStore store = new InMemoryDynamicPartitionsStore();
    store.add("customers", List.of("c1"));
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(sensor, new SensorTick(null, null, null, CLOCK, Map.of(), store));
    assertThat(evaluation.error()).isEmpty();
    assertThat(evaluation.runRequests()).containsExactly(RunRequest.forPartition("c2"));
    assertThat(evaluation.dynamicPartitionsRequests())
        .containsExactly(
            new DynamicPartitionsRequest(
                DynamicPartitionsRequest.Action.ADD, "customers", List.of("c2")),
            DynamicPartitionsRequest.delete("customers", List.of("gone")));
    assertThat(evaluation.cursor()).isEmpty();
  }

  @Test
  void shouldRejectBadKeysWhenDynamicPartitionsRequestIsMade() {
    assertThatThrownBy(() -> DynamicPartitionsRequest.add("customers", List.of("a|b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a|b'");
    assertThatThrownBy(() -> DynamicPartitionsRequest.add(" ", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank name");
  }

  @Test
  void shouldCaptureErrorAndKeepCursorWhenFunctionThrows() {
    SensorDefinition sensor =
        SensorDefinition.builder(
                "s",
                ctx -> {
                  throw new IllegalStateException("bucket not found");
                })
            .job("j")
            .build();
    SensorEvaluation evaluation = SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, "41"));
    assertThat(evaluation.isFailure()).isTrue();
    assertThat(evaluation.isSkipped()).isFalse();
    assertThat(evaluation.error().orElseThrow().message())
        .isEqualTo("java.lang.IllegalStateException: bucket not found");
    assertThat(evaluation.cursor()).contains("41");
    assertThat(evaluation.runRequests()).isEmpty();
  }

  @Test
  void shouldCaptureStackOverflowWhenUserCodeRecursesForever() {
    SensorDefinition sensor =
        SensorDefinition.builder("s", ctx -> SensorResult.skip(String.valueOf(recurse(0))))
            .job("j")
            .build();
    SensorEvaluation evaluation = SensorEvaluator.evaluate(sensor, SensorTick.of(CLOCK, null));
    assertThat(evaluation.error().orElseThrow().className())
        .isEqualTo(StackOverflowError.class.getName());
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void shouldFailWhenFunctionReturnsNullOrUntargetedRequest() {
    SensorDefinition nulls = SensorDefinition.builder("s", ctx -> null).job("j").build();
    assertThat(
            SensorEvaluator.evaluate(nulls, SensorTick.of(CLOCK, "c"))
                .error()
                .orElseThrow()
                .message())
        .contains("The evaluation function of sensor 's' returned null");
    SensorDefinition untargeted =
        SensorDefinition.builder("s", ctx -> SensorResult.runs(RunRequest.of())).build();
    SensorEvaluation evaluation = SensorEvaluator.evaluate(untargeted, SensorTick.of(CLOCK, "c"));
    assertThat(evaluation.error().orElseThrow().message())
        .contains("Sensor 's' has no target, and a run request names neither a job nor assets");
    assertThat(evaluation.cursor()).contains("c");
    SensorDefinition naming =
        SensorDefinition.builder(
                "s", ctx -> SensorResult.runs(RunRequest.builder().job("etl").build()))
            .build();
    assertThat(SensorEvaluator.evaluate(naming, SensorTick.of(CLOCK, null)).runRequests())
        .hasSize(1);
  }

  @Test
  void shouldBeDueWhenNeverTickedOrIntervalHasPassed() {
    Duration interval = Duration.ofSeconds(30);
    assertThat(SensorEvaluator.isDue(null, NOW, interval)).isTrue();
    assertThat(SensorEvaluator.isDue(NOW.minusSeconds(29), NOW, interval)).isFalse();
    assertThat(SensorEvaluator.isDue(NOW.minusSeconds(30), NOW, interval)).isTrue();
    assertThat(SensorEvaluator.isDue(NOW.minusSeconds(31), NOW, interval)).isTrue();
    assertThat(SensorEvaluator.isDue(NOW.plusSeconds(5), NOW, interval))
        .as("a last tick in the future (clock skew) is not due")
        .isFalse();
  }

  @Test
  void shouldRejectBlankReasonWhenSkipping() {
    assertThatThrownBy(() -> SensorResult.skip(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a reason");
  }
}
