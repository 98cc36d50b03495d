package io.pipewright.sdk.execution;

import java.time.Duration;

/** Waits between retries. Tests pass a fake that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper SYSTEM =
      duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
      };

  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedException when interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
