package io.pipewright.sdk.metadata;

/**
 * One column of a {@link TableSchema}.
 *
 * @param name the column name; non-blank
 * @param type the column's type as free text, e.g. {@code "string"}, {@code "int"}, {@code
 *     "timestamp"}; non-blank
 * @param description what the column holds; may be null
 */
public record TableColumn(String name, String type, String description) {

  /**
   * Validates the column.
   *
   * @param name the column name; non-blank
   * @param type the column's type as free text, e.g. {@code "string"}, {@code "int"}, {@code
   *     "timestamp"}; non-blank
   * @param description what the column holds; may be null
   * @throws IllegalArgumentException if the name or type is null or blank
   */
  public TableColumn {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "A table column name must be a non-blank string, got " + quoted(name));
    }
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException(
          "Table column '"
              + name
              + "' needs a non-blank type such as \"string\" or \"int\", got "
              + quoted(type));
    }
  }

  /**
   * Creates a column without a description.
   *
   * @param name the column name
   * @param type the column's type, e.g. {@code "int"}
   * @return the column
   */
  public static TableColumn of(String name, String type) {
    return new TableColumn(name, type, null);
  }

  private static String quoted(String s) {
    return s == null ? "null" : '"' + s + '"';
  }
}
