package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A Markdown metadata value, rendered as Markdown by user interfaces.
 *
 * @param markdown the Markdown source; not null
 */
public record MarkdownValue(String markdown) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param markdown the Markdown source; not null
   * @throws IllegalArgumentException if {@code markdown} is null
   */
  public MarkdownValue {
    if (markdown == null) {
      throw new IllegalArgumentException(
          "A Markdown metadata value needs a non-null markdown; use MetadataValue.nullValue() for no value");
    }
  }

  /**
   * Returns {@code "MarkdownMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "MarkdownMetadataEntry";
  }

  /**
   * Returns the first line of the Markdown source, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.abbreviate(Texts.firstLine(markdown), DISPLAY_MAX_CHARS);
  }
}
