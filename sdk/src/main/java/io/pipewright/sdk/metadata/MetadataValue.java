package io.pipewright.sdk.metadata;

import io.pipewright.sdk.AssetKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One typed metadata value. The kinds are Dagster's metadata kinds; create them with the static
 * factories ({@link #text(String)}, {@link #intValue(long)}, ...) or let {@link #of(Object)} pick
 * the kind of a plain Java value.
 *
 * <p>All implementations are immutable records; two values are equal when they have the same kind
 * and content.
 */
public sealed interface MetadataValue
    permits TextValue,
        MarkdownValue,
        UrlValue,
        PathValue,
        JsonValue,
        IntValue,
        FloatValue,
        BoolValue,
        TimestampValue,
        TableValue,
        TableSchemaValue,
        AssetKeyValue,
        RunIdValue,
        NullValue {

  /** How many characters {@link #display()} renders at most for long values. */
  int DISPLAY_MAX_CHARS = 120;

  /**
   * Returns the name of the matching Dagster GraphQL type, e.g. {@code "IntMetadataEntry"}, which
   * the GraphQL API reports as the entry's {@code __typename}.
   *
   * @return the Dagster GraphQL type name
   */
  String dagsterTypeName();

  /**
   * Returns a short, single-line, human-readable rendering of the value for logs; long values
   * (JSON, tables, long text) are abbreviated to about {@value #DISPLAY_MAX_CHARS} characters.
   *
   * @return the rendering
   */
  String display();

  /**
   * Creates a plain-text value.
   *
   * @param text the text; not null
   * @return the value
   */
  static TextValue text(String text) {
    return new TextValue(text);
  }

  /**
   * Creates a Markdown value, rendered as Markdown by user interfaces.
   *
   * @param markdown the Markdown source; not null
   * @return the value
   */
  static MarkdownValue markdown(String markdown) {
    return new MarkdownValue(markdown);
  }

  /**
   * Creates a URL value, rendered as a link by user interfaces.
   *
   * @param url the URL; not null
   * @return the value
   */
  static UrlValue url(String url) {
    return new UrlValue(url);
  }

  /**
   * Creates a file-system path value.
   *
   * @param path the path; not null
   * @return the value
   */
  static PathValue path(String path) {
    return new PathValue(path);
  }

  /**
   * Creates a JSON value from a plain Java tree of maps with string keys, lists, strings, numbers,
   * booleans and nulls. The tree is copied into an immutable one.
   *
   * @param data the JSON tree
   * @return the value
   * @throws IllegalArgumentException if the tree holds anything else, naming where
   */
  static JsonValue json(Object data) {
    return new JsonValue(data);
  }

  /**
   * Creates an integer value.
   *
   * @param value the integer
   * @return the value
   */
  static IntValue intValue(long value) {
    return new IntValue(value);
  }

  /**
   * Creates a floating-point value.
   *
   * @param value the number; NaN and infinities are allowed
   * @return the value
   */
  static FloatValue floatValue(double value) {
    return new FloatValue(value);
  }

  /**
   * Creates a boolean value.
   *
   * @param value the boolean
   * @return the value
   */
  static BoolValue bool(boolean value) {
    return BoolValue.of(value);
  }

  /**
   * Creates a timestamp value.
   *
   * @param value the instant; not null
   * @return the value
   */
  static TimestampValue timestamp(Instant value) {
    return new TimestampValue(value);
  }

  /**
   * Creates a table value: rows of scalar cells, with an optional schema.
   *
   * @param records the rows, each a map from column name to a string, number, boolean or null
   * @param schema the columns, or null to describe none
   * @return the value
   */
  static TableValue table(List<Map<String, Object>> records, TableSchema schema) {
    return new TableValue(records, schema);
  }

  /**
   * Creates a table-schema value, describing the columns of a table without its rows.
   *
   * @param schema the schema; not null
   * @return the value
   */
  static TableSchemaValue tableSchema(TableSchema schema) {
    return new TableSchemaValue(schema);
  }

  /**
   * Creates a value pointing at an asset.
   *
   * @param assetKey the asset's key; not null
   * @return the value
   */
  static AssetKeyValue assetKey(AssetKey assetKey) {
    return new AssetKeyValue(assetKey);
  }

  /**
   * Creates a value pointing at a run.
   *
   * @param runId the run's id; not blank
   * @return the value
   */
  static RunIdValue runId(String runId) {
    return new RunIdValue(runId);
  }

  /**
   * Returns the null value, the explicit absence of a value.
   *
   * @return the shared null value
   */
  static NullValue nullValue() {
    return NullValue.INSTANCE;
  }

  /**
   * Wraps a plain Java value in the matching kind of metadata value.
   *
   * <ul>
   *   <li>a {@code MetadataValue} is returned as it is, and {@code null} becomes {@link NullValue};
   *   <li>{@code String} becomes text, {@code Boolean} a boolean, {@code Instant} a timestamp;
   *   <li>{@code Integer}, {@code Long}, {@code Short}, {@code Byte} and {@code BigInteger} become
   *       integers ({@code BigInteger} must fit in a {@code long});
   *   <li>{@code Double}, {@code Float} and {@code BigDecimal} become floating-point numbers;
   *   <li>{@code AssetKey}, {@code TableSchema}, {@code java.nio.file.Path} and {@code
   *       java.net.URI} become asset, table-schema, path and URL values;
   *   <li>{@code Map} and {@code List} become JSON values.
   * </ul>
   *
   * @param value the value, may be null
   * @return the wrapped value
   * @throws IllegalArgumentException for any other kind of value, naming its class and the accepted
   *     kinds
   */
  static MetadataValue of(Object value) {
    if (value == null) {
      return NullValue.INSTANCE;
    }
    if (value instanceof MetadataValue metadataValue) {
      return metadataValue;
    }
    if (value instanceof String s) {
      return new TextValue(s);
    }
    if (value instanceof Integer || value instanceof Long) {
      return new IntValue(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return new FloatValue(((Number) value).doubleValue());
    }
    if (value instanceof Boolean b) {
      return BoolValue.of(b);
    }
    if (value instanceof Short || value instanceof Byte) {
      return new IntValue(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() >= Long.SIZE) {
        throw new IllegalArgumentException(
            "BigInteger "
                + big
                + " does not fit in an integer metadata value (a long); wrap it explicitly, e.g."
                + " MetadataValue.text(value.toString()) or"
                + " MetadataValue.floatValue(value.doubleValue())");
      }
      return new IntValue(big.longValue());
    }
    if (value instanceof BigDecimal decimal) {
      return new FloatValue(decimal.doubleValue());
    }
    if (value instanceof Instant instant) {
      return new TimestampValue(instant);
    }
    if (value instanceof AssetKey key) {
      return new AssetKeyValue(key);
    }
    if (value instanceof TableSchema schema) {
      return new TableSchemaValue(schema);
    }
    if (value instanceof Path path) {
      return new PathValue(path.toString());
    }
    if (value instanceof URI uri) {
      return new UrlValue(uri.toString());
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return new JsonValue(value);
    }
    throw new IllegalArgumentException(
        "Cannot use a value of class "
            + value.getClass().getName()
            + " as metadata. Accepted: MetadataValue, null, String, Integer, Long, Short, Byte,"
            + " BigInteger, Double, Float, BigDecimal, Boolean, Instant, AssetKey, TableSchema,"
            + " java.nio.file.Path, java.net.URI, Map and List (as JSON). Wrap other values"
            + " explicitly, e.g. MetadataValue.text(value.toString())");
  }
}
