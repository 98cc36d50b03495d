package io.pipewright.protocol.client;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.mapping.CodeLocationServiceMapper;
import io.pipewright.protocol.mapping.ConfigMapper;
import io.pipewright.protocol.mapping.InstigatorMapper;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc.CodeLocationServiceBlockingStub;
import io.pipewright.protocol.v1.GetServerIdRequest;
import io.pipewright.protocol.v1.GetSnapshotRequest;
import io.pipewright.protocol.v1.GetSnapshotResponse;
import io.pipewright.protocol.v1.PingRequest;
import io.pipewright.protocol.v1.ShutdownRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gRPC adapter of {@link CodeLocationClient}: blocking calls to one code location's {@code
 * CodeLocationService}, each with its deadline, mapped to and from core's records.
 *
 * <p>{@code GetSnapshot} is one unary message: this client raises the inbound message limit for
 * that call alone (to {@link GrpcCodeLocationClientOptions#maxSnapshotBytes()}, 256 MiB by
 * default), rather than splitting snapshots into streamed chunks. A 10,000-asset snapshot is a few
 * megabytes; one message keeps the server a plain unary method and the client one parse.
 *
 * <p>Failures: {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code CANCELLED} become {@link
 * CodeLocationUnavailableException}; any other status, and an answer this version cannot map,
 * becomes {@link CodeLocationCallException}. Both name the location and its address.
 *
 * <p>The client owns its channel and shuts it down in {@link #close()}. Thread-safe.
 */
public final class GrpcCodeLocationClient implements CodeLocationClient {

  private final String locationName;
  private final String address;
  private final ManagedChannel channel;
  private final CodeLocationServiceBlockingStub stub;
  private final GrpcCodeLocationClientOptions options;
  private volatile boolean closed;

  private GrpcCodeLocationClient(
      String locationName,
      String address,
      ManagedChannel channel,
      GrpcCodeLocationClientOptions options) {
    this.locationName = requireNonBlank(locationName, "locationName");
    this.address = requireNonBlank(address, "address");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.options = Objects.requireNonNull(options, "options");
    this.stub = CodeLocationServiceGrpc.newBlockingStub(channel);
  }

  /**
   * Connects to a code location over plaintext HTTP/2 (inside a cluster), with the gRPC transport
   * found on the class path. The connection is made lazily, on the first call.
   *
   * @param locationName the location's name, for messages
   * @param host the server's host
   * @param port the server's port
   * @param options deadlines and limits
   * @return the client
   * @throws IllegalStateException if no gRPC transport is on the class path
   */
  public static GrpcCodeLocationClient connect(
      String locationName, String host, int port, GrpcCodeLocationClientOptions options) {
    ManagedChannel channel;
    try {
      channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    } catch (ManagedChannelProvider.ProviderNotFoundException e) {
      throw new IllegalStateException(
          "No gRPC transport on the class path to reach code location '"
              + locationName
              + "'; add io.grpc:grpc-netty-shaded (or run inside Quarkus, which brings one)",
          e);
    }
    return new GrpcCodeLocationClient(locationName, host + ":" + port, channel, options);
  }

  /**
   * Wraps a channel the caller built (for TLS, an in-process server, or a Quarkus-managed
   * transport). The client takes ownership: {@link #close()} shuts the channel down.
   *
   * @param locationName the location's name, for messages
   * @param address the channel's target, for messages
   * @param channel the channel
   * @param options deadlines and limits
   * @return the client
   */
  public static GrpcCodeLocationClient create(
      String locationName,
      String address,
      ManagedChannel channel,
      GrpcCodeLocationClientOptions options) {
    return new GrpcCodeLocationClient(locationName, address, channel, options);
  }

  @Override
  public CodeLocationSnapshot snapshot() {
    GetSnapshotResponse response =
        call(
            "GetSnapshot",
            options.snapshotDeadline(),
            s ->
                s.withMaxInboundMessageSize(options.maxSnapshotBytes())
                    .getSnapshot(GetSnapshotRequest.getDefaultInstance()));
    return map("GetSnapshot", () -> SnapshotMapper.toCore(response.getSnapshot()));
  }

  @Override
  public ExecutionPlanResult executionPlan(ExecutionPlanRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call("GetExecutionPlan", options.userCodeDeadline(), s -> s.getExecutionPlan(message));
    return map("GetExecutionPlan", () -> CodeLocationServiceMapper.toCore(response));
  }

  @Override
  public List<ConfigErrorSnapshot> validateRunConfig(RunConfigValidationRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call("ValidateRunConfig", options.userCodeDeadline(), s -> s.validateRunConfig(message));
    return map("ValidateRunConfig", () -> ConfigMapper.errorsToCore(response.getErrorsList()));
  }

  @Override
  public List<String> partitionKeys(PartitionKeysRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call("GetPartitionKeys", options.userCodeDeadline(), s -> s.getPartitionKeys(message));
    return List.copyOf(response.getKeysList());
  }

  @Override
  public PartitionRunConfig partitionRunConfig(PartitionRunConfigRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call(
            "GetPartitionRunConfig",
            options.userCodeDeadline(),
            s -> s.getPartitionRunConfig(message));
    return map("GetPartitionRunConfig", () -> CodeLocationServiceMapper.toCore(response));
  }

  @Override
  public InstigatorEvaluation evaluateSchedule(ScheduleEvaluationRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call("EvaluateSchedule", options.userCodeDeadline(), s -> s.evaluateSchedule(message));
    return map("EvaluateSchedule", () -> InstigatorMapper.toCore(response.getResult()));
  }

  @Override
  public InstigatorEvaluation evaluateSensor(SensorEvaluationRequest request) {
    var message = CodeLocationServiceMapper.toProto(request);
    var response =
        call("EvaluateSensor", options.userCodeDeadline(), s -> s.evaluateSensor(message));
    return map("EvaluateSensor", () -> InstigatorMapper.toCore(response.getResult()));
  }

  @Override
  public String ping(String echo) {
    PingRequest message = PingRequest.newBuilder().setEcho(echo).build();
    return call("Ping", options.controlDeadline(), s -> s.ping(message)).getEcho();
  }

  @Override
  public String serverId() {
    return call(
            "GetServerId",
            options.controlDeadline(),
            s -> s.getServerId(GetServerIdRequest.getDefaultInstance()))
        .getServerId();
  }

  @Override
  public void shutdown() {
    call(
        "Shutdown",
        options.controlDeadline(),
        s -> s.shutdown(ShutdownRequest.getDefaultInstance()));
  }

  /**
   * Shuts the channel down, waiting up to five seconds for calls in flight, then cancels them.
   * Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GrpcCodeLocationClient[" + locationName + " at " + address + "]";
  }

  private <T> T call(
      String rpc, Duration deadline, Function<CodeLocationServiceBlockingStub, T> invocation) {
    if (closed) {
      throw new CodeLocationUnavailableException(
          locationName,
          address,
          "The client of code location '" + locationName + "' at " + address + " is closed",
          null);
    }
    try {
      return invocation.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw failure(rpc, deadline, e);
    }
  }

  /** Turns a response this version cannot map into a failure of the call, not a bare IAE. */
  private <T> T map(String rpc, java.util.function.Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (IllegalArgumentException e) {
      throw new CodeLocationCallException(
          locationName,
          address,
          CodeLocationCallException.Reason.SERVER_ERROR,
          "Code location '"
              + locationName
              + "' at "
              + address
              + " answered "
              + rpc
              + " with a message this host cannot read: "
              + e.getMessage()
              + ". Do the server and the host run the same Pipewright version?",
          e);
    }
  }

  private RuntimeException failure(String rpc, Duration deadline, StatusRuntimeException e) {
    Status status = e.getStatus();
    String where = "Code location '" + locationName + "' at " + address;
    String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
    return switch (status.getCode()) {
      case UNAVAILABLE ->
          new CodeLocationUnavailableException(
              locationName,
              address,
              where
                  + " is unavailable ("
                  + rpc
                  + " failed"
                  + detail
                  + "). Check that its server is running and reachable from this host",
              e);
      case DEADLINE_EXCEEDED ->
          new CodeLocationUnavailableException(
              locationName,
              address,
              where
                  + " did not answer "
                  + rpc
                  + " within "
                  + deadline.toMillis()
                  + " ms. Check the server's load and logs, or raise the deadline in"
                  + " GrpcCodeLocationClientOptions if the call is slow by nature",
              e);
      case CANCELLED ->
          new CodeLocationUnavailableException(
              locationName, address, where + " cancelled " + rpc + detail, e);
      case NOT_FOUND -> callFailure(CodeLocationCallException.Reason.NOT_FOUND, rpc, e, where);
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE ->
          callFailure(CodeLocationCallException.Reason.INVALID_REQUEST, rpc, e, where);
      case UNIMPLEMENTED ->
          new CodeLocationCallException(
              locationName,
              address,
              CodeLocationCallException.Reason.UNIMPLEMENTED,
              where
                  + " does not implement "
                  + rpc
                  + "; it runs an older Pipewright protocol than this host. Upgrade the"
                  + " location's Pipewright version",
              e);
      case RESOURCE_EXHAUSTED ->
          new CodeLocationCallException(
              locationName,
              address,
              CodeLocationCallException.Reason.TOO_LARGE,
              where
                  + " answered "
                  + rpc
                  + " with more than this client accepts"
                  + detail
                  + ". For GetSnapshot, raise maxSnapshotBytes (now "
                  + options.maxSnapshotBytes()
                  + ") in GrpcCodeLocationClientOptions",
              e);
      default -> callFailure(CodeLocationCallException.Reason.SERVER_ERROR, rpc, e, where);
    };
  }

  private CodeLocationCallException callFailure(
      CodeLocationCallException.Reason reason, String rpc, StatusRuntimeException e, String where) {
    Status status = e.getStatus();
    return new CodeLocationCallException(
        locationName,
        address,
        reason,
        where
            + " refused "
            + rpc
            + " ("
            + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription())
            + ")",
        e);
  }

  private static String requireNonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got " + value);
    }
    return value;
  }
}
