package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A file-system path metadata value.
 *
 * @param path the path; not null
 */
public record PathValue(String path) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param path the path; not null
   * @throws IllegalArgumentException if {@code path} is null
   */
  public PathValue {
    if (path == null) {
      throw new IllegalArgumentException(
          "A path metadata value needs a non-null path; use MetadataValue.nullValue() for no value");
    }
  }

  /**
   * Returns {@code "PathMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "PathMetadataEntry";
  }

  /**
   * Returns the path on one line, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.abbreviate(Texts.oneLine(path), DISPLAY_MAX_CHARS);
  }
}
