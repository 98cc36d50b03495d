package io.pipewright.executor.k8s.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, for the time-based rules. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * Creates a clock at a given instant.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far
   */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * Sets the clock.
   *
   * @param instant the new time
   */
  public synchronized void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
