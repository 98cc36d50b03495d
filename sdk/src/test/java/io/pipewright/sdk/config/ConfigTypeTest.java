package io.pipewright.sdk.config;

import static io.pipewright.sdk.config.ConfigType.array;
import static io.pipewright.sdk.config.ConfigType.bool;
import static io.pipewright.sdk.config.ConfigType.enumOf;
import static io.pipewright.sdk.config.ConfigType.floatType;
import static io.pipewright.sdk.config.ConfigType.intType;
import static io.pipewright.sdk.config.ConfigType.longType;
import static io.pipewright.sdk.config.ConfigType.map;
import static io.pipewright.sdk.config.ConfigType.noneable;
import static io.pipewright.sdk.config.ConfigType.shape;
import static io.pipewright.sdk.config.ConfigType.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTypeTest {

  @Test
  void shouldNameScalarsInLowerCaseWhenDisplayed() {
    assertThat(List.of(string(), intType(), longType(), floatType(), bool(), ConfigType.any()))
        .extracting(ConfigType::displayName)
        .containsExactly("string", "int", "long", "float", "bool", "any");
  }

  @Test
  void shouldNameCompositeTypesReadablyWhenDisplayed() {
    ConfigType shape =
        shape(
            ConfigField.required("limit", intType()),
            ConfigField.optional("url", string()),
            ConfigField.withDefault("tags", array(string()), List.of()));

    assertThat(enumOf("Color", List.of("RED", "GREEN")).displayName())
        .isEqualTo("enum Color{RED,GREEN}");
    assertThat(array(intType()).displayName()).isEqualTo("[int]");
    assertThat(map(intType()).displayName()).isEqualTo("{string: int}");
    assertThat(noneable(intType()).displayName()).isEqualTo("int?");
    assertThat(shape.displayName()).isEqualTo("{limit: int, url?: string, tags?: [string]}");
    assertThat(shape().displayName()).isEqualTo("{}");
  }

  @Test
  void shouldKeepFieldOrderAndRejectChangesWhenShapeIsBuilt() {
    ConfigType.Shape shape =
        shape(ConfigField.required("b", intType()), ConfigField.required("a", intType()));

    assertThat(shape.fields().keySet()).containsExactly("b", "a");
    assertThatThrownBy(() -> shape.fields().put("c", ConfigField.required("c", intType())))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldCopyFieldsWhenShapeIsBuiltFromAMap() {
    Map<String, ConfigField> fields = new LinkedHashMap<>();
    fields.put("a", ConfigField.required("a", intType()));
    ConfigType.Shape shape = new ConfigType.Shape(fields);
    fields.put("b", ConfigField.required("b", intType()));

    assertThat(shape.fields()).containsOnlyKeys("a");
  }

  @Test
  void shouldRejectShapeWhenTwoFieldsShareAName() {
    assertThatThrownBy(
            () -> shape(ConfigField.required("a", intType()), ConfigField.optional("a", string())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same name")
        .hasMessageContaining("[a]");
  }

  @Test
  void shouldRejectShapeWhenKeyDiffersFromFieldName() {
    assertThatThrownBy(
            () -> new ConfigType.Shape(Map.of("x", ConfigField.required("a", intType()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'")
        .hasMessageContaining("'a'");
  }

  @Test
  void shouldTellWhetherShapeHasRequiredFields() {
    assertThat(shape(ConfigField.optional("a", intType())).hasRequiredFields()).isFalse();
    assertThat(shape(ConfigField.withDefault("a", intType(), 1)).hasRequiredFields()).isFalse();
    assertThat(
            shape(ConfigField.optional("a", intType()), ConfigField.required("b", intType()))
                .hasRequiredFields())
        .isTrue();
  }

  @Test
  void shouldRejectEnumWhenValuesAreEmptyOrRepeated() {
    assertThatThrownBy(() -> enumOf("Color", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> enumOf("Color", List.of("RED", "RED")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void shouldMakeFieldOptionalWhenItHasADefault() {
    ConfigField field = ConfigField.withDefault("limit", intType(), 10);

    assertThat(field.required()).isFalse();
    assertThat(field.hasDefault()).isTrue();
    assertThat(field.defaultValue()).isEqualTo(10);
  }

  @Test
  void shouldRejectFieldWhenRequiredAndDefaulted() {
    assertThatThrownBy(() -> new ConfigField("limit", intType(), true, 10, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'limit' has a default, so it cannot be required");
  }

  @Test
  void shouldRejectFieldWhenDefaultDoesNotMatchType() {
    assertThatThrownBy(() -> ConfigField.withDefault("limit", intType(), "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The default of config field 'limit' does not match its type int: limit: expected"
                + " int, got \"ten\"");
  }

  @Test
  void shouldRejectNullDefaultWhenDefaultIsRequested() {
    assertThatThrownBy(() -> ConfigField.withDefault("limit", intType(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConfigField.optional");
  }

  @Test
  void shouldKeepAnImmutableCopyWhenDefaultIsAMutableTree() {
    List<Object> tags = new ArrayList<>(List.of("a"));
    ConfigField field = ConfigField.withDefault("tags", array(string()), tags);
    tags.add("b");

    assertThat(field.defaultValue()).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<?>) field.defaultValue()).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldKeepEverythingButDescriptionWhenDescribed() {
    ConfigField field =
        ConfigField.withDefault("limit", intType(), 10).describedAs("Rows to read.");

    assertThat(field).isEqualTo(new ConfigField("limit", intType(), false, 10, "Rows to read."));
  }
}
