package io.pipewright.sdk.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a table, as shown in table and table-schema metadata.
 *
 * @param columns the columns in display order; copied defensively; names are unique
 */
public record TableSchema(List<TableColumn> columns) {

  /**
   * Validates and copies the columns.
   *
   * @param columns the columns in display order; copied defensively; names are unique
   * @throws IllegalArgumentException if the list is null, holds null, or repeats a column name
   */
  public TableSchema {
    if (columns == null) {
      throw new IllegalArgumentException("A table schema needs a list of columns, got null");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      TableColumn column = columns.get(i);
      if (column == null) {
        throw new IllegalArgumentException("Column " + i + " of the table schema is null");
      }
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException(
            "Table schema has column '" + column.name() + "' twice; column names must be unique");
      }
    }
    columns = List.copyOf(columns);
  }

  /**
   * Creates a schema from columns.
   *
   * @param columns the columns in display order
   * @return the schema
   */
  public static TableSchema of(TableColumn... columns) {
    if (columns == null) {
      throw new IllegalArgumentException("A table schema needs a list of columns, got null");
    }
    return new TableSchema(Arrays.asList(columns));
  }

  /**
   * Returns the column names in display order.
   *
   * @return the names
   */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (TableColumn column : columns) {
      names.add(column.name());
    }
    return List.copyOf(names);
  }

  /**
   * Renders the schema as {@code name: type} pairs, e.g. {@code (id: int, name: string)}.
   *
   * @return a short rendering
   */
  public String display() {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(columns.get(i).name()).append(": ").append(columns.get(i).type());
    }
    return out.append(')').toString();
  }
}
