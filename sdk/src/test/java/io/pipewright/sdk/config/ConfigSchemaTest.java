package io.pipewright.sdk.config;

import static io.pipewright.sdk.config.ConfigType.array;
import static io.pipewright.sdk.config.ConfigType.bool;
import static io.pipewright.sdk.config.ConfigType.enumOf;
import static io.pipewright.sdk.config.ConfigType.floatType;
import static io.pipewright.sdk.config.ConfigType.intType;
import static io.pipewright.sdk.config.ConfigType.longType;
import static io.pipewright.sdk.config.ConfigType.map;
import static io.pipewright.sdk.config.ConfigType.noneable;
import static io.pipewright.sdk.config.ConfigType.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  enum Color {
    RED,
    GREEN
  }

  record Scalars(
      String s,
      int i,
      Integer boxedInt,
      long l,
      Long boxedLong,
      double d,
      Double boxedDouble,
      float f,
      Float boxedFloat,
      BigDecimal big,
      boolean b,
      Boolean boxedBool,
      Color color) {}

  record Endpoint(String host, @ConfigDefault("443") int port) {}

  record Retry(@ConfigDefault("3") int attempts, @ConfigOptional Long backoffMillis) {}

  record Collections(
      List<String> names,
      Set<Integer> ids,
      long[] sizes,
      Endpoint[] mirrors,
      List<Endpoint> endpoints,
      Map<String, Integer> weights,
      Map<String, Object> extra,
      Object anything,
      List<List<Color>> palette) {}

  record Optionals(
      Optional<String> name,
      OptionalInt limit,
      @ConfigOptional String label,
      @ConfigDefault("\"daily\"") String schedule,
      @ConfigDefault("[\"a\", \"b\"]") List<String> tags,
      @ConfigDefault("{\"host\": \"db\"}") Endpoint endpoint,
      @ConfigDefault("7") Optional<Integer> days) {}

  record Described(
      @ConfigDescription("Rows to read per batch.") @ConfigDefault("100") int batchSize) {}

  record Job(Endpoint endpoint, Retry retry, Optional<Retry> fallback) {}

  @Test
  void shouldMapEveryScalarKindWhenDerivingFromARecord() {
    ConfigType.Shape shape = (ConfigType.Shape) ConfigSchema.fromClass(Scalars.class);

    assertThat(shape.fields().values())
        .extracting(ConfigField::name, ConfigField::type, ConfigField::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s", string(), true),
            org.assertj.core.groups.Tuple.tuple("i", intType(), true),
            org.assertj.core.groups.Tuple.tuple("boxedInt", intType(), true),
            org.assertj.core.groups.Tuple.tuple("l", longType(), true),
            org.assertj.core.groups.Tuple.tuple("boxedLong", longType(), true),
            org.assertj.core.groups.Tuple.tuple("d", floatType(), true),
            org.assertj.core.groups.Tuple.tuple("boxedDouble", floatType(), true),
            org.assertj.core.groups.Tuple.tuple("f", floatType(), true),
            org.assertj.core.groups.Tuple.tuple("boxedFloat", floatType(), true),
            org.assertj.core.groups.Tuple.tuple("big", floatType(), true),
            org.assertj.core.groups.Tuple.tuple("b", bool(), true),
            org.assertj.core.groups.Tuple.tuple("boxedBool", bool(), true),
            org.assertj.core.groups.Tuple.tuple(
                "color", enumOf("Color", List.of("RED", "GREEN")), true));
  }

  @Test
  void shouldMapCollectionsMapsAndNestedRecordsWhenDerivingFromARecord() {
    ConfigType.Shape shape = (ConfigType.Shape) ConfigSchema.fromClass(Collections.class);
    ConfigType endpoint = ConfigSchema.fromClass(Endpoint.class);

    assertThat(shape.fields().values())
        .extracting(ConfigField::type)
        .containsExactly(
            array(string()),
            array(intType()),
            array(longType()),
            array(endpoint),
            array(endpoint),
            map(intType()),
            map(ConfigType.any()),
            ConfigType.any(),
            array(array(enumOf("Color", List.of("RED", "GREEN")))));
    assertThat(endpoint)
        .isEqualTo(
            ConfigType.shape(
                ConfigField.required("host", string()),
                ConfigField.withDefault("port", intType(), 443)));
  }

  @Test
  void shouldMakeFieldsOptionalWhenOptionalAnnotatedOrDefaulted() {
    ConfigType.Shape shape = (ConfigType.Shape) ConfigSchema.fromClass(Optionals.class);
    Map<String, ConfigField> f = shape.fields();

    assertThat(f.get("name")).isEqualTo(ConfigField.optional("name", noneable(string())));
    assertThat(f.get("limit")).isEqualTo(ConfigField.optional("limit", noneable(intType())));
    assertThat(f.get("label")).isEqualTo(ConfigField.optional("label", string()));
    assertThat(f.get("schedule")).isEqualTo(ConfigField.withDefault("schedule", string(), "daily"));
    assertThat(f.get("tags"))
        .isEqualTo(ConfigField.withDefault("tags", array(string()), List.of("a", "b")));
    assertThat(f.get("endpoint").defaultValue()).isEqualTo(Map.of("host", "db"));
    assertThat(f.get("endpoint").required()).isFalse();
    assertThat(f.get("days")).isEqualTo(ConfigField.withDefault("days", noneable(intType()), 7));
  }

  @Test
  void shouldCarryTheDescriptionWhenComponentIsDescribed() {
    ConfigType.Shape shape = (ConfigType.Shape) ConfigSchema.fromClass(Described.class);

    assertThat(shape.fields().get("batchSize"))
        .isEqualTo(
            ConfigField.withDefault("batchSize", intType(), 100)
                .describedAs("Rows to read per batch."));
  }

  @Test
  void shouldMakeNestedRecordOptionalOnlyWhenAllItsFieldsAreOptional() {
    ConfigType.Shape shape = (ConfigType.Shape) ConfigSchema.fromClass(Job.class);

    assertThat(shape.fields().get("endpoint").required()).isTrue();
    assertThat(shape.fields().get("retry").required()).isFalse();
    assertThat(shape.fields().get("retry").type())
        .isEqualTo(
            ConfigType.shape(
                ConfigField.withDefault("attempts", intType(), 3),
                ConfigField.optional("backoffMillis", longType())));
    assertThat(shape.fields().get("fallback").type())
        .isEqualTo(noneable(shape.fields().get("retry").type()));
  }

  @Test
  void shouldReturnTheCachedSchemaWhenDerivedTwice() {
    assertThat(ConfigSchema.fromClass(Job.class)).isSameAs(ConfigSchema.fromClass(Job.class));
  }

  record Bad(
      String fine,
      Thread thread,
      @SuppressWarnings("rawtypes") List raw,
      Map<Integer, String> intKeys,
      List<Thread> threads,
      @ConfigOptional int primitiveOptional,
      char letter) {}

  @Test
  void shouldListEveryBadComponentWhenRecordHasUnsupportedTypes() {
    String prefix = "Config record " + Bad.class.getName() + ", component ";
    String use =
        "; use String, numbers, booleans, enums, records, List, Map<String, ...> or Optional";

    assertThatThrownBy(() -> ConfigSchema.fromClass(Bad.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot derive a config schema from "
                + Bad.class.getName()
                + " (6 problems):\n  "
                + prefix
                + "'thread': type java.lang.Thread is not a config type"
                + use
                + "\n  "
                + prefix
                + "'raw': type java.util.List is not a config type (give its type arguments,"
                + " for example List<String>)"
                + use
                + "\n  "
                + prefix
                + "'intKeys': type java.util.Map<java.lang.Integer, java.lang.String> is not a"
                + " config type (map keys must be String)"
                + use
                + "\n  "
                + prefix
                + "'threads': type java.lang.Thread (in java.util.List<java.lang.Thread>) is not a"
                + " config type"
                + use
                + "\n  "
                + prefix
                + "'primitiveOptional': a primitive int cannot be left out; use Integer with"
                + " @ConfigOptional, Optional<Integer>, or @ConfigDefault"
                + "\n  "
                + prefix
                + "'letter': type char is not a config type"
                + use);
  }

  record Inner(Thread thread) {}

  record Outer(Inner inner, StringBuilder builder) {}

  @Test
  void shouldReportNestedRecordProblemsWhenOuterRecordIsDerived() {
    assertThatThrownBy(() -> ConfigSchema.fromClass(Outer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2 problems)")
        .hasMessageContaining(
            "Config record "
                + Inner.class.getName()
                + ", component 'thread': type java.lang.Thread")
        .hasMessageContaining(
            "Config record "
                + Outer.class.getName()
                + ", component 'builder': type java.lang.StringBuilder");
  }

  record BadDefaults(
      @ConfigDefault("\"ten\"") int limit,
      @ConfigDefault("{oops") String name,
      @ConfigDefault("\"PURPLE\"") Color color,
      @ConfigDefault("null") Integer nothing) {}

  @Test
  void shouldRejectDefaultsWhenTheyDoNotMatchTheComponentType() {
    String prefix = "Config record " + BadDefaults.class.getName() + ", component ";

    assertThatThrownBy(() -> ConfigSchema.fromClass(BadDefaults.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(4 problems)")
        .hasMessageContaining(
            prefix
                + "'limit': @ConfigDefault(\"\\\"ten\\\"\") does not match type int: limit:"
                + " expected int, got \"ten\"")
        .hasMessageContaining(prefix + "'name': @ConfigDefault(\"{oops\") is not valid JSON")
        .hasMessageContaining("line 1, column")
        .hasMessageContaining(
            prefix
                + "'color': @ConfigDefault(\"\\\"PURPLE\\\"\") does not match type"
                + " enum Color{RED,GREEN}: color: \"PURPLE\" is not one of RED, GREEN")
        .hasMessageContaining(prefix + "'nothing': @ConfigDefault(\"null\") is not a default");
  }

  record Node(String name, List<Node> children) {}

  @Test
  void shouldRejectRecordWhenItContainsItself() {
    assertThatThrownBy(() -> ConfigSchema.fromClass(Node.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component 'children'")
        .hasMessageContaining("a config record cannot contain itself");
  }

  static final class NotARecord {}

  @Test
  void shouldRejectClassWhenItIsNotARecord() {
    assertThatThrownBy(() -> ConfigSchema.fromClass(NotARecord.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotARecord.class.getName() + " is not a record");
  }

  record Generic<T>(T value) {}

  @Test
  void shouldRejectRecordWhenItIsGeneric() {
    assertThatThrownBy(() -> ConfigSchema.fromClass(Generic.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type T is not a config type (config records cannot be generic)");
  }
}
