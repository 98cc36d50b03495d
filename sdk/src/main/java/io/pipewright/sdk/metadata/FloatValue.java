package io.pipewright.sdk.metadata;

/**
 * A floating-point metadata value. NaN and the infinities are allowed, as in Dagster.
 *
 * @param value the number
 */
public record FloatValue(double value) implements MetadataValue {

  /**
   * Returns {@code "FloatMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "FloatMetadataEntry";
  }

  /**
   * Returns the number as {@link Double#toString(double)} writes it, e.g. {@code 0.25}.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Double.toString(value);
  }
}
