package io.pipewright.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc;
import io.pipewright.protocol.v1.GetSnapshotRequest;
import io.pipewright.protocol.v1.GetSnapshotResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4's figure "GetSnapshot of a 10,000-asset location: size and latency (goal <= 200 ms)", on
 * {@link SnapshotFixture}'s location. The set-up prints the snapshot's size on the wire.
 *
 * <ul>
 *   <li>{@code toProto}, {@code serialize}, {@code parse}, {@code toCore}: the four stages alone;
 *   <li>{@code roundTrip}: all four, core record to bytes and back (server plus client work);
 *   <li>{@code grpcGetSnapshot}: {@link GrpcCodeLocationClient#snapshot()} against a gRPC server on
 *       a loopback TCP port (Netty) that answers with a prebuilt message, as a server that caches
 *       its snapshot does: serialization, HTTP/2 transfer, parsing and mapping.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package exec:exec -Dbench.args="SnapshotBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotBenchmark {

  private CodeLocationSnapshot snapshot;
  private CodeLocation message;
  private byte[] bytes;
  private Server server;
  private GrpcCodeLocationClient client;

  /** Builds the location, its message and bytes, and starts the server and the client. */
  @Setup
  public void setUp() throws IOException {
    snapshot = SnapshotFixture.location();
    message = SnapshotMapper.toProto(snapshot);
    bytes = message.toByteArray();
    System.out.printf(
        Locale.ROOT,
        "%nSnapshot of %d assets, %d asset checks, 1 job of %d nodes: %d bytes (%.2f MiB)%n",
        snapshot.assets().size(),
        snapshot.assetChecks().size(),
        snapshot.jobs().get(0).nodes().size(),
        bytes.length,
        bytes.length / (1024.0 * 1024.0));
    GetSnapshotResponse response = GetSnapshotResponse.newBuilder().setSnapshot(message).build();
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new CachedSnapshotService(response))
            .build()
            .start();
    client =
        GrpcCodeLocationClient.connect(
            "bench", "127.0.0.1", server.getPort(), GrpcCodeLocationClientOptions.defaults());
  }

  /** Stops the client and the server. */
  @TearDown
  public void tearDown() throws InterruptedException {
    client.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /**
   * Maps the core snapshot to its message.
   *
   * @return the message
   */
  @Benchmark
  public CodeLocation toProto() {
    return SnapshotMapper.toProto(snapshot);
  }

  /**
   * Serializes the message.
   *
   * @return the bytes
   */
  @Benchmark
  public byte[] serialize() {
    return message.toByteArray();
  }

  /**
   * Parses the bytes.
   *
   * @return the message
   * @throws InvalidProtocolBufferException never: the bytes are valid
   */
  @Benchmark
  public CodeLocation parse() throws InvalidProtocolBufferException {
    return CodeLocation.parseFrom(bytes);
  }

  /**
   * Maps the message to the core snapshot.
   *
   * @return the snapshot
   */
  @Benchmark
  public CodeLocationSnapshot toCore() {
    return SnapshotMapper.toCore(message);
  }

  /**
   * Core record to bytes and back.
   *
   * @return the snapshot
   * @throws InvalidProtocolBufferException never: the bytes are valid
   */
  @Benchmark
  public CodeLocationSnapshot roundTrip() throws InvalidProtocolBufferException {
    byte[] wire = SnapshotMapper.toProto(snapshot).toByteArray();
    return SnapshotMapper.toCore(CodeLocation.parseFrom(wire));
  }

  /**
   * Fetches the snapshot over loopback gRPC.
   *
   * @return the snapshot
   */
  @Benchmark
  public CodeLocationSnapshot grpcGetSnapshot() {
    return client.snapshot();
  }

  /** Answers {@code GetSnapshot} with a prebuilt message, as a server caching its snapshot. */
  static final class CachedSnapshotService
      extends CodeLocationServiceGrpc.CodeLocationServiceImplBase {
    private final GetSnapshotResponse response;

    CachedSnapshotService(GetSnapshotResponse response) {
      this.response = response;
    }

    @Override
    public void getSnapshot(GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> out) {
      out.onNext(response);
      out.onCompleted();
    }
  }
}
