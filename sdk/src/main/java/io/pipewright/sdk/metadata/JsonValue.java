package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A JSON metadata value, held as a plain Java tree: {@code Map<String, ?>} for objects, {@code
 * List<?>} for arrays, and {@code String}, {@code Number}, {@code Boolean} or {@code null} for the
 * leaves. The tree is copied into an immutable one (maps keep their iteration order).
 *
 * @param data the JSON tree; may be a single leaf, including null
 */
public record JsonValue(Object data) implements MetadataValue {

  /**
   * Validates the tree and replaces it with an immutable deep copy.
   *
   * @param data the JSON tree; may be a single leaf, including null
   * @throws IllegalArgumentException if the tree holds anything but the JSON kinds above, or
   *     non-finite numbers; the message names the path of the offending element (e.g. {@code
   *     $.rows[3]})
   */
  public JsonValue {
    data = JsonTrees.copy(data, "$");
  }

  /**
   * Returns {@code "JsonMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "JsonMetadataEntry";
  }

  /**
   * Returns the tree as compact JSON, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.compactJson(data, DISPLAY_MAX_CHARS);
  }
}
