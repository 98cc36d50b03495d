package io.pipewright.sdk.config;

import static io.pipewright.sdk.config.ConfigType.array;
import static io.pipewright.sdk.config.ConfigType.intType;
import static io.pipewright.sdk.config.ConfigType.longType;
import static io.pipewright.sdk.config.ConfigType.map;
import static io.pipewright.sdk.config.ConfigType.noneable;
import static io.pipewright.sdk.config.ConfigType.shape;
import static io.pipewright.sdk.config.ConfigType.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

  private static final String PATH = "ops.extract.config";

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void shouldFillDefaultsRecursivelyWhenFieldsAreAbsent() {
    ConfigType type =
        shape(
            ConfigField.required("name", string()),
            ConfigField.withDefault("limit", intType(), 10),
            ConfigField.optional("url", string()),
            ConfigField.optional(
                "retry",
                shape(
                    ConfigField.withDefault("attempts", intType(), 3),
                    ConfigField.withDefault(
                        "backoff",
                        shape(ConfigField.withDefault("millis", longType(), 100L)),
                        Map.of()))),
            ConfigField.withDefault(
                "endpoint",
                shape(
                    ConfigField.required("host", string()),
                    ConfigField.withDefault("port", intType(), 443)),
                Map.of("host", "db")),
            ConfigField.optional("labels", map(shape(ConfigField.withDefault("v", intType(), 1)))));
    Map<String, Object> input = tree("name", "x", "labels", tree("a", tree()));

    Object filled = ConfigValidator.withDefaults(type, input);

    assertThat(filled)
        .isEqualTo(
            tree(
                "name", "x",
                "limit", 10,
                "retry", tree("attempts", 3, "backoff", tree("millis", 100L)),
                "endpoint", tree("host", "db", "port", 443),
                "labels", tree("a", tree("v", 1))));
    assertThat(input).isEqualTo(tree("name", "x", "labels", tree("a", tree())));
  }

  @Test
  void shouldKeepGivenValuesAndUnexpectedFieldsWhenFillingDefaults() {
    ConfigType type =
        shape(
            ConfigField.withDefault("limit", intType(), 10), ConfigField.optional("url", string()));

    assertThat(ConfigValidator.withDefaults(type, tree("limit", 5, "extra", List.of(1))))
        .isEqualTo(tree("limit", 5, "extra", List.of(1)));
    assertThat(ConfigValidator.withDefaults(type, tree("limit", null, "url", null)))
        .isEqualTo(tree("limit", 10));
    assertThat(ConfigValidator.withDefaults(type, null)).isEqualTo(tree("limit", 10));
    assertThat(ConfigValidator.withDefaults(noneable(type), null)).isNull();
  }

  @Test
  void shouldReturnFreshMutableTreeWhenFillingDefaults() {
    List<Object> defaultTags = List.of("a");
    ConfigType type = shape(ConfigField.withDefault("tags", array(string()), defaultTags));

    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) ConfigValidator.withDefaults(type, tree());
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) first.get("tags");
    tags.add("b");

    assertThat(ConfigValidator.withDefaults(type, tree())).isEqualTo(tree("tags", List.of("a")));
  }

  @Test
  void shouldFillAllDefaultsOfARecordWhenConfigIsEmpty() {
    record Inner(@ConfigDefault("2") int b) {}
    record Outer(@ConfigDefault("1") int a, Inner inner) {}
    ConfigType type = ConfigSchema.fromClass(Outer.class);

    assertThat(ConfigValidator.validate(type, tree(), PATH)).isEmpty();
    assertThat(ConfigValidator.withDefaults(type, tree()))
        .isEqualTo(tree("a", 1, "inner", tree("b", 2)));
  }
}
