package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.protocol.Fixtures;
import io.pipewright.protocol.LargeSnapshots;
import io.pipewright.protocol.RunFixtures;
import io.pipewright.protocol.v1.AssetKey;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.protocol.v1.EvaluateScheduleRequest;
import io.pipewright.protocol.v1.EvaluateSensorRequest;
import io.pipewright.protocol.v1.ExecutionPlan;
import io.pipewright.protocol.v1.GetExecutionPlanRequest;
import io.pipewright.protocol.v1.GetExecutionPlanResponse;
import io.pipewright.protocol.v1.GetPartitionKeysRequest;
import io.pipewright.protocol.v1.GetPartitionRunConfigRequest;
import io.pipewright.protocol.v1.GetPartitionRunConfigResponse;
import io.pipewright.protocol.v1.IngestEventsRequest;
import io.pipewright.protocol.v1.IngestEventsResponse;
import io.pipewright.protocol.v1.MetadataEntry;
import io.pipewright.protocol.v1.PartitionMapping;
import io.pipewright.protocol.v1.PartitionsDefinition;
import io.pipewright.protocol.v1.TickResult;
import io.pipewright.protocol.v1.ValidateRunConfigRequest;
import io.pipewright.protocol.v1.ValidateRunConfigResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every record survives core → proto → bytes → proto → core unchanged. Each fixture holds every
 * variant of its type (all sealed cases, enum constants, optional parts set and unset), so a field
 * the mapper forgets fails here.
 */
class RoundTripTest {

  @SuppressWarnings("unchecked")
  static <P extends Message> P viaBytes(P message) {
    try {
      return (P) message.getParserForType().parseFrom(message.toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldRoundTripSnapshotWhenItHoldsOneOfEverything() {
    CodeLocationSnapshot snapshot = Fixtures.fullSnapshot();

    CodeLocation wire = viaBytes(SnapshotMapper.toProto(snapshot));

    assertThat(SnapshotMapper.toCore(wire)).isEqualTo(snapshot);
  }

  @Test
  void shouldRoundTripSnapshotWhenItHas10000Assets() {
    CodeLocationSnapshot snapshot = LargeSnapshots.withAssets(10_000);

    CodeLocation wire = viaBytes(SnapshotMapper.toProto(snapshot));

    assertThat(wire.getAssetsCount()).isEqualTo(10_000);
    assertThat(SnapshotMapper.toCore(wire)).isEqualTo(snapshot);
  }

  @Test
  void shouldRoundTripMetadataWhenEveryKindIsUsed() {
    List<MetadataEntrySnapshot> metadata = Fixtures.everyMetadataKind();

    List<MetadataEntry> wire = new ArrayList<>();
    for (MetadataEntry entry : MetadataMapper.toProto(metadata)) {
      wire.add(viaBytes(entry));
    }

    assertThat(MetadataMapper.toCore(wire)).isEqualTo(metadata);
  }

  @Test
  void shouldRoundTripPartitionsWhenEveryKindIsUsed() {
    for (PartitionsSnapshot partitions : Fixtures.everyPartitionsKind()) {
      PartitionsDefinition wire = viaBytes(PartitionsMapper.toProto(partitions));
      assertThat(PartitionsMapper.toCore(wire)).isEqualTo(partitions);
    }
    for (PartitionMappingSnapshot mapping : Fixtures.everyPartitionMappingKind()) {
      PartitionMapping wire = viaBytes(PartitionsMapper.toProto(mapping));
      assertThat(PartitionsMapper.toCore(wire)).isEqualTo(mapping);
    }
  }

  @Test
  void shouldRoundTripPlanWhenItHasMappedAndCollectSteps() {
    ExecutionPlan wire = viaBytes(PlanMapper.toProto(RunFixtures.plan()));

    assertThat(PlanMapper.toCore(wire)).isEqualTo(RunFixtures.plan());
  }

  @Test
  void shouldRoundTripEventsWhenEveryPayloadTypeAndLevelIsUsed() {
    StepEventBatch batch =
        new StepEventBatch(
            "run-1", "etl.clean[k]", 2, RunFixtures.stepEvents("run-1", "etl.clean[k]", 2));

    IngestEventsRequest wire = viaBytes(EventMapper.toProto(batch, "token-xyz"));

    assertThat(wire.getToken()).isEqualTo("token-xyz");
    assertThat(EventMapper.toCore(wire)).isEqualTo(batch);
  }

  @Test
  void shouldRoundTripRunLevelEventWhenItHasNoStep() {
    EventRecord event = RunFixtures.stepEvents("run-1", null, 0).get(0);

    EventRecord back = EventMapper.toCore(viaBytes(EventMapper.toProto(event)), "run-1", null, 0);

    assertThat(back).isEqualTo(event);
  }

  @Test
  void shouldRoundTripIngestResult() {
    IngestResult result = new IngestResult(7, 3, 41);

    IngestEventsResponse wire = viaBytes(EventMapper.toProto(result));

    assertThat(EventMapper.toCore(wire)).isEqualTo(result);
  }

  @Test
  void shouldRoundTripTickResultsWhenTheyRequestSkipOrFail() {
    for (InstigatorEvaluation evaluation : RunFixtures.evaluations()) {
      TickResult wire = viaBytes(InstigatorMapper.toProto(evaluation));
      assertThat(InstigatorMapper.toCore(wire)).isEqualTo(evaluation);
    }
  }

  @Test
  void shouldRoundTripPlanResultsOfEveryKind() {
    List<ExecutionPlanResult> results =
        List.of(
            ExecutionPlanResult.planned(RunFixtures.plan()),
            ExecutionPlanResult.invalidConfig(RunFixtures.configErrors()),
            ExecutionPlanResult.failed(RunFixtures.error()));
    for (ExecutionPlanResult result : results) {
      GetExecutionPlanResponse wire = viaBytes(CodeLocationServiceMapper.toProto(result));
      assertThat(CodeLocationServiceMapper.toCore(wire)).isEqualTo(result);
    }
  }

  @Test
  void shouldRoundTripRequestsOfEveryRpc() {
    ExecutionPlanRequest plan =
        ExecutionPlanRequest.forJob("etl")
            .opSelection(List.of("extract+"))
            .assetSelection(List.of(Fixtures.key("a", "b")))
            .runConfig(Fixtures.userJson())
            .stepKeysToExecute(List.of("extract"))
            .partitionKey("2024-01-01")
            .dynamicPartitions(java.util.Map.of("regions", List.of("eu")))
            .build();
    GetExecutionPlanRequest planWire = viaBytes(CodeLocationServiceMapper.toProto(plan));
    assertThat(CodeLocationServiceMapper.toCore(planWire)).isEqualTo(plan);
    ExecutionPlanRequest bare = ExecutionPlanRequest.forJob("etl").build();
    assertThat(CodeLocationServiceMapper.toCore(viaBytes(CodeLocationServiceMapper.toProto(bare))))
        .isEqualTo(bare);

    RunConfigValidationRequest validation =
        new RunConfigValidationRequest(
            "etl", List.of("a"), List.of(Fixtures.key("x")), Map.of("ops", Map.of()));
    ValidateRunConfigRequest validationWire =
        viaBytes(CodeLocationServiceMapper.toProto(validation));
    assertThat(CodeLocationServiceMapper.toCore(validationWire)).isEqualTo(validation);
    RunConfigValidationRequest ofPartition = validation.withPartitionKey("2024-01-01");
    assertThat(
            CodeLocationServiceMapper.toCore(
                viaBytes(CodeLocationServiceMapper.toProto(ofPartition))))
        .isEqualTo(ofPartition);

    for (PartitionKeysRequest keys :
        List.of(
            PartitionKeysRequest.forJob("etl", Fixtures.T0),
            PartitionKeysRequest.forAsset(Fixtures.key("a"), Fixtures.T0)
                .withDynamicPartitions(Map.of("customers", List.of("acme", "globex"))))) {
      GetPartitionKeysRequest keysWire = viaBytes(CodeLocationServiceMapper.toProto(keys));
      assertThat(CodeLocationServiceMapper.toCore(keysWire)).isEqualTo(keys);
    }

    for (PartitionRunConfigRequest partition :
        List.of(
            new PartitionRunConfigRequest("etl", "2024-01-01"),
            new PartitionRunConfigRequest(
                "etl", "eu", java.util.Map.of("regions", List.of("eu", "us"))))) {
      GetPartitionRunConfigRequest partitionWire =
          viaBytes(CodeLocationServiceMapper.toProto(partition));
      assertThat(CodeLocationServiceMapper.toCore(partitionWire)).isEqualTo(partition);
    }

    ScheduleEvaluationRequest schedule = new ScheduleEvaluationRequest("daily", Fixtures.T0);
    EvaluateScheduleRequest scheduleWire = viaBytes(CodeLocationServiceMapper.toProto(schedule));
    assertThat(CodeLocationServiceMapper.toCore(scheduleWire)).isEqualTo(schedule);

    for (SensorEvaluationRequest sensor :
        List.of(
            SensorEvaluationRequest.firstTick("files"),
            new SensorEvaluationRequest("files", "c-1", Instant.EPOCH, "run-key-9"),
            new SensorEvaluationRequest(
                "files",
                "7",
                Instant.EPOCH,
                null,
                List.of(
                    new io.pipewright.core.codelocation.SensorMaterialization(
                        8,
                        "run-1",
                        Instant.EPOCH,
                        io.pipewright.core.snapshot.AssetKeySnapshot.of("a", "b"),
                        "2024-01-01")),
                List.of(
                    new io.pipewright.core.codelocation.SensorRunStatus(
                        9,
                        "run-2",
                        "etl",
                        io.pipewright.core.run.RunStatus.FAILURE,
                        java.util.Map.of("k", "v"),
                        Instant.EPOCH,
                        "boom")),
                java.util.Map.of("regions", List.of("eu"))))) {
      EvaluateSensorRequest sensorWire = viaBytes(CodeLocationServiceMapper.toProto(sensor));
      assertThat(CodeLocationServiceMapper.toCore(sensorWire)).isEqualTo(sensor);
    }
  }

  @Test
  void shouldRoundTripValidationAndPartitionConfigResponses() {
    ValidateRunConfigResponse validation =
        viaBytes(CodeLocationServiceMapper.validationToProto(RunFixtures.configErrors()));
    assertThat(ConfigMapper.errorsToCore(validation.getErrorsList()))
        .isEqualTo(RunFixtures.configErrors());

    for (PartitionRunConfig config :
        List.of(
            PartitionRunConfig.of(
                "2024-01-01", Fixtures.userJson(), Map.of("dagster/partition", "2024-01-01")),
            PartitionRunConfig.failed("2024-01-02", RunFixtures.error()))) {
      GetPartitionRunConfigResponse wire = viaBytes(CodeLocationServiceMapper.toProto(config));
      assertThat(CodeLocationServiceMapper.toCore(wire)).isEqualTo(config);
    }
  }

  @Test
  void shouldRoundTripAssetKeyWhenItHasManyParts() {
    AssetKey wire = viaBytes(CommonMapper.toProto(Fixtures.key("a", "b", "c", "d")));

    assertThat(CommonMapper.toCore(wire)).isEqualTo(Fixtures.key("a", "b", "c", "d"));
  }
}
