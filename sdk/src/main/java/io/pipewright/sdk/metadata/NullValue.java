package io.pipewright.sdk.metadata;

/**
 * The explicit absence of a metadata value. All instances are equal; use {@link #INSTANCE} or
 * {@link MetadataValue#nullValue()}.
 */
public record NullValue() implements MetadataValue {

  /** The shared instance. */
  public static final NullValue INSTANCE = new NullValue();

  /**
   * Returns {@code "NullMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "NullMetadataEntry";
  }

  /**
   * Returns {@code null}.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return "null";
  }
}
