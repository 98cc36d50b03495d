package io.pipewright.sdk.testing;

import io.pipewright.sdk.execution.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told to, with a {@link Sleeper} that advances it instead of
 * sleeping: retries with long delays run instantly and their waits can be asserted.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * JobExecution.of(job).clock(clock).sleeper(clock.sleeper()).execute();
 * assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3)), clock.sleeps());
 * }</pre>
 */
public final class TestClock extends Clock {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  private TestClock(Instant start) {
    this.now = start;
  }

  /**
   * A clock at a fixed instant.
   *
   * @param start the instant
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(start);
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
   * A sleeper that advances this clock and records each wait.
   *
   * @return the sleeper
   */
  public Sleeper sleeper() {
    return duration -> {
      synchronized (this) {
        sleeps.add(duration);
        now = now.plus(duration);
      }
    };
  }

  /**
   * The waits asked of {@link #sleeper()}, in order.
   *
   * @return the waits
   */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestClock is always UTC");
  }
}
