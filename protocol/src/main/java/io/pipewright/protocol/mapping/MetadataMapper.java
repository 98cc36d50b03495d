package io.pipewright.protocol.mapping;

import com.google.protobuf.NullValue;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.core.snapshot.TableColumnSnapshot;
import io.pipewright.core.snapshot.TableSchemaSnapshot;
import io.pipewright.protocol.v1.Json;
import io.pipewright.protocol.v1.MetadataEntry;
import io.pipewright.protocol.v1.MetadataValue;
import io.pipewright.protocol.v1.TableColumn;
import io.pipewright.protocol.v1.TableSchema;
import io.pipewright.protocol.v1.TableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps typed metadata: entries, values of every kind, table schemas. */
public final class MetadataMapper {

  private MetadataMapper() {}

  /**
   * Maps metadata entries to messages.
   *
   * @param entries the entries
   * @return the messages, in order
   */
  public static List<MetadataEntry> toProto(List<MetadataEntrySnapshot> entries) {
    List<MetadataEntry> out = new ArrayList<>(entries.size());
    for (MetadataEntrySnapshot entry : entries) {
      out.add(
          MetadataEntry.newBuilder().setKey(entry.key()).setValue(toProto(entry.value())).build());
    }
    return out;
  }

  /**
   * Maps metadata entry messages to records.
   *
   * @param entries the messages
   * @return the entries, in order
   */
  public static List<MetadataEntrySnapshot> toCore(List<MetadataEntry> entries) {
    List<MetadataEntrySnapshot> out = new ArrayList<>(entries.size());
    for (int i = 0, n = entries.size(); i < n; i++) {
      MetadataEntry entry = entries.get(i);
      Protos.require(entry.hasValue(), "MetadataEntry '" + entry.getKey() + "'", "value");
      out.add(new MetadataEntrySnapshot(entry.getKey(), toCore(entry.getValue())));
    }
    return out;
  }

  /**
   * Maps a metadata value to its message.
   *
   * @param value the value
   * @return the message
   */
  public static MetadataValue toProto(MetadataValueSnapshot value) {
    MetadataValue.Builder out = MetadataValue.newBuilder();
    if (value instanceof MetadataValueSnapshot.Text v) {
      out.setText(v.text());
    } else if (value instanceof MetadataValueSnapshot.Markdown v) {
      out.setMarkdown(v.markdown());
    } else if (value instanceof MetadataValueSnapshot.Url v) {
      out.setUrl(v.url());
    } else if (value instanceof MetadataValueSnapshot.Path v) {
      out.setPath(v.path());
    } else if (value instanceof MetadataValueSnapshot.Json v) {
      out.setJson(JsonMapper.toProto(v.data()));
    } else if (value instanceof MetadataValueSnapshot.Int v) {
      out.setIntValue(v.value());
    } else if (value instanceof MetadataValueSnapshot.Float v) {
      out.setFloatValue(v.value());
    } else if (value instanceof MetadataValueSnapshot.Bool v) {
      out.setBoolValue(v.value());
    } else if (value instanceof MetadataValueSnapshot.Timestamp v) {
      out.setTimestamp(Protos.timestamp(v.value()));
    } else if (value instanceof MetadataValueSnapshot.Table v) {
      TableValue.Builder table = TableValue.newBuilder();
      for (Map<String, Object> row : v.records()) {
        table.addRecords(JsonMapper.toProto(row));
      }
      if (v.schema() != null) {
        table.setSchema(toProto(v.schema()));
      }
      out.setTable(table);
    } else if (value instanceof MetadataValueSnapshot.TableSchema v) {
      out.setTableSchema(toProto(v.schema()));
    } else if (value instanceof MetadataValueSnapshot.AssetKey v) {
      out.setAssetKey(CommonMapper.toProto(v.key()));
    } else if (value instanceof MetadataValueSnapshot.RunId v) {
      out.setRunId(v.runId());
    } else {
      out.setNullValue(NullValue.NULL_VALUE);
    }
    return out.build();
  }

  /**
   * Maps a metadata value message to the record.
   *
   * @param value the message
   * @return the value
   */
  public static MetadataValueSnapshot toCore(MetadataValue value) {
    return switch (value.getKindCase()) {
      case TEXT -> new MetadataValueSnapshot.Text(value.getText());
      case MARKDOWN -> new MetadataValueSnapshot.Markdown(value.getMarkdown());
      case URL -> new MetadataValueSnapshot.Url(value.getUrl());
      case PATH -> new MetadataValueSnapshot.Path(value.getPath());
      case JSON -> new MetadataValueSnapshot.Json(JsonMapper.toCore(value.getJson()));
      case INT_VALUE -> new MetadataValueSnapshot.Int(value.getIntValue());
      case FLOAT_VALUE -> new MetadataValueSnapshot.Float(value.getFloatValue());
      case BOOL_VALUE -> new MetadataValueSnapshot.Bool(value.getBoolValue());
      case TIMESTAMP -> new MetadataValueSnapshot.Timestamp(Protos.instant(value.getTimestamp()));
      case TABLE -> table(value.getTable());
      case TABLE_SCHEMA -> new MetadataValueSnapshot.TableSchema(toCore(value.getTableSchema()));
      case ASSET_KEY ->
          new MetadataValueSnapshot.AssetKey(CommonMapper.toCore(value.getAssetKey()));
      case RUN_ID -> new MetadataValueSnapshot.RunId(value.getRunId());
      case NULL_VALUE -> new MetadataValueSnapshot.Null();
      case KIND_NOT_SET -> throw Protos.unset("MetadataValue", "kind");
    };
  }

  private static MetadataValueSnapshot table(TableValue table) {
    List<Map<String, Object>> rows = new ArrayList<>(table.getRecordsCount());
    for (Json record : table.getRecordsList()) {
      rows.add(JsonMapper.toCoreObject(record, "A table metadata record"));
    }
    return new MetadataValueSnapshot.Table(
        rows, table.hasSchema() ? toCore(table.getSchema()) : null);
  }

  /**
   * Maps a table schema to its message.
   *
   * @param schema the schema
   * @return the message
   */
  public static TableSchema toProto(TableSchemaSnapshot schema) {
    TableSchema.Builder out = TableSchema.newBuilder();
    for (TableColumnSnapshot column : schema.columns()) {
      TableColumn.Builder c =
          TableColumn.newBuilder().setName(column.name()).setType(column.type());
      if (column.description() != null) {
        c.setDescription(column.description());
      }
      out.addColumns(c);
    }
    return out.build();
  }

  /**
   * Maps a table schema message to the record.
   *
   * @param schema the message
   * @return the schema
   */
  public static TableSchemaSnapshot toCore(TableSchema schema) {
    List<TableColumnSnapshot> columns = new ArrayList<>(schema.getColumnsCount());
    for (TableColumn column : schema.getColumnsList()) {
      columns.add(
          new TableColumnSnapshot(
              column.getName(),
              column.getType(),
              column.hasDescription() ? column.getDescription() : null));
    }
    return new TableSchemaSnapshot(columns);
  }
}
