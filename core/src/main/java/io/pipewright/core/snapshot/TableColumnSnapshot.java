package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * One column of a {@link TableSchemaSnapshot}.
 *
 * @param name the column name; non-blank
 * @param type the column's type as free text, such as {@code int}; non-blank
 * @param description what the column holds; may be null
 */
public record TableColumnSnapshot(String name, String type, String description) {

  /** Validates the column. */
  public TableColumnSnapshot {
    Checks.requireNonBlank(name, "TableColumnSnapshot", "name");
    Checks.requireNonBlank(type, "TableColumnSnapshot", name, "type");
  }
}
