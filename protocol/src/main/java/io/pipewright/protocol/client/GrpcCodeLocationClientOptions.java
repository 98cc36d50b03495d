package io.pipewright.protocol.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines and limits of a {@link GrpcCodeLocationClient}. Create with {@link #defaults()} or
 * {@link #builder()}.
 */
public final class GrpcCodeLocationClientOptions {

  /** The default deadline of {@code Ping}, {@code GetServerId} and {@code Shutdown}. */
  public static final Duration DEFAULT_CONTROL_DEADLINE = Duration.ofSeconds(5);

  /** The default deadline of {@code GetSnapshot}. */
  public static final Duration DEFAULT_SNAPSHOT_DEADLINE = Duration.ofSeconds(60);

  /**
   * The default deadline of the calls that run user code (plans, config validation, partitions,
   * schedule and sensor ticks): Dagster's default sensor timeout.
   */
  public static final Duration DEFAULT_USER_CODE_DEADLINE = Duration.ofSeconds(60);

  /**
   * The default largest snapshot accepted, 256 MiB. gRPC's own default, 4 MiB, is too small on
   * purpose: a snapshot is one message, a 10,000-asset one is several megabytes (see {@code
   * SnapshotBenchmark} in the bench module), and this limit leaves room for locations far larger.
   */
  public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

  private static final GrpcCodeLocationClientOptions DEFAULTS = builder().build();

  private final Duration controlDeadline;
  private final Duration snapshotDeadline;
  private final Duration userCodeDeadline;
  private final int maxSnapshotBytes;

  private GrpcCodeLocationClientOptions(Builder builder) {
    this.controlDeadline = builder.controlDeadline;
    this.snapshotDeadline = builder.snapshotDeadline;
    this.userCodeDeadline = builder.userCodeDeadline;
    this.maxSnapshotBytes = builder.maxSnapshotBytes;
  }

  /**
   * Returns the default options.
   *
   * @return the defaults
   */
  public static GrpcCodeLocationClientOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Starts options from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the deadline of {@code Ping}, {@code GetServerId} and {@code Shutdown}.
   *
   * @return the deadline
   */
  public Duration controlDeadline() {
    return controlDeadline;
  }

  /**
   * Returns the deadline of {@code GetSnapshot}.
   *
   * @return the deadline
   */
  public Duration snapshotDeadline() {
    return snapshotDeadline;
  }

  /**
   * Returns the deadline of the calls that run user code.
   *
   * @return the deadline
   */
  public Duration userCodeDeadline() {
    return userCodeDeadline;
  }

  /**
   * Returns the largest snapshot accepted, in bytes.
   *
   * @return the limit
   */
  public int maxSnapshotBytes() {
    return maxSnapshotBytes;
  }

  /** Builds {@link GrpcCodeLocationClientOptions}. */
  public static final class Builder {
    private Duration controlDeadline = DEFAULT_CONTROL_DEADLINE;
    private Duration snapshotDeadline = DEFAULT_SNAPSHOT_DEADLINE;
    private Duration userCodeDeadline = DEFAULT_USER_CODE_DEADLINE;
    private int maxSnapshotBytes = DEFAULT_MAX_SNAPSHOT_BYTES;

    private Builder() {}

    /**
     * Sets the deadline of {@code Ping}, {@code GetServerId} and {@code Shutdown}; 5 seconds by
     * default.
     *
     * @param deadline a positive duration
     * @return this builder
     */
    public Builder controlDeadline(Duration deadline) {
      this.controlDeadline = positive(deadline, "controlDeadline");
      return this;
    }

    /**
     * Sets the deadline of {@code GetSnapshot}; 60 seconds by default.
     *
     * @param deadline a positive duration
     * @return this builder
     */
    public Builder snapshotDeadline(Duration deadline) {
      this.snapshotDeadline = positive(deadline, "snapshotDeadline");
      return this;
    }

    /**
     * Sets the deadline of the calls that run user code; 60 seconds by default.
     *
     * @param deadline a positive duration
     * @return this builder
     */
    public Builder userCodeDeadline(Duration deadline) {
      this.userCodeDeadline = positive(deadline, "userCodeDeadline");
      return this;
    }

    /**
     * Sets the largest snapshot accepted; 256 MiB by default.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder maxSnapshotBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxSnapshotBytes must be positive, got " + bytes);
      }
      this.maxSnapshotBytes = bytes;
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public GrpcCodeLocationClientOptions build() {
      return new GrpcCodeLocationClientOptions(this);
    }

    private static Duration positive(Duration deadline, String name) {
      Objects.requireNonNull(deadline, name);
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + deadline);
      }
      return deadline;
    }
  }
}
