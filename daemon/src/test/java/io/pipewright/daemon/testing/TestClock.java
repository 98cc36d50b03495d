package io.pipewright.daemon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. Thread-safe. */
public final class TestClock extends Clock {

  private volatile Instant now;

  /**
   * Creates the clock.
   *
   * @param start its first time
   */
  public TestClock(Instant start) {
    this.now = start;
  }

  /** A clock at 2026-01-05T10:00:00Z. */
  public TestClock() {
    this(Instant.parse("2026-01-05T10:00:00Z"));
  }

  /**
   * Moves the clock forward.
   *
   * @param by how far
   */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
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
    return this;
  }
}
