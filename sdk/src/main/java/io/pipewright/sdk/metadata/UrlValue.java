package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A URL metadata value, rendered as a link by user interfaces.
 *
 * @param url the URL; not null
 */
public record UrlValue(String url) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param url the URL; not null
   * @throws IllegalArgumentException if {@code url} is null
   */
  public UrlValue {
    if (url == null) {
      throw new IllegalArgumentException(
          "A URL metadata value needs a non-null url; use MetadataValue.nullValue() for no value");
    }
  }

  /**
   * Returns {@code "UrlMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "UrlMetadataEntry";
  }

  /**
   * Returns the URL, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.abbreviate(Texts.oneLine(url), DISPLAY_MAX_CHARS);
  }
}
