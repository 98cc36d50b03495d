package io.pipewright.executor.k8s.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The client-side rate limiter every Kubernetes API call goes through: a token bucket that refills
 * at {@code qps} tokens per second up to {@code burst} tokens. A caller that finds the bucket empty
 * reserves the next token and sleeps until it is due, so waiting callers are served in order and
 * the average rate never exceeds {@code qps}.
 *
 * <p>The counters are ready for a metrics registry: the daemon exposes them as Prometheus counters
 * (calls, calls that had to wait, total time waited).
 */
public final class TokenBucket {

  /** Sleeps; a seam so that tests run on a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Sleeps.
     *
     * @param nanos how long
     * @throws InterruptedException when interrupted
     */
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /**
   * The counters.
   *
   * @param acquired permits handed out
   * @param throttled permits whose caller had to wait
   * @param waitedNanos the total time callers waited, in nanoseconds
   */
  public record Stats(long acquired, long throttled, long waitedNanos) {}

  private final double permitsPerNano;
  private final double capacity;
  private final LongSupplier ticker;
  private final Sleeper sleeper;
  private final AtomicLong acquired = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();

  private volatile LongConsumer waitObserver = nanos -> {};
  private double tokens;
  private long last;

  /**
   * Creates a bucket on the system clock, full.
   *
   * @param qps tokens per second, more than 0
   * @param burst the bucket's size, at least 1
   */
  public TokenBucket(double qps, int burst) {
    this(
        qps,
        burst,
        System::nanoTime,
        nanos -> {
          long millis = nanos / 1_000_000;
          Thread.sleep(millis, (int) (nanos % 1_000_000));
        });
  }

  /**
   * Creates a bucket on a given clock, full.
   *
   * @param qps tokens per second, more than 0
   * @param burst the bucket's size, at least 1
   * @param ticker the clock, in nanoseconds
   * @param sleeper how to wait
   */
  public TokenBucket(double qps, int burst, LongSupplier ticker, Sleeper sleeper) {
    if (!(qps > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "a token bucket needs qps > 0 and burst >= 1, got " + qps + " and " + burst);
    }
    this.permitsPerNano = qps / 1e9;
    this.capacity = burst;
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.last = ticker.getAsLong();
  }

  /**
   * Takes a token, waiting until one is due.
   *
   * @throws InterruptedException when interrupted while waiting (the token stays spent)
   */
  public void acquire() throws InterruptedException {
    long wait = reserve();
    waitObserver.accept(wait);
    acquired.incrementAndGet();
    if (wait > 0) {
      throttled.incrementAndGet();
      waitedNanos.addAndGet(wait);
      sleeper.sleepNanos(wait);
    }
  }

  /**
   * Tells an observer how long each caller waits (0 when a token was there), for a metrics
   * registry's timer; replaces the previous observer.
   *
   * @param observer receives each wait in nanoseconds, on the caller's thread
   */
  public void observeWaits(LongConsumer observer) {
    this.waitObserver = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Takes a token and says how long to wait before using it. A debt (negative tokens) makes the
   * next callers wait longer, in order.
   *
   * @return nanoseconds to wait, 0 when a token was there
   */
  synchronized long reserve() {
    long now = ticker.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * permitsPerNano);
    last = now;
    tokens -= 1;
    if (tokens >= 0) {
      return 0;
    }
    return (long) Math.ceil(-tokens / permitsPerNano);
  }

  /**
   * Returns the counters.
   *
   * @return a snapshot
   */
  public Stats stats() {
    return new Stats(acquired.get(), throttled.get(), waitedNanos.get());
  }
}
