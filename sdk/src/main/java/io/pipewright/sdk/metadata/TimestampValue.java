package io.pipewright.sdk.metadata;

import java.time.Instant;

/**
 * A timestamp metadata value, such as the last-modified time of a file.
 *
 * @param value the instant; not null
 */
public record TimestampValue(Instant value) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param value the instant; not null
   * @throws IllegalArgumentException if {@code value} is null
   */
  public TimestampValue {
    if (value == null) {
      throw new IllegalArgumentException(
          "A timestamp metadata value needs a non-null Instant; use MetadataValue.nullValue() for"
              + " no value");
    }
  }

  /**
   * Returns {@code "TimestampMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "TimestampMetadataEntry";
  }

  /**
   * Returns the instant in ISO-8601 form, e.g. {@code 2024-05-01T12:00:00Z}.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return value.toString();
  }

  /**
   * Returns the instant as fractional seconds since the epoch, the form in which Dagster reports
   * timestamp metadata.
   *
   * @return seconds since 1970-01-01T00:00:00Z
   */
  public double epochSeconds() {
    return value.getEpochSecond() + value.getNano() / 1_000_000_000.0;
  }
}
