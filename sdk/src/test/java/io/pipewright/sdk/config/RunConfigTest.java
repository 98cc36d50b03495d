package io.pipewright.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunConfigTest {

  record Extract(int limit, List<String> tables) {}

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void shouldPlaceConfigAtDagsterPathsWhenBuilt() {
    RunConfig config =
        RunConfig.builder()
            .opConfig("extract", new Extract(10, List.of("users")))
            .opConfig("etl.clean", tree("strict", true))
            .opConfig("etl.load", tree("table", "t"))
            .resourceConfig("db", tree("password", tree("env", "DB_PASSWORD")))
            .executionConfig(tree("maxConcurrent", 4))
            .build();

    assertThat(config.asMap())
        .isEqualTo(
            tree(
                "ops",
                tree(
                    "extract", tree("config", tree("limit", 10, "tables", List.of("users"))),
                    "etl",
                        tree(
                            "ops",
                            tree(
                                "clean", tree("config", tree("strict", true)),
                                "load", tree("config", tree("table", "t"))))),
                "resources",
                tree("db", tree("config", tree("password", tree("env", "DB_PASSWORD")))),
                "execution",
                tree("config", tree("maxConcurrent", 4))));
    assertThat(config.opConfig("extract")).isEqualTo(tree("limit", 10, "tables", List.of("users")));
    assertThat(config.opConfig("etl.clean")).isEqualTo(tree("strict", true));
    assertThat(config.resourceConfig("db")).isEqualTo(tree("password", tree("env", "DB_PASSWORD")));
    assertThat(config.executionConfig()).isEqualTo(tree("maxConcurrent", 4));
  }

  @Test
  void shouldReturnNullWhenConfigIsAbsent() {
    RunConfig config = RunConfig.builder().opConfig("etl.clean", tree()).build();

    assertThat(config.opConfig("extract")).isNull();
    assertThat(config.opConfig("etl")).isNull();
    assertThat(config.opConfig("etl.clean.deeper")).isNull();
    assertThat(config.resourceConfig("db")).isNull();
    assertThat(config.executionConfig()).isNull();
    assertThat(RunConfig.empty().opConfig("x")).isNull();
    assertThat(RunConfig.empty().asMap()).isEmpty();
  }

  @Test
  void shouldReplaceEarlierConfigWhenSameOpIsSetTwice() {
    RunConfig config =
        RunConfig.builder().opConfig("a", tree("x", 1)).opConfig("a", tree("y", 2)).build();

    assertThat(config.opConfig("a")).isEqualTo(tree("y", 2));
  }

  @Test
  void shouldRejectBadOpPathsAndNullConfigWhenBuilding() {
    assertThatThrownBy(() -> RunConfig.builder().opConfig("etl..clean", tree()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'etl..clean' has an empty part");
    assertThatThrownBy(() -> RunConfig.builder().opConfig("extract", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ops.extract: config must not be null");
    assertThatThrownBy(() -> RunConfig.builder().resourceConfig(" ", tree()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldDeepCopyIntoUnmodifiableTreeWhenCreated() {
    List<Object> tables = new ArrayList<>(List.of("a"));
    Map<String, Object> source = tree("ops", tree("x", tree("config", tree("tables", tables))));

    RunConfig config = RunConfig.of(source);
    tables.add("b");
    source.put("resources", tree());

    assertThat(config.opConfig("x")).isEqualTo(tree("tables", List.of("a")));
    assertThat(config.asMap()).containsOnlyKeys("ops");
    assertThatThrownBy(() -> config.asMap().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    Map<?, ?> opConfig = (Map<?, ?>) config.opConfig("x");
    assertThatThrownBy(() -> ((List<?>) opConfig.get("tables")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldNotChangeBuiltConfigWhenBuilderIsReused() {
    RunConfig.Builder builder = RunConfig.builder().opConfig("a", tree("x", 1));
    RunConfig first = builder.build();

    builder.opConfig("b", tree("y", 2));

    assertThat(first.opConfig("b")).isNull();
    assertThat(builder.build().opConfig("b")).isEqualTo(tree("y", 2));
  }

  @Test
  void shouldMergeMapsDeeplyAndLetOverrideWinWhenMerged() {
    RunConfig base =
        RunConfig.builder()
            .opConfig(
                "extract",
                tree("limit", 10, "tables", List.of("a", "b"), "nested", tree("k", 1, "j", 2)))
            .resourceConfig("db", tree("host", "h"))
            .build();
    RunConfig override =
        RunConfig.builder()
            .opConfig("extract", tree("limit", 20, "tables", List.of("c"), "nested", tree("k", 3)))
            .opConfig("load", tree("table", "t"))
            .build();

    RunConfig merged = base.merge(override);

    assertThat(merged.opConfig("extract"))
        .isEqualTo(tree("limit", 20, "tables", List.of("c"), "nested", tree("k", 3, "j", 2)));
    assertThat(merged.opConfig("load")).isEqualTo(tree("table", "t"));
    assertThat(merged.resourceConfig("db")).isEqualTo(tree("host", "h"));
    assertThat(base.opConfig("extract"))
        .isEqualTo(tree("limit", 10, "tables", List.of("a", "b"), "nested", tree("k", 1, "j", 2)));
    assertThat(RunConfig.empty().merge(base)).isEqualTo(base);
  }

  @Test
  void shouldRoundTripThroughJsonWhenSerialized() {
    RunConfig config =
        RunConfig.builder()
            .opConfig("extract", new Extract(10, List.of("users")))
            .resourceConfig(
                "db", tree("password", tree("env", "DB_PASSWORD"), "ratio", 0.5, "x", null))
            .build();

    String json = config.toJson();

    assertThat(json)
        .isEqualTo(
            "{\"ops\":{\"extract\":{\"config\":{\"limit\":10,\"tables\":[\"users\"]}}},"
                + "\"resources\":{\"db\":{\"config\":{\"password\":{\"env\":\"DB_PASSWORD\"},"
                + "\"ratio\":0.5,\"x\":null}}}}");
    assertThat(RunConfig.fromJson(json)).isEqualTo(config);
    assertThat(RunConfig.fromJson(json).hashCode()).isEqualTo(config.hashCode());
    assertThat(config.toString()).isEqualTo(json);
  }

  @Test
  void shouldRejectJsonWhenItIsMalformedOrNotAnObject() {
    assertThatThrownBy(() -> RunConfig.fromJson("{\"ops\": }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed JSON at line 1, column 9");
    assertThatThrownBy(() -> RunConfig.fromJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Run config must be a JSON object such as {\"ops\": {...}}, got [1]");
  }

  @Test
  void shouldRejectTreeWhenAKeyIsNotAString() {
    Map<Object, Object> bad = new LinkedHashMap<>();
    bad.put(1, "x");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object> tree = (Map) tree("ops", tree("a", tree("config", bad)));

    assertThatThrownBy(() -> RunConfig.of(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ops.a.config: map keys must be strings, got 1");
  }

  @Test
  void shouldDifferWhenTreesDiffer() {
    assertThat(RunConfig.builder().opConfig("a", tree("x", 1)).build())
        .isNotEqualTo(RunConfig.builder().opConfig("a", tree("x", 2)).build())
        .isNotEqualTo(RunConfig.empty());
  }
}
