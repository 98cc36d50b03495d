package io.pipewright.protocol.client;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.RunFixtures;
import io.pipewright.protocol.mapping.CodeLocationServiceMapper;
import io.pipewright.protocol.mapping.InstigatorMapper;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc;
import io.pipewright.protocol.v1.EvaluateScheduleRequest;
import io.pipewright.protocol.v1.EvaluateScheduleResponse;
import io.pipewright.protocol.v1.EvaluateSensorRequest;
import io.pipewright.protocol.v1.EvaluateSensorResponse;
import io.pipewright.protocol.v1.GetExecutionPlanRequest;
import io.pipewright.protocol.v1.GetExecutionPlanResponse;
import io.pipewright.protocol.v1.GetPartitionKeysRequest;
import io.pipewright.protocol.v1.GetPartitionKeysResponse;
import io.pipewright.protocol.v1.GetPartitionRunConfigRequest;
import io.pipewright.protocol.v1.GetPartitionRunConfigResponse;
import io.pipewright.protocol.v1.GetServerIdRequest;
import io.pipewright.protocol.v1.GetServerIdResponse;
import io.pipewright.protocol.v1.GetSnapshotRequest;
import io.pipewright.protocol.v1.GetSnapshotResponse;
import io.pipewright.protocol.v1.PingRequest;
import io.pipewright.protocol.v1.PingResponse;
import io.pipewright.protocol.v1.ShutdownRequest;
import io.pipewright.protocol.v1.ShutdownResponse;
import io.pipewright.protocol.v1.ValidateRunConfigRequest;
import io.pipewright.protocol.v1.ValidateRunConfigResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A code location server in miniature, as the real one will be: it maps requests to core records,
 * decides with canned answers, and maps the answers back. Job "etl" exists; any other is NOT_FOUND.
 * Job "broken" answers with a malformed message. Sensor "slow" sleeps past deadlines.
 */
final class FakeCodeLocationService extends CodeLocationServiceGrpc.CodeLocationServiceImplBase {

  private final CodeLocationSnapshot snapshot;
  final AtomicInteger shutdowns = new AtomicInteger();
  volatile ExecutionPlanRequest lastPlanRequest;
  volatile PartitionKeysRequest lastKeysRequest;
  volatile SensorEvaluationRequest lastSensorRequest;

  FakeCodeLocationService(CodeLocationSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public void getSnapshot(GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> out) {
    reply(
        out,
        GetSnapshotResponse.newBuilder().setSnapshot(SnapshotMapper.toProto(snapshot)).build());
  }

  @Override
  public void getExecutionPlan(
      GetExecutionPlanRequest request, StreamObserver<GetExecutionPlanResponse> out) {
    ExecutionPlanRequest plan = CodeLocationServiceMapper.toCore(request);
    lastPlanRequest = plan;
    if (plan.jobName().equals("broken")) {
      reply(out, GetExecutionPlanResponse.getDefaultInstance());
      return;
    }
    if (!knownJob(plan.jobName(), out)) {
      return;
    }
    ExecutionPlanResult result;
    if (plan.runConfig().containsKey("bad")) {
      result = ExecutionPlanResult.invalidConfig(RunFixtures.configErrors());
    } else if (plan.runConfig().containsKey("throw")) {
      result = ExecutionPlanResult.failed(RunFixtures.error());
    } else {
      result = ExecutionPlanResult.planned(RunFixtures.plan());
    }
    reply(out, CodeLocationServiceMapper.toProto(result));
  }

  @Override
  public void validateRunConfig(
      ValidateRunConfigRequest request, StreamObserver<ValidateRunConfigResponse> out) {
    RunConfigValidationRequest validation = CodeLocationServiceMapper.toCore(request);
    if (!knownJob(validation.jobName(), out)) {
      return;
    }
    List<ConfigErrorSnapshot> errors =
        validation.runConfig().isEmpty() ? RunFixtures.configErrors() : List.of();
    reply(out, CodeLocationServiceMapper.validationToProto(errors));
  }

  @Override
  public void getPartitionKeys(
      GetPartitionKeysRequest request, StreamObserver<GetPartitionKeysResponse> out) {
    PartitionKeysRequest keys = CodeLocationServiceMapper.toCore(request);
    lastKeysRequest = keys;
    reply(
        out,
        GetPartitionKeysResponse.newBuilder()
            .addAllKeys(keys.dynamicPartitions().getOrDefault("customers", List.of("a", "b")))
            .build());
  }

  @Override
  public void getPartitionRunConfig(
      GetPartitionRunConfigRequest request, StreamObserver<GetPartitionRunConfigResponse> out) {
    String key = request.getPartitionKey();
    PartitionRunConfig config =
        key.equals("bad")
            ? PartitionRunConfig.failed(key, RunFixtures.error())
            : PartitionRunConfig.of(
                key, Map.of("ops", Map.of("p", key)), Map.of("dagster/partition", key));
    reply(out, CodeLocationServiceMapper.toProto(config));
  }

  @Override
  public void evaluateSchedule(
      EvaluateScheduleRequest request, StreamObserver<EvaluateScheduleResponse> out) {
    ScheduleEvaluationRequest schedule = CodeLocationServiceMapper.toCore(request);
    InstigatorEvaluation result =
        schedule.scheduleName().equals("failing")
            ? InstigatorEvaluation.failed(RunFixtures.error())
            : RunFixtures.evaluations().get(0);
    reply(
        out,
        EvaluateScheduleResponse.newBuilder().setResult(InstigatorMapper.toProto(result)).build());
  }

  @Override
  public void evaluateSensor(
      EvaluateSensorRequest request, StreamObserver<EvaluateSensorResponse> out) {
    SensorEvaluationRequest sensor = CodeLocationServiceMapper.toCore(request);
    lastSensorRequest = sensor;
    if (sensor.sensorName().equals("slow")) {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reply(
        out,
        EvaluateSensorResponse.newBuilder()
            .setResult(InstigatorMapper.toProto(RunFixtures.evaluations().get(1)))
            .build());
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingResponse> out) {
    reply(out, PingResponse.newBuilder().setEcho(request.getEcho()).build());
  }

  @Override
  public void getServerId(GetServerIdRequest request, StreamObserver<GetServerIdResponse> out) {
    reply(out, GetServerIdResponse.newBuilder().setServerId(snapshot.serverId()).build());
  }

  @Override
  public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> out) {
    shutdowns.incrementAndGet();
    reply(out, ShutdownResponse.getDefaultInstance());
  }

  private boolean knownJob(String jobName, StreamObserver<?> out) {
    if (snapshot.job(jobName).isPresent()) {
      return true;
    }
    out.onError(
        Status.NOT_FOUND
            .withDescription("Job '" + jobName + "' is not defined in this location")
            .asRuntimeException());
    return false;
  }

  private static <T> void reply(StreamObserver<T> out, T message) {
    out.onNext(message);
    out.onCompleted();
  }
}
