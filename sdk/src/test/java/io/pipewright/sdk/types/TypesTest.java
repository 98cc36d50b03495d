package io.pipewright.sdk.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypesTest {

  record Row(int id) {}

  @Test
  void shouldAcceptEverythingIncludingNullWhenAny() {
    assertThat(Types.ANY.check(null).passed()).isTrue();
    assertThat(Types.ANY.check("x").passed()).isTrue();
    assertThat(Types.ANY.javaType()).isEqualTo(Object.class);
    assertThat(Types.ANY.isAny()).isTrue();
  }

  @Test
  void shouldAcceptOnlyNullWhenNothing() {
    assertThat(Types.NOTHING.check(null).passed()).isTrue();
    assertThat(Types.NOTHING.check("x").description())
        .isEqualTo(
            "Expected Nothing (no value: an order-only dependency), got java.lang.String (\"x\")");
    assertThat(Types.NOTHING.isNothing()).isTrue();
    assertThat(Types.NOTHING.javaType()).isEqualTo(Void.class);
  }

  @Test
  void shouldAcceptMatchingBoxedClassesWhenBuiltInScalars() {
    assertThat(Types.STRING.check("a").passed()).isTrue();
    assertThat(Types.INT.check(1).passed()).isTrue();
    assertThat(Types.INT.check((short) 1).passed()).isTrue();
    assertThat(Types.INT.check((byte) 1).passed()).isTrue();
    assertThat(Types.INT.check(1L).passed()).isFalse();
    assertThat(Types.LONG.check(1L).passed()).isTrue();
    assertThat(Types.LONG.check(1).passed()).isTrue();
    assertThat(Types.LONG.check((short) 1).passed()).isTrue();
    assertThat(Types.LONG.check(1.0).passed()).isFalse();
    assertThat(Types.DOUBLE.check(1.0).passed()).isTrue();
    assertThat(Types.DOUBLE.check(1.0f).passed()).isTrue();
    assertThat(Types.DOUBLE.check(1).passed()).isFalse();
    assertThat(Types.BOOLEAN.check(true).passed()).isTrue();
    assertThat(Types.BOOLEAN.check("true").passed()).isFalse();
  }

  @Test
  void shouldUseDagsterNamesWhenBuiltIns() {
    assertThat(Types.ANY.displayName()).isEqualTo("Any");
    assertThat(Types.NOTHING.displayName()).isEqualTo("Nothing");
    assertThat(Types.STRING.displayName()).isEqualTo("String");
    assertThat(Types.INT.displayName()).isEqualTo("Int");
    assertThat(Types.LONG.displayName()).isEqualTo("Long");
    assertThat(Types.DOUBLE.displayName()).isEqualTo("Float");
    assertThat(Types.BOOLEAN.displayName()).isEqualTo("Bool");
    assertThat(Types.INT.name()).isEqualTo("Int");
    assertThat(Types.INT.description()).isNotBlank();
    assertThat(Types.INT).hasToString("Int");
  }

  @Test
  void shouldFailOnNullWithHintWhenNonOptionalBuiltIn() {
    TypeCheck check = Types.INT.check(null);

    assertThat(check.passed()).isFalse();
    assertThat(check.description())
        .isEqualTo("Value is null; declare the type as Types.optional(Int) to allow null");
  }

  @Test
  void shouldNameExpectedTypeAndValueClassWhenWrongClass() {
    assertThat(Types.INT.check("ten").description())
        .isEqualTo("Expected Int, got java.lang.String (\"ten\")");
    assertThat(Types.STRING.check(12).description())
        .isEqualTo("Expected String, got java.lang.Integer (12)");
  }

  @Test
  void shouldTruncateLongValueWhenDescribingFailure() {
    String description = Types.INT.check("x".repeat(500)).description();

    assertThat(description)
        .startsWith("Expected Int, got java.lang.String (\"xxx")
        .endsWith("...\")");
    assertThat(description.length()).isLessThan(100);
  }

  @Test
  void shouldCheckEveryElementAndNameIndexWhenList() {
    DataType ints = Types.list(Types.INT);

    assertThat(ints.check(List.of(1, 2, 3)).passed()).isTrue();
    assertThat(ints.check(new LinkedList<>(List.of(1, 2))).passed()).isTrue();
    assertThat(ints.check(List.of()).passed()).isTrue();
    assertThat(ints.check(List.of(1, 2, "x")).description())
        .isEqualTo("Element at index 2 of List[Int]: Expected Int, got java.lang.String (\"x\")");
    assertThat(ints.check(new LinkedList<>(List.of(1, "y"))).description())
        .startsWith("Element at index 1 of List[Int]");
    assertThat(ints.check(Arrays.asList(1, null)).description())
        .isEqualTo(
            "Element at index 1 of List[Int]: Value is null; declare the type as"
                + " Types.optional(Int) to allow null");
    assertThat(Types.list(Types.optional(Types.INT)).check(Arrays.asList(1, null)).passed())
        .isTrue();
    assertThat(ints.check(Set.of(1)).description())
        .startsWith("Expected List[Int], got java.util.");
    assertThat(ints.check(null).passed()).isFalse();
  }

  @Test
  void shouldCheckKeysAndValuesWhenMap() {
    DataType ints = Types.map(Types.INT);
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(5, 1);

    assertThat(ints.check(Map.of("a", 1)).passed()).isTrue();
    assertThat(ints.check(Map.of("a", "one")).description())
        .isEqualTo(
            "Value for key \"a\" of Map[String, Int]: Expected Int, got java.lang.String (\"one\")");
    assertThat(ints.check(badKey).description())
        .isEqualTo(
            "Key java.lang.Integer (5) of Map[String, Int] is not a String; maps must have"
                + " String keys");
    assertThat(ints.check(List.of()).description()).startsWith("Expected Map[String, Int], got");
    assertThat(ints.displayName()).isEqualTo("Map[String, Int]");
  }

  @Test
  void shouldAllowNullAndDelegateWhenOptional() {
    DataType maybe = Types.optional(Types.INT);

    assertThat(maybe.isOptional()).isTrue();
    assertThat(maybe.displayName()).isEqualTo("Optional[Int]");
    assertThat(maybe.javaType()).isEqualTo(Integer.class);
    assertThat(maybe.innerType()).isEqualTo(Types.INT);
    assertThat(maybe.check(null).passed()).isTrue();
    assertThat(maybe.check(1).passed()).isTrue();
    assertThat(maybe.check("x").description())
        .isEqualTo("Expected Int, got java.lang.String (\"x\")");
  }

  @Test
  void shouldNotNestWhenOptionalOfTypeAcceptingNull() {
    DataType maybe = Types.optional(Types.INT);

    assertThat(Types.optional(maybe)).isSameAs(maybe);
    assertThat(Types.optional(Types.ANY)).isSameAs(Types.ANY);
    assertThat(Types.optional(Types.NOTHING)).isSameAs(Types.NOTHING);
  }

  @Test
  void shouldRejectNullAndNothingWhenComposing() {
    assertThatThrownBy(() -> Types.list(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Types.list(element) needs a type");
    assertThatThrownBy(() -> Types.map(Types.NOTHING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold Nothing");
    assertThatThrownBy(() -> Types.optional(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCheckInstancesAndUseSimpleNameWhenOfClass() {
    DataType rows = Types.of(Row.class);

    assertThat(rows.displayName()).isEqualTo("Row");
    assertThat(rows.javaType()).isEqualTo(Row.class);
    assertThat(rows.check(new Row(1)).passed()).isTrue();
    assertThat(rows.check("x").description())
        .isEqualTo("Expected Row, got java.lang.String (\"x\")");
    assertThat(rows.check(null).description())
        .isEqualTo("Value is null; declare the type as Types.optional(Row) to allow null");
    assertThat(Types.of(CharSequence.class).check("sub").passed()).isTrue();
    assertThat(Types.of(Row.class)).isEqualTo(rows).hasSameHashCodeAs(rows);
  }

  @Test
  void shouldMapPrimitivesWhenOfClass() {
    assertThat(Types.of(int.class)).isSameAs(Types.INT);
    assertThat(Types.of(void.class)).isSameAs(Types.NOTHING);
    assertThat(Types.of(Void.class)).isSameAs(Types.NOTHING);
    DataType shorts = Types.of(short.class);
    assertThat(shorts.displayName()).isEqualTo("Short");
    assertThat(shorts.check((short) 1).passed()).isTrue();
    assertThatThrownBy(() -> Types.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReturnBuiltInsWhenForClass() {
    assertThat(Types.forClass(String.class)).isSameAs(Types.STRING);
    assertThat(Types.forClass(Integer.class)).isSameAs(Types.INT);
    assertThat(Types.forClass(int.class)).isSameAs(Types.INT);
    assertThat(Types.forClass(Long.class)).isSameAs(Types.LONG);
    assertThat(Types.forClass(long.class)).isSameAs(Types.LONG);
    assertThat(Types.forClass(Double.class)).isSameAs(Types.DOUBLE);
    assertThat(Types.forClass(double.class)).isSameAs(Types.DOUBLE);
    assertThat(Types.forClass(Boolean.class)).isSameAs(Types.BOOLEAN);
    assertThat(Types.forClass(boolean.class)).isSameAs(Types.BOOLEAN);
    assertThat(Types.forClass(Void.class)).isSameAs(Types.NOTHING);
    assertThat(Types.forClass(void.class)).isSameAs(Types.NOTHING);
    assertThat(Types.forClass(Object.class)).isSameAs(Types.ANY);
    assertThat(Types.forClass(Row.class)).isEqualTo(Types.of(Row.class));
  }
}
