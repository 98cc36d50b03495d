package io.pipewright.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigMapperTest {

  enum Mode {
    FULL,
    INCREMENTAL
  }

  record Table(String name, @ConfigDefault("\"FULL\"") Mode mode, Optional<String> where) {}

  record Extract(
      int limit,
      double ratio,
      List<Table> tables,
      Map<String, Integer> weights,
      Optional<Integer> maxRows) {}

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void shouldRoundTripRecordWhenConvertedToTreeAndBack() {
    Extract extract =
        new Extract(
            10,
            0.5,
            List.of(
                new Table("users", Mode.FULL, Optional.empty()),
                new Table("events", Mode.INCREMENTAL, Optional.of("day > 3"))),
            Map.of("a", 1),
            Optional.of(100));

    Object tree = ConfigMapper.toTree(extract);

    assertThat(tree)
        .isEqualTo(
            Map.of(
                "limit",
                10,
                "ratio",
                0.5,
                "tables",
                List.of(
                    tree("name", "users", "mode", "FULL", "where", null),
                    Map.of("name", "events", "mode", "INCREMENTAL", "where", "day > 3")),
                "weights",
                Map.of("a", 1),
                "maxRows",
                100));
    assertThat(ConfigMapper.convert(tree, Extract.class)).isEqualTo(extract);
    assertThat(ConfigSchema.fromClass(Extract.class))
        .satisfies(type -> assertThat(ConfigValidator.validate(type, tree, "")).isEmpty());
  }

  @Test
  void shouldConvertValidatedTreeWithDefaultsWhenFieldsAreAbsent() {
    ConfigType type = ConfigSchema.fromClass(Extract.class);
    Object raw =
        ConfigMapper.fromJson(
            "{\"limit\": 5.0, \"ratio\": 1, \"tables\": [{\"name\": \"t\"}], \"weights\": {}}");

    assertThat(ConfigValidator.validate(type, raw, "ops.extract.config")).isEmpty();
    Extract extract = ConfigMapper.convert(ConfigValidator.withDefaults(type, raw), Extract.class);

    assertThat(extract)
        .isEqualTo(
            new Extract(
                5,
                1.0,
                List.of(new Table("t", Mode.FULL, Optional.empty())),
                Map.of(),
                Optional.empty()));
  }

  @Test
  void shouldNameTargetAndLocationWhenConversionFails() {
    assertThatThrownBy(
            () ->
                ConfigMapper.convert(Map.of("tables", List.of(Map.of("mode", "X"))), Extract.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Cannot convert config to " + Extract.class.getName() + " at 'tables[0].mode': ");
  }

  @Test
  void shouldNameLineAndColumnWhenJsonIsMalformed() {
    assertThatThrownBy(() -> ConfigMapper.fromJson("{\n  \"limit\": 10,\n  \"url\" \"x\"\n}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed JSON at line 3, column 9: Unexpected character");
    assertThatThrownBy(() -> ConfigMapper.fromJson("{\"a\": 1} {\"b\": 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed JSON at line 1, column");
    assertThatThrownBy(() -> ConfigMapper.fromJson("{\"a\": 1, \"a\": 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void shouldWriteAndReadPlainTreesWhenJsonIsValid() {
    Object tree = ConfigMapper.fromJson("{\"a\": [1, 2.5, \"x\", true, null], \"b\": {}}");

    assertThat(tree)
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, "x", true, null), "b", Map.of()));
    assertThat(ConfigMapper.toJson(tree)).isEqualTo("{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}");
  }

  @Test
  void shouldRefuseClassNamesInJsonWhenConverting() {
    Object tree = ConfigMapper.fromJson("{\"@class\": \"java.lang.ProcessBuilder\"}");

    assertThat(ConfigMapper.convert(tree, Object.class)).isEqualTo(tree);
  }
}
