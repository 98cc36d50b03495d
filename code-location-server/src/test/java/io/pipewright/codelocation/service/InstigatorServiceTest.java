package io.pipewright.codelocation.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Schedule and sensor ticks without gRPC: user mistakes come back as failed evaluations. */
class InstigatorServiceTest {

  private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

  private static final Definitions DEFINITIONS =
      Definitions.builder()
          .assets(
              AssetDefinition.builder("a").compute((ctx, in) -> 1).build(),
              AssetDefinition.builder("b").compute((ctx, in) -> 1).build())
          .schedules(
              ScheduleDefinition.builder("returns_null", "0 * * * *")
                  .job("__ASSET_JOB")
                  .evaluation(ctx -> null)
                  .build())
          .sensors(
              SensorDefinition.builder(
                      "clocked",
                      ctx ->
                          SensorResult.runs(
                              RunRequest.builder()
                                  .runKey(ctx.now().toString())
                                  .assetSelection(AssetSelection.keys(AssetKey.of("b")))
                                  .build()))
                  .job("__ASSET_JOB")
                  .build(),
              SensorDefinition.builder(
                      "unknown_asset",
                      ctx ->
                          SensorResult.runs(
                              RunRequest.builder()
                                  .assetSelection(AssetSelection.keys(AssetKey.of("zzz")))
                                  .build()))
                  .job("__ASSET_JOB")
                  .build())
          .build();

  private final InstigatorService service =
      new InstigatorService(
          LoadedDefinitions.loaded(DEFINITIONS), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldFailTheTickWhenTheScheduleReturnsNull() {
    InstigatorEvaluation tick =
        service.evaluateSchedule(new ScheduleEvaluationRequest("returns_null", NOW));

    assertThat(tick.isFailure()).isTrue();
    assertThat(tick.error().message()).contains("returned null");
  }

  @Test
  void shouldResolveTheAssetSelectionAndUseTheClockWhenTheSensorRequestsRuns() {
    InstigatorEvaluation tick =
        service.evaluateSensor(SensorEvaluationRequest.firstTick("clocked"));

    assertThat(tick.isFailure()).isFalse();
    assertThat(tick.runRequests().get(0).runKey()).isEqualTo(NOW.toString());
    assertThat(tick.runRequests().get(0).assetSelection())
        .containsExactly(AssetKeySnapshot.of("b"));
  }

  @Test
  void shouldFailTheTickWhenARunRequestSelectsUnknownAssets() {
    InstigatorEvaluation tick =
        service.evaluateSensor(SensorEvaluationRequest.firstTick("unknown_asset"));

    assertThat(tick.isFailure()).isTrue();
    assertThat(tick.error().message())
        .contains("Sensor 'unknown_asset' returned a result the code location cannot send")
        .contains("zzz");
  }
}
