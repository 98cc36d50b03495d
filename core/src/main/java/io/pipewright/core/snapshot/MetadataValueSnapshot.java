package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A typed metadata value, one kind per kind of the sdk's {@code MetadataValue} (Dagster's metadata
 * entry types). Only {@link Json} and the cells of {@link Table} hold free-form user data.
 */
public sealed interface MetadataValueSnapshot
    permits MetadataValueSnapshot.Text,
        MetadataValueSnapshot.Markdown,
        MetadataValueSnapshot.Url,
        MetadataValueSnapshot.Path,
        MetadataValueSnapshot.Json,
        MetadataValueSnapshot.Int,
        MetadataValueSnapshot.Float,
        MetadataValueSnapshot.Bool,
        MetadataValueSnapshot.Timestamp,
        MetadataValueSnapshot.Table,
        MetadataValueSnapshot.TableSchema,
        MetadataValueSnapshot.AssetKey,
        MetadataValueSnapshot.RunId,
        MetadataValueSnapshot.Null {

  /**
   * Plain text.
   *
   * @param text the text; not null
   */
  record Text(String text) implements MetadataValueSnapshot {
    /** Validates the value. */
    public Text {
      Checks.require(text, "MetadataValueSnapshot.Text", "text");
    }
  }

  /**
   * Markdown source.
   *
   * @param markdown the source; not null
   */
  record Markdown(String markdown) implements MetadataValueSnapshot {
    /** Validates the value. */
    public Markdown {
      Checks.require(markdown, "MetadataValueSnapshot.Markdown", "markdown");
    }
  }

  /**
   * A URL.
   *
   * @param url the URL; not null
   */
  record Url(String url) implements MetadataValueSnapshot {
    /** Validates the value. */
    public Url {
      Checks.require(url, "MetadataValueSnapshot.Url", "url");
    }
  }

  /**
   * A file-system path.
   *
   * @param path the path; not null
   */
  record Path(String path) implements MetadataValueSnapshot {
    /** Validates the value. */
    public Path {
      Checks.require(path, "MetadataValueSnapshot.Path", "path");
    }
  }

  /**
   * A JSON tree, in {@link UserJson} canonical form.
   *
   * @param data the tree; may be a single leaf, including null
   */
  record Json(Object data) implements MetadataValueSnapshot {
    /** Replaces the tree by its canonical copy. */
    public Json {
      data = UserJson.canonical(data, "JSON metadata");
    }
  }

  /**
   * An integer.
   *
   * @param value the integer
   */
  record Int(long value) implements MetadataValueSnapshot {}

  /**
   * A floating-point number; NaN and infinities are allowed.
   *
   * @param value the number
   */
  record Float(double value) implements MetadataValueSnapshot {}

  /**
   * A boolean.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements MetadataValueSnapshot {}

  /**
   * An instant.
   *
   * @param value the instant; not null
   */
  record Timestamp(Instant value) implements MetadataValueSnapshot {
    /** Validates the value. */
    public Timestamp {
      Checks.require(value, "MetadataValueSnapshot.Timestamp", "value");
    }
  }

  /**
   * A few rows of scalar cells, with an optional schema.
   *
   * @param records the rows, each a map from column name to a canonical JSON scalar (string,
   *     boolean, number or null); column order is kept
   * @param schema the columns; may be null
   */
  record Table(List<Map<String, Object>> records, TableSchemaSnapshot schema)
      implements MetadataValueSnapshot {
    /** Validates the rows and copies them in canonical form. */
    @SuppressWarnings("unchecked")
    public Table {
      List<Map<String, Object>> rows =
          Checks.list(records, "MetadataValueSnapshot.Table", "records");
      List<Map<String, Object>> copy = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row =
            (Map<String, Object>) UserJson.canonical(rows.get(i), "table metadata record " + i);
        for (Map.Entry<String, Object> cell : row.entrySet()) {
          if (cell.getValue() instanceof Map<?, ?> || cell.getValue() instanceof List<?>) {
            throw new IllegalArgumentException(
                "Table metadata record "
                    + i
                    + ", column '"
                    + cell.getKey()
                    + "' holds a "
                    + (cell.getValue() instanceof Map<?, ?> ? "map" : "list")
                    + "; table cells hold only strings, numbers, booleans or null");
          }
        }
        copy.add(row);
      }
      records = Collections.unmodifiableList(copy);
    }
  }

  /**
   * The columns of a table, without rows.
   *
   * @param schema the columns; not null
   */
  record TableSchema(TableSchemaSnapshot schema) implements MetadataValueSnapshot {
    /** Validates the value. */
    public TableSchema {
      Checks.require(schema, "MetadataValueSnapshot.TableSchema", "schema");
    }
  }

  /**
   * A pointer to an asset.
   *
   * @param key the asset's key; not null
   */
  record AssetKey(AssetKeySnapshot key) implements MetadataValueSnapshot {
    /** Validates the value. */
    public AssetKey {
      Checks.require(key, "MetadataValueSnapshot.AssetKey", "key");
    }
  }

  /**
   * A pointer to a run.
   *
   * @param runId the run's id; non-blank
   */
  record RunId(String runId) implements MetadataValueSnapshot {
    /** Validates the value. */
    public RunId {
      Checks.requireNonBlank(runId, "MetadataValueSnapshot.RunId", "runId");
    }
  }

  /** The explicit absence of a value. */
  record Null() implements MetadataValueSnapshot {}
}
