package io.pipewright.sdk.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  @Test
  void shouldKeepColumnsInOrderWhenCreated() {
    TableSchema schema =
        TableSchema.of(TableColumn.of("id", "int"), new TableColumn("name", "string", "who"));

    assertThat(schema.columnNames()).containsExactly("id", "name");
    assertThat(schema.columns().get(1).description()).isEqualTo("who");
    assertThat(schema.columns().get(0).description()).isNull();
    assertThat(schema.display()).isEqualTo("(id: int, name: string)");
  }

  @Test
  void shouldCopyColumnsWhenCallerMutatesList() {
    List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.of("id", "int")));
    TableSchema schema = new TableSchema(columns);

    columns.add(TableColumn.of("x", "int"));

    assertThat(schema.columns()).hasSize(1);
    assertThat(schema).isEqualTo(TableSchema.of(TableColumn.of("id", "int")));
  }

  @Test
  void shouldRejectDuplicateColumnNamesWhenCreated() {
    assertThatThrownBy(
            () -> TableSchema.of(TableColumn.of("id", "int"), TableColumn.of("id", "string")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'id' twice");
  }

  @Test
  void shouldRejectBlankNameOrTypeWhenColumnCreated() {
    assertThatThrownBy(() -> TableColumn.of(" ", "int"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column name");
    assertThatThrownBy(() -> TableColumn.of("id", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Table column 'id' needs a non-blank type");
    assertThatThrownBy(() -> new TableSchema(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
