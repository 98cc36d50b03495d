package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A plain-text metadata value.
 *
 * @param text the text; not null
 */
public record TextValue(String text) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param text the text; not null
   * @throws IllegalArgumentException if {@code text} is null
   */
  public TextValue {
    if (text == null) {
      throw new IllegalArgumentException(
          "A text metadata value needs a non-null text; use MetadataValue.nullValue() for no value");
    }
  }

  /**
   * Returns {@code "TextMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "TextMetadataEntry";
  }

  /**
   * Returns the text on one line, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.abbreviate(Texts.oneLine(text), DISPLAY_MAX_CHARS);
  }
}
