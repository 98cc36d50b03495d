package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.core.snapshot.TableColumnSnapshot;
import io.pipewright.core.snapshot.TableSchemaSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.AssetKeyValue;
import io.pipewright.sdk.metadata.BoolValue;
import io.pipewright.sdk.metadata.FloatValue;
import io.pipewright.sdk.metadata.IntValue;
import io.pipewright.sdk.metadata.JsonValue;
import io.pipewright.sdk.metadata.MarkdownValue;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.metadata.PathValue;
import io.pipewright.sdk.metadata.RunIdValue;
import io.pipewright.sdk.metadata.TableColumn;
import io.pipewright.sdk.metadata.TableSchema;
import io.pipewright.sdk.metadata.TableSchemaValue;
import io.pipewright.sdk.metadata.TableValue;
import io.pipewright.sdk.metadata.TextValue;
import io.pipewright.sdk.metadata.TimestampValue;
import io.pipewright.sdk.metadata.UrlValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates the sdk's metadata and asset keys into core's records. */
public final class MetadataSnapshots {

  private MetadataSnapshots() {}

  /**
   * Translates an asset key.
   *
   * @param key the key, or {@code null}
   * @return the record, or {@code null}
   */
  public static AssetKeySnapshot key(AssetKey key) {
    return key == null ? null : new AssetKeySnapshot(key.path());
  }

  /**
   * Translates metadata, keeping its order.
   *
   * @param metadata the metadata, or {@code null}
   * @return the entries; empty for none
   */
  public static List<MetadataEntrySnapshot> entries(Metadata metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return List.of();
    }
    List<MetadataEntrySnapshot> out = new ArrayList<>(metadata.size());
    for (Map.Entry<String, MetadataValue> entry : metadata) {
      out.add(new MetadataEntrySnapshot(entry.getKey(), value(entry.getValue())));
    }
    return out;
  }

  static MetadataValueSnapshot value(MetadataValue value) {
    if (value instanceof TextValue v) {
      return new MetadataValueSnapshot.Text(v.text());
    }
    if (value instanceof MarkdownValue v) {
      return new MetadataValueSnapshot.Markdown(v.markdown());
    }
    if (value instanceof UrlValue v) {
      return new MetadataValueSnapshot.Url(v.url());
    }
    if (value instanceof PathValue v) {
      return new MetadataValueSnapshot.Path(v.path());
    }
    if (value instanceof JsonValue v) {
      return new MetadataValueSnapshot.Json(v.data());
    }
    if (value instanceof IntValue v) {
      return new MetadataValueSnapshot.Int(v.value());
    }
    if (value instanceof FloatValue v) {
      return new MetadataValueSnapshot.Float(v.value());
    }
    if (value instanceof BoolValue v) {
      return new MetadataValueSnapshot.Bool(v.value());
    }
    if (value instanceof TimestampValue v) {
      return new MetadataValueSnapshot.Timestamp(v.value());
    }
    if (value instanceof TableValue v) {
      return new MetadataValueSnapshot.Table(v.records(), tableSchema(v.schema()));
    }
    if (value instanceof TableSchemaValue v) {
      return new MetadataValueSnapshot.TableSchema(tableSchema(v.schema()));
    }
    if (value instanceof AssetKeyValue v) {
      return new MetadataValueSnapshot.AssetKey(key(v.assetKey()));
    }
    if (value instanceof RunIdValue v) {
      return new MetadataValueSnapshot.RunId(v.runId());
    }
    return new MetadataValueSnapshot.Null();
  }

  private static TableSchemaSnapshot tableSchema(TableSchema schema) {
    if (schema == null) {
      return null;
    }
    List<TableColumnSnapshot> columns = new ArrayList<>(schema.columns().size());
    for (TableColumn column : schema.columns()) {
      columns.add(new TableColumnSnapshot(column.name(), column.type(), column.description()));
    }
    return new TableSchemaSnapshot(columns);
  }
}
