package io.pipewright.codelocation.worker;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The pure decisions of {@link HttpIngestEventSink}: what an answer of the ingest means, and how
 * long to wait before the next try. No IO, no clock: tests call it directly.
 */
final class IngestRetryPolicy {

  /** What to do after a request. */
  enum Verdict {
    /** The batch is stored. */
    DELIVERED,
    /** Try the same batch again after a wait: the ingest is down, overloaded or restarting. */
    RETRY,
    /** Stop: retrying cannot help (a bad token, a malformed batch, a wrong URL). */
    GIVE_UP
  }

  private final Duration initial;
  private final Duration max;

  IngestRetryPolicy(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /**
   * What an HTTP status means.
   *
   * @param status the status code
   * @return the verdict
   */
  static Verdict classify(int status) {
    if (status >= 200 && status < 300) {
      return Verdict.DELIVERED;
    }
    // 408 Request Timeout and 429 Too Many Requests are temporary; so is every 5xx (a restarting
    // webserver, a proxy without a backend). Every other 4xx says the request itself is wrong.
    if (status == 408 || status == 429 || status >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.GIVE_UP;
  }

  /**
   * The wait before the next try: exponential ({@code initial * 2^(failures-1)}, at most {@code
   * max}) with "equal jitter" (half of it fixed, half random), so that the workers of a fan-out do
   * not all come back at once; a {@code Retry-After} from the server wins, up to {@code max}.
   *
   * @param failures how many tries of this batch failed, from 1
   * @param random a uniform double in [0, 1)
   * @param retryAfterSeconds the server's {@code Retry-After}, if any
   * @return the wait
   */
  Duration backoff(int failures, double random, OptionalLong retryAfterSeconds) {
    if (retryAfterSeconds.isPresent()) {
      Duration asked = Duration.ofSeconds(Math.max(0, retryAfterSeconds.getAsLong()));
      return asked.compareTo(max) > 0 ? max : asked;
    }
    long base = initial.toNanos();
    for (int i = 1; i < failures && base < max.toNanos(); i++) {
      base *= 2;
    }
    base = Math.min(base, max.toNanos());
    return Duration.ofNanos(base / 2 + (long) (random * (base / 2)));
  }
}
