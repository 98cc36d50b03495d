package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a table, as table and table-schema metadata carry them.
 *
 * @param columns the columns in display order; names are unique
 */
public record TableSchemaSnapshot(List<TableColumnSnapshot> columns) {

  /** Validates and copies the columns. */
  public TableSchemaSnapshot {
    columns = Checks.list(columns, "TableSchemaSnapshot", "columns");
    Set<String> seen = new HashSet<>();
    for (TableColumnSnapshot column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException(
            "TableSchemaSnapshot has column '" + column.name() + "' twice; names must be unique");
      }
    }
  }
}
