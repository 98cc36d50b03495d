package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata entries as Dagster's typed {@code MetadataEntry} objects, and asset keys. Tables and
 * table schemas are shown as {@code JsonMetadataEntry} (their typed forms are not implemented).
 */
public final class MetadataViews {

  private MetadataViews() {}

  /**
   * Returns metadata entries as objects.
   *
   * @param entries the entries
   * @return the objects, in order
   */
  public static List<GqlObject> entries(List<MetadataEntrySnapshot> entries) {
    List<GqlObject> objects = new ArrayList<>(entries.size());
    for (MetadataEntrySnapshot entry : entries) {
      objects.add(entry(entry));
    }
    return objects;
  }

  /**
   * Returns an asset key as an {@code AssetKey} object.
   *
   * @param key the key; may be null
   * @return the object, or null
   */
  public static GqlObject assetKey(AssetKeySnapshot key) {
    return key == null ? null : GqlObject.of("AssetKey").put("path", key.path());
  }

  /**
   * Returns asset keys as objects.
   *
   * @param keys the keys
   * @return the objects
   */
  public static List<GqlObject> assetKeys(List<AssetKeySnapshot> keys) {
    List<GqlObject> objects = new ArrayList<>(keys.size());
    keys.forEach(key -> objects.add(assetKey(key)));
    return objects;
  }

  private static GqlObject entry(MetadataEntrySnapshot entry) {
    MetadataValueSnapshot value = entry.value();
    GqlObject object;
    if (value instanceof MetadataValueSnapshot.Text text) {
      object = GqlObject.of("TextMetadataEntry").put("text", text.text());
    } else if (value instanceof MetadataValueSnapshot.Markdown markdown) {
      object = GqlObject.of("MarkdownMetadataEntry").put("mdStr", markdown.markdown());
    } else if (value instanceof MetadataValueSnapshot.Url url) {
      object = GqlObject.of("UrlMetadataEntry").put("url", url.url());
    } else if (value instanceof MetadataValueSnapshot.Path path) {
      object = GqlObject.of("PathMetadataEntry").put("path", path.path());
    } else if (value instanceof MetadataValueSnapshot.Json json) {
      object = GqlObject.of("JsonMetadataEntry").put("jsonString", Json.write(json.data()));
    } else if (value instanceof MetadataValueSnapshot.Int integer) {
      long v = integer.value();
      object =
          GqlObject.of("IntMetadataEntry")
              // GraphQL's Int has 32 bits: larger values only in intRepr, as Dagster does.
              .put("intValue", v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (int) v : null)
              .put("intRepr", Long.toString(v));
    } else if (value instanceof MetadataValueSnapshot.Float number) {
      double v = number.value();
      object =
          GqlObject.of("FloatMetadataEntry")
              .put("floatValue", Double.isFinite(v) ? v : null)
              .put("floatRepr", Double.toString(v));
    } else if (value instanceof MetadataValueSnapshot.Bool bool) {
      object = GqlObject.of("BoolMetadataEntry").put("boolValue", bool.value());
    } else if (value instanceof MetadataValueSnapshot.Timestamp timestamp) {
      object =
          GqlObject.of("TimestampMetadataEntry").put("timestamp", Times.seconds(timestamp.value()));
    } else if (value instanceof MetadataValueSnapshot.RunId runId) {
      object = GqlObject.of("PipelineRunMetadataEntry").put("runId", runId.runId());
    } else if (value instanceof MetadataValueSnapshot.AssetKey key) {
      object = GqlObject.of("AssetMetadataEntry").put("assetKey", assetKey(key.key()));
    } else if (value instanceof MetadataValueSnapshot.Table table) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("records", table.records());
      object = GqlObject.of("JsonMetadataEntry").put("jsonString", Json.write(json));
    } else if (value instanceof MetadataValueSnapshot.TableSchema) {
      object = GqlObject.of("JsonMetadataEntry").put("jsonString", "{}");
    } else {
      object = GqlObject.of("NullMetadataEntry");
    }
    return object.put("label", entry.key()).put("description", null);
  }
}
