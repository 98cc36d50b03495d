package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;

/**
 * A table-schema metadata value: the columns of a table, without rows.
 *
 * @param schema the schema; not null
 */
public record TableSchemaValue(TableSchema schema) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param schema the schema; not null
   * @throws IllegalArgumentException if {@code schema} is null
   */
  public TableSchemaValue {
    if (schema == null) {
      throw new IllegalArgumentException("A table-schema metadata value needs a non-null schema");
    }
  }

  /**
   * Returns {@code "TableSchemaMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "TableSchemaMetadataEntry";
  }

  /**
   * Returns the columns, e.g. {@code TableSchema(id: int, name: string)}, abbreviated when long.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return Texts.abbreviate("TableSchema" + schema.display(), DISPLAY_MAX_CHARS);
  }
}
