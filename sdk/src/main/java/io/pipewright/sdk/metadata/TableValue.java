package io.pipewright.sdk.metadata;

import io.pipewright.sdk.internal.text.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table metadata value: a few rows of scalar cells, such as a preview of a data set, with an
 * optional schema.
 *
 * @param records the rows, each a map from column name to a string, number, boolean or null; copied
 *     into immutable maps that keep their column order
 * @param schema the columns; may be null
 */
public record TableValue(List<Map<String, Object>> records, TableSchema schema)
    implements MetadataValue {

  /**
   * Validates and copies the rows.
   *
   * @param records the rows, each a map from column name to a string, number, boolean or null;
   *     copied into immutable maps that keep their column order
   * @param schema the columns; may be null
   * @throws IllegalArgumentException if {@code records} is null, a row is null or has a null column
   *     name, or a cell is not a string, number, boolean or null
   */
  public TableValue {
    if (records == null) {
      throw new IllegalArgumentException(
          "A table metadata value needs a list of records (use List.of() for none), got null");
    }
    List<Map<String, Object>> copy = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> record = records.get(i);
      if (record == null) {
        throw new IllegalArgumentException("Record " + i + " of the table metadata is null");
      }
      Map<String, Object> row = new LinkedHashMap<>(Math.max(4, record.size() * 2));
      for (Map.Entry<String, Object> cell : record.entrySet()) {
        if (cell.getKey() == null) {
          throw new IllegalArgumentException(
              "Record " + i + " of the table metadata has a null column name");
        }
        Object value = cell.getValue();
        if (value != null
            && !(value instanceof String)
            && !(value instanceof Boolean)
            && !JsonTrees.isJsonNumber(value)) {
          throw new IllegalArgumentException(
              "Record "
                  + i
                  + ", column '"
                  + cell.getKey()
                  + "' of the table metadata is a "
                  + value.getClass().getName()
                  + "; table cells may hold only String, Number, Boolean or null");
        }
        row.put(cell.getKey(), value);
      }
      copy.add(Collections.unmodifiableMap(row));
    }
    records = Collections.unmodifiableList(copy);
  }

  /**
   * Returns {@code "TableMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "TableMetadataEntry";
  }

  /**
   * Returns the row count and the column names, e.g. {@code Table(3 rows; columns: id, name)}.
   * Columns come from the schema, or else from the first row.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    List<String> columns =
        schema != null
            ? schema.columnNames()
            : records.isEmpty() ? List.of() : List.copyOf(records.get(0).keySet());
    String text =
        "Table("
            + records.size()
            + (records.size() == 1 ? " row" : " rows")
            + (columns.isEmpty() ? "" : "; columns: " + String.join(", ", columns))
            + ")";
    return Texts.abbreviate(text, DISPLAY_MAX_CHARS);
  }
}
