package io.pipewright.sdk.metadata;

/**
 * An integer metadata value, such as a row count.
 *
 * @param value the integer
 */
public record IntValue(long value) implements MetadataValue {

  /**
   * Returns {@code "IntMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "IntMetadataEntry";
  }

  /**
   * Returns the integer in decimal.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Long.toString(value);
  }
}
