package io.pipewright.core.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Decides when a sensor is due: the pure part of the sensor daemon. A sensor is evaluated at most
 * once per minimum interval, measured from the start of its previous evaluation, plus a jitter that
 * is fixed per sensor (a hash of its name): a thousand sensors with the same interval that were
 * started together spread over the jitter window instead of hitting their code locations in the
 * same instant, and each keeps a steady rhythm.
 */
public final class SensorTiming {

  private SensorTiming() {}

  /**
   * Returns when a sensor should be evaluated next.
   *
   * @param key the sensor's identity (code location and name), which fixes its jitter
   * @param lastEvaluation when its previous evaluation started; null before the first
   * @param minimumInterval its minimum interval; positive
   * @param jitter the width of the jitter window; zero for none
   * @param now the current time
   * @return the time it is due: {@code now} for a sensor never evaluated, else the previous
   *     evaluation plus the interval plus its jitter
   */
  public static Instant nextEvaluation(
      String key, Instant lastEvaluation, Duration minimumInterval, Duration jitter, Instant now) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(minimumInterval, "minimumInterval must not be null");
    Objects.requireNonNull(jitter, "jitter must not be null");
    Objects.requireNonNull(now, "now must not be null");
    if (minimumInterval.isNegative() || minimumInterval.isZero()) {
      throw new IllegalArgumentException(
          "Sensor " + key + " needs a positive minimum interval, got " + minimumInterval);
    }
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("The sensors' jitter must not be negative: " + jitter);
    }
    if (lastEvaluation == null) {
      return now;
    }
    return lastEvaluation.plus(minimumInterval).plus(offset(key, jitter));
  }

  /**
   * Tells whether a sensor is due now.
   *
   * @param key the sensor's identity
   * @param lastEvaluation when its previous evaluation started; null before the first
   * @param minimumInterval its minimum interval
   * @param jitter the width of the jitter window
   * @param now the current time
   * @return true when {@link #nextEvaluation} is not after now
   */
  public static boolean isDue(
      String key, Instant lastEvaluation, Duration minimumInterval, Duration jitter, Instant now) {
    return !nextEvaluation(key, lastEvaluation, minimumInterval, jitter, now).isAfter(now);
  }

  /**
   * Returns the sensor's fixed share of the jitter window.
   *
   * @param key the sensor's identity
   * @param jitter the window
   * @return an offset in {@code [0, jitter)}
   */
  public static Duration offset(String key, Duration jitter) {
    if (jitter.isZero()) {
      return Duration.ZERO;
    }
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    long millis = jitter.toMillis();
    return millis == 0 ? Duration.ZERO : Duration.ofMillis(crc.getValue() % millis);
  }
}
