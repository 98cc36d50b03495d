package io.pipewright.sdk.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataValueTest {

  private static final TableSchema SCHEMA =
      TableSchema.of(TableColumn.of("id", "int"), new TableColumn("name", "string", "who"));

  @Test
  void shouldNameDagsterGraphqlTypeWhenAskedForEachKind() {
    Map<MetadataValue, String> expected = new LinkedHashMap<>();
    expected.put(MetadataValue.text("t"), "TextMetadataEntry");
    expected.put(MetadataValue.markdown("# m"), "MarkdownMetadataEntry");
    expected.put(MetadataValue.url("https://x"), "UrlMetadataEntry");
    expected.put(MetadataValue.path("/tmp/x"), "PathMetadataEntry");
    expected.put(MetadataValue.json(Map.of("a", 1)), "JsonMetadataEntry");
    expected.put(MetadataValue.intValue(1), "IntMetadataEntry");
    expected.put(MetadataValue.floatValue(1.5), "FloatMetadataEntry");
    expected.put(MetadataValue.bool(true), "BoolMetadataEntry");
    expected.put(MetadataValue.timestamp(Instant.EPOCH), "TimestampMetadataEntry");
    expected.put(MetadataValue.table(List.of(), SCHEMA), "TableMetadataEntry");
    expected.put(MetadataValue.tableSchema(SCHEMA), "TableSchemaMetadataEntry");
    expected.put(MetadataValue.assetKey(AssetKey.of("a")), "AssetMetadataEntry");
    expected.put(MetadataValue.runId("run-1"), "PipelineRunMetadataEntry");
    expected.put(MetadataValue.nullValue(), "NullMetadataEntry");

    expected.forEach((value, name) -> assertThat(value.dagsterTypeName()).isEqualTo(name));
    assertThat(expected).hasSize(14);
  }

  @Test
  void shouldWrapPlainJavaValuesWhenOf() {
    assertThat(MetadataValue.of(null)).isSameAs(NullValue.INSTANCE);
    assertThat(MetadataValue.of("x")).isEqualTo(new TextValue("x"));
    assertThat(MetadataValue.of(7)).isEqualTo(new IntValue(7));
    assertThat(MetadataValue.of(7L)).isEqualTo(new IntValue(7));
    assertThat(MetadataValue.of((short) 7)).isEqualTo(new IntValue(7));
    assertThat(MetadataValue.of((byte) 7)).isEqualTo(new IntValue(7));
    assertThat(MetadataValue.of(BigInteger.valueOf(Long.MAX_VALUE)))
        .isEqualTo(new IntValue(Long.MAX_VALUE));
    assertThat(MetadataValue.of(BigInteger.valueOf(Long.MIN_VALUE)))
        .isEqualTo(new IntValue(Long.MIN_VALUE));
    assertThat(MetadataValue.of(2.5)).isEqualTo(new FloatValue(2.5));
    assertThat(MetadataValue.of(2.5f)).isEqualTo(new FloatValue(2.5));
    assertThat(MetadataValue.of(new BigDecimal("2.25"))).isEqualTo(new FloatValue(2.25));
    assertThat(MetadataValue.of(true)).isEqualTo(new BoolValue(true));
    assertThat(MetadataValue.of(Instant.EPOCH)).isEqualTo(new TimestampValue(Instant.EPOCH));
    assertThat(MetadataValue.of(AssetKey.of("a", "b")))
        .isEqualTo(new AssetKeyValue(AssetKey.of("a", "b")));
    assertThat(MetadataValue.of(SCHEMA)).isEqualTo(new TableSchemaValue(SCHEMA));
    assertThat(MetadataValue.of(Path.of("/tmp", "x"))).isEqualTo(new PathValue("/tmp/x"));
    assertThat(MetadataValue.of(URI.create("https://example.com/a")))
        .isEqualTo(new UrlValue("https://example.com/a"));
    assertThat(MetadataValue.of(Map.of("a", 1))).isEqualTo(new JsonValue(Map.of("a", 1)));
    assertThat(MetadataValue.of(List.of(1, 2))).isEqualTo(new JsonValue(List.of(1, 2)));
  }

  @Test
  void shouldReturnSameInstanceWhenOfGetsMetadataValue() {
    MetadataValue value = MetadataValue.markdown("# hi");

    assertThat(MetadataValue.of(value)).isSameAs(value);
  }

  @Test
  void shouldNameClassAndAcceptedKindsWhenOfGetsUnsupportedValue() {
    assertThatThrownBy(() -> MetadataValue.of(new Date()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util.Date")
        .hasMessageContaining("Accepted:")
        .hasMessageContaining("String")
        .hasMessageContaining("Instant")
        .hasMessageContaining("MetadataValue.text(");
  }

  @Test
  void shouldRejectBigIntegerWhenItDoesNotFitLong() {
    BigInteger huge = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);

    assertThatThrownBy(() -> MetadataValue.of(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(huge.toString())
        .hasMessageContaining("does not fit");
  }

  @Test
  void shouldReturnSharedInstancesWhenBoolOrNull() {
    assertThat(MetadataValue.bool(true)).isSameAs(MetadataValue.bool(true));
    assertThat(MetadataValue.bool(false)).isSameAs(BoolValue.of(false));
    assertThat(MetadataValue.nullValue()).isSameAs(NullValue.INSTANCE);
    assertThat(new NullValue()).isEqualTo(NullValue.INSTANCE);
  }

  @Test
  void shouldRejectNullContentWhenStringKindsCreated() {
    assertThatThrownBy(() -> MetadataValue.text(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nullValue()");
    assertThatThrownBy(() -> MetadataValue.markdown(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.url(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.path(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.timestamp(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.assetKey(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.tableSchema(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetadataValue.runId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank run id");
  }

  @Test
  void shouldDeepCopyJsonWhenCallerMutatesTree() {
    List<Object> inner = new ArrayList<>(List.of(1, 2));
    Map<String, Object> tree = new HashMap<>();
    tree.put("list", inner);
    JsonValue value = MetadataValue.json(tree);

    inner.add(3);
    tree.put("other", "x");

    assertThat(value.data()).isEqualTo(Map.of("list", List.of(1, 2)));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) value.data();
    assertThatThrownBy(() -> data.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldKeepNullsWhenJsonHoldsThem() {
    List<Object> list = new ArrayList<>();
    list.add(null);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", null);

    assertThat(MetadataValue.json(list).data()).isEqualTo(list);
    assertThat(MetadataValue.json(map).data()).isEqualTo(map);
    assertThat(MetadataValue.json(null).data()).isNull();
  }

  @Test
  void shouldNamePathWhenJsonHoldsUnsupportedElement() {
    Map<String, Object> tree = Map.of("rows", List.of(1, new Date()));

    assertThatThrownBy(() -> MetadataValue.json(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.rows[1]")
        .hasMessageContaining("java.util.Date");
  }

  @Test
  void shouldRejectNonStringKeysAndSetsWhenJson() {
    assertThatThrownBy(() -> MetadataValue.json(Map.of(1, "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be Strings");
    assertThatThrownBy(() -> MetadataValue.json(Map.of("s", Set.of(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("List.copyOf");
    assertThatThrownBy(() -> MetadataValue.json(List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void shouldFailClearlyWhenJsonContainsItself() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);

    assertThatThrownBy(() -> MetadataValue.json(loop))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contain itself");
  }

  @Test
  void shouldRenderShortDisplaysWhenAsked() {
    assertThat(MetadataValue.text("line1\nline2").display()).isEqualTo("line1\\nline2");
    assertThat(MetadataValue.markdown("# Title\nbody").display()).isEqualTo("# Title...");
    assertThat(MetadataValue.intValue(42).display()).isEqualTo("42");
    assertThat(MetadataValue.floatValue(0.25).display()).isEqualTo("0.25");
    assertThat(MetadataValue.bool(false).display()).isEqualTo("false");
    assertThat(MetadataValue.timestamp(Instant.parse("2024-05-01T12:00:00Z")).display())
        .isEqualTo("2024-05-01T12:00:00Z");
    assertThat(MetadataValue.assetKey(AssetKey.of("a", "b")).display()).isEqualTo("a/b");
    assertThat(MetadataValue.runId("r1").display()).isEqualTo("r1");
    assertThat(MetadataValue.nullValue().display()).isEqualTo("null");
    assertThat(MetadataValue.tableSchema(SCHEMA).display())
        .isEqualTo("TableSchema(id: int, name: string)");
    assertThat(MetadataValue.json(Map.of("a", List.of(1, "x\"y"))).display())
        .isEqualTo("{\"a\":[1,\"x\\\"y\"]}");
  }

  @Test
  void shouldTruncateDisplayWhenJsonIsHuge() {
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(i);
    }

    String display = MetadataValue.json(many).display();

    assertThat(display).hasSizeLessThanOrEqualTo(MetadataValue.DISPLAY_MAX_CHARS).endsWith("...");
    assertThat(display).startsWith("[0,1,2,");
  }

  @Test
  void shouldDescribeRowsAndColumnsWhenTableDisplayed() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", 1);
    row.put("name", "ann");

    assertThat(MetadataValue.table(List.of(row, row, row), SCHEMA).display())
        .isEqualTo("Table(3 rows; columns: id, name)");
    assertThat(MetadataValue.table(List.of(row), null).display())
        .isEqualTo("Table(1 row; columns: id, name)");
    assertThat(MetadataValue.table(List.of(), null).display()).isEqualTo("Table(0 rows)");
  }

  @Test
  void shouldRejectNonScalarCellsWhenTableCreated() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", 1);
    row.put("tags", List.of("a"));

    assertThatThrownBy(() -> MetadataValue.table(List.of(row), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Record 0, column 'tags'")
        .hasMessageContaining("java.util.");
    assertThatThrownBy(() -> MetadataValue.table(null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCopyRowsWhenCallerMutatesTable() {
    Map<String, Object> row = new HashMap<>();
    row.put("id", 1);
    List<Map<String, Object>> rows = new ArrayList<>(List.of(row));
    TableValue table = MetadataValue.table(rows, null);

    row.put("id", 2);
    rows.add(row);

    assertThat(table.records()).containsExactly(Map.of("id", 1));
    assertThatThrownBy(() -> table.records().get(0).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldCompareByKindAndContentWhenEquals() {
    assertThat(MetadataValue.text("a")).isEqualTo(MetadataValue.text("a"));
    assertThat((MetadataValue) MetadataValue.text("a")).isNotEqualTo(MetadataValue.markdown("a"));
    assertThat((MetadataValue) MetadataValue.intValue(1)).isNotEqualTo(MetadataValue.floatValue(1));
    assertThat(MetadataValue.floatValue(Double.NaN))
        .isEqualTo(MetadataValue.floatValue(Double.NaN));
  }

  @Test
  void shouldReportEpochSecondsWhenTimestamp() {
    assertThat(MetadataValue.timestamp(Instant.ofEpochSecond(10, 500_000_000)).epochSeconds())
        .isEqualTo(10.5);
  }
}
