package io.pipewright.codelocation.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.pipewright.codelocation.runtime.CodeLocationRuntime;
import io.pipewright.codelocation.runtime.ServerShutdown;
import io.pipewright.codelocation.service.RequestRejectedException;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.protocol.mapping.CodeLocationServiceMapper;
import io.pipewright.protocol.mapping.CommonMapper;
import io.pipewright.protocol.mapping.InstigatorMapper;
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
import io.pipewright.sdk.DefinitionsException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The location's {@code CodeLocationService}: maps each request to core's records with the
 * protocol's mappers, asks the services, and maps the answer back.
 *
 * <p>Errors, as the protocol defines them: what the user's code or config got wrong comes back in
 * the response (config errors, an {@code Error}); a request that names something the location does
 * not have fails with {@code NOT_FOUND}, a malformed one with {@code INVALID_ARGUMENT}, a call that
 * needs definitions that failed to load with {@code FAILED_PRECONDITION} (calls whose response has
 * an error slot answer with the load errors there instead), and anything unexpected with {@code
 * INTERNAL} and a message, logged with its stack trace. No exception escapes as {@code UNKNOWN}.
 *
 * <p>Blocking: calls run user code (config functions, schedules, sensors), so they run on worker
 * threads, never on the event loop.
 */
@GrpcService
@Blocking
public class CodeLocationGrpcService extends CodeLocationServiceGrpc.CodeLocationServiceImplBase {

  private static final Logger LOG = Logger.getLogger(CodeLocationGrpcService.class);

  private final CodeLocationRuntime location;
  private final CodeLocationMetrics metrics;
  private final ServerShutdown shutdown;

  /**
   * Creates the service.
   *
   * @param location the loaded location
   * @param metrics where calls and evaluations are recorded
   * @param shutdown what {@code Shutdown} does
   */
  @Inject
  public CodeLocationGrpcService(
      CodeLocationRuntime location, CodeLocationMetrics metrics, ServerShutdown shutdown) {
    this.location = location;
    this.metrics = metrics;
    this.shutdown = shutdown;
  }

  @Override
  public void getSnapshot(
      GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
    unary("GetSnapshot", observer, () -> request, r -> location.snapshotResponse());
  }

  @Override
  public void getExecutionPlan(
      GetExecutionPlanRequest request, StreamObserver<GetExecutionPlanResponse> observer) {
    unary(
        "GetExecutionPlan",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        r -> {
          if (location.loaded().definitions().isEmpty()) {
            return GetExecutionPlanResponse.newBuilder().setError(loadFailure()).build();
          }
          return CodeLocationServiceMapper.toProto(location.plans().plan(r));
        });
  }

  @Override
  public void validateRunConfig(
      ValidateRunConfigRequest request, StreamObserver<ValidateRunConfigResponse> observer) {
    unary(
        "ValidateRunConfig",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        r -> CodeLocationServiceMapper.validationToProto(location.plans().validateRunConfig(r)));
  }

  @Override
  public void getPartitionKeys(
      GetPartitionKeysRequest request, StreamObserver<GetPartitionKeysResponse> observer) {
    unary(
        "GetPartitionKeys",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        r ->
            GetPartitionKeysResponse.newBuilder()
                .addAllKeys(location.partitions().partitionKeys(r))
                .build());
  }

  @Override
  public void getPartitionRunConfig(
      GetPartitionRunConfigRequest request,
      StreamObserver<GetPartitionRunConfigResponse> observer) {
    unary(
        "GetPartitionRunConfig",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        r -> {
          if (location.loaded().definitions().isEmpty()) {
            return GetPartitionRunConfigResponse.newBuilder()
                .setPartitionKey(r.partitionKey())
                .setError(loadFailure())
                .build();
          }
          return CodeLocationServiceMapper.toProto(location.partitions().partitionRunConfig(r));
        });
  }

  @Override
  public void evaluateSchedule(
      EvaluateScheduleRequest request, StreamObserver<EvaluateScheduleResponse> observer) {
    unary(
        "EvaluateSchedule",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        r ->
            EvaluateScheduleResponse.newBuilder()
                .setResult(
                    InstigatorMapper.toProto(
                        evaluate(
                            "schedule",
                            r.scheduleName(),
                            () -> location.instigators().evaluateSchedule(r))))
                .build());
  }

  @Override
  public void evaluateSensor(
      EvaluateSensorRequest request, StreamObserver<EvaluateSensorResponse> observer) {
    unary(
        "EvaluateSensor",
        observer,
        () -> CodeLocationServiceMapper.toCore(request),
        (SensorEvaluationRequest r) ->
            EvaluateSensorResponse.newBuilder()
                .setResult(
                    InstigatorMapper.toProto(
                        evaluate(
                            "sensor",
                            r.sensorName(),
                            () -> location.instigators().evaluateSensor(r))))
                .build());
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingResponse> observer) {
    unary(
        "Ping",
        observer,
        () -> request,
        r -> PingResponse.newBuilder().setEcho(r.getEcho()).build());
  }

  @Override
  public void getServerId(
      GetServerIdRequest request, StreamObserver<GetServerIdResponse> observer) {
    unary(
        "GetServerId",
        observer,
        () -> request,
        r -> GetServerIdResponse.newBuilder().setServerId(location.serverId()).build());
  }

  @Override
  public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> observer) {
    unary("Shutdown", observer, () -> request, r -> ShutdownResponse.getDefaultInstance());
    LOG.infof("Code location '%s' shuts down, as a Shutdown call asked", location.locationName());
    shutdown.requestShutdown();
  }

  /**
   * Evaluates a schedule or sensor; a tick of definitions that failed to load fails with the load
   * errors, as a tick whose code throws does.
   */
  private InstigatorEvaluation evaluate(
      String kind, String name, Supplier<InstigatorEvaluation> evaluation) {
    if (location.loaded().definitions().isEmpty()) {
      return InstigatorEvaluation.failed(CommonMapper.toCore(loadFailure()));
    }
    long start = System.nanoTime();
    InstigatorEvaluation result = evaluation.get();
    metrics.recordEvaluation(kind, name, result, System.nanoTime() - start);
    return result;
  }

  private io.pipewright.protocol.v1.Error loadFailure() {
    String message = location.loaded().describeErrors();
    return io.pipewright.protocol.v1.Error.newBuilder()
        .setClassName(DefinitionsException.class.getName())
        .setMessage(DefinitionsException.class.getName() + ": " + message)
        .build();
  }

  /**
   * Answers one unary call: parses the request (a malformed one is {@code INVALID_ARGUMENT}),
   * handles it, maps failures to statuses, and records the call's latency.
   */
  private <C, R> void unary(
      String method, StreamObserver<R> observer, Supplier<C> parse, Function<C, R> handle) {
    long start = System.nanoTime();
    Status status;
    R response = null;
    try {
      C request;
      try {
        request = parse.get();
      } catch (IllegalArgumentException e) {
        throw Status.INVALID_ARGUMENT
            .withDescription("Malformed " + method + " request: " + e.getMessage())
            .asRuntimeException();
      }
      response = handle.apply(request);
      status = Status.OK;
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
    } catch (RequestRejectedException e) {
      status = Statuses.of(e);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      LOG.errorf(e, "Code location '%s' failed to answer %s", location.locationName(), method);
      status =
          Status.INTERNAL.withDescription(
              "Code location '"
                  + location.locationName()
                  + "' failed to answer "
                  + method
                  + ": "
                  + e
                  + ". The server's log has the stack trace");
    }
    metrics.recordCall(method, status.getCode().name(), System.nanoTime() - start);
    if (status.isOk()) {
      observer.onNext(response);
      observer.onCompleted();
    } else {
      observer.onError(status.asRuntimeException());
    }
  }
}
