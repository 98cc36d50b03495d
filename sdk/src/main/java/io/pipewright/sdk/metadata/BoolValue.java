package io.pipewright.sdk.metadata;

/**
 * A boolean metadata value.
 *
 * @param value the boolean
 */
public record BoolValue(boolean value) implements MetadataValue {

  private static final BoolValue TRUE = new BoolValue(true);
  private static final BoolValue FALSE = new BoolValue(false);

  /**
   * Returns the shared instance for {@code value}.
   *
   * @param value the boolean
   * @return the value
   */
  public static BoolValue of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * Returns {@code "BoolMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "BoolMetadataEntry";
  }

  /**
   * Returns {@code true} or {@code false}.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Boolean.toString(value);
  }
}
