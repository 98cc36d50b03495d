package io.pipewright.codelocation.worker;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How {@link HttpIngestEventSink} batches and retries. The defaults suit a pod reporting to the
 * webserver of its cluster; tests shorten the waits.
 *
 * @param batchSize the most events per request (default 100)
 * @param linger how long the first event of a batch waits for more before it is sent (default 200
 *     ms): events arrive in bursts, and one request per event would be wasteful
 * @param maxBuffered the most events held while the ingest is slow or down (default 10,000); a step
 *     emitting more waits, rather than losing events or running out of memory
 * @param initialBackoff the wait after the first failed request (default 250 ms); it doubles after
 *     each further failure
 * @param maxBackoff the longest wait between two requests (default 10 s)
 * @param giveUpAfter how long one batch is retried before the sink gives up (default 5 minutes:
 *     long enough for a webserver to restart)
 * @param connectTimeout the connect timeout (default 10 s)
 * @param requestTimeout the timeout of one request (default 30 s)
 * @param random uniform doubles in [0, 1), the jitter of the waits
 */
public record HttpIngestOptions(
    int batchSize,
    Duration linger,
    int maxBuffered,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration giveUpAfter,
    Duration connectTimeout,
    Duration requestTimeout,
    DoubleSupplier random) {

  /** Validates the options. */
  public HttpIngestOptions {
    if (batchSize < 1 || maxBuffered < batchSize) {
      throw new IllegalArgumentException(
          "HttpIngestOptions needs batchSize >= 1 and maxBuffered >= batchSize, got "
              + batchSize
              + " and "
              + maxBuffered);
    }
    requirePositive(linger, "linger", true);
    requirePositive(initialBackoff, "initialBackoff", false);
    requirePositive(maxBackoff, "maxBackoff", false);
    requirePositive(giveUpAfter, "giveUpAfter", true);
    requirePositive(connectTimeout, "connectTimeout", false);
    requirePositive(requestTimeout, "requestTimeout", false);
    if (random == null) {
      throw new IllegalArgumentException("HttpIngestOptions needs a random source, got null");
    }
  }

  /**
   * The defaults.
   *
   * @return the options
   */
  public static HttpIngestOptions defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
    if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          "HttpIngestOptions needs a "
              + (zeroAllowed ? "non-negative " : "positive ")
              + name
              + ", got "
              + value);
    }
  }

  /** Builds {@link HttpIngestOptions}. */
  public static final class Builder {
    private int batchSize = 100;
    private Duration linger = Duration.ofMillis(200);
    private int maxBuffered = 10_000;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration giveUpAfter = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private DoubleSupplier random = Math::random;

    private Builder() {}

    /**
     * Sets the most events per request.
     *
     * @param size the size
     * @return this builder
     */
    public Builder batchSize(int size) {
      this.batchSize = size;
      return this;
    }

    /**
     * Sets how long a batch waits for more events.
     *
     * @param wait the linger
     * @return this builder
     */
    public Builder linger(Duration wait) {
      this.linger = wait;
      return this;
    }

    /**
     * Sets the most events held.
     *
     * @param count the limit
     * @return this builder
     */
    public Builder maxBuffered(int count) {
      this.maxBuffered = count;
      return this;
    }

    /**
     * Sets the backoff between retries.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets how long a batch is retried.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder giveUpAfter(Duration limit) {
      this.giveUpAfter = limit;
      return this;
    }

    /**
     * Sets the timeouts.
     *
     * @param connect the connect timeout
     * @param request the timeout of one request
     * @return this builder
     */
    public Builder timeouts(Duration connect, Duration request) {
      this.connectTimeout = connect;
      this.requestTimeout = request;
      return this;
    }

    /**
     * Sets the source of jitter.
     *
     * @param source uniform doubles in [0, 1)
     * @return this builder
     */
    public Builder random(DoubleSupplier source) {
      this.random = source;
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public HttpIngestOptions build() {
      return new HttpIngestOptions(
          batchSize,
          linger,
          maxBuffered,
          initialBackoff,
          maxBackoff,
          giveUpAfter,
          connectTimeout,
          requestTimeout,
          random);
    }
  }
}
