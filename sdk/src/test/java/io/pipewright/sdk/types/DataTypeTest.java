package io.pipewright.sdk.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataTypeTest {

  record Row(int id, String name) {}

  /** The JDK's own representation of {@code List<Row>}, to compare ours with. */
  @SuppressWarnings("unused")
  private List<Row> listOfRows;

  @SuppressWarnings("unused")
  private Map<String, Integer> mapOfInts;

  private static Type fieldType(String name) throws NoSuchFieldException {
    return DataTypeTest.class.getDeclaredField(name).getGenericType();
  }

  @Test
  void shouldDescribeListsAsParameterizedTypesWhenJavaType() throws Exception {
    Type type = Types.list(Types.of(Row.class)).javaType();

    assertThat(type).isInstanceOf(ParameterizedType.class);
    ParameterizedType parameterized = (ParameterizedType) type;
    assertThat(parameterized.getRawType()).isEqualTo(List.class);
    assertThat(parameterized.getActualTypeArguments()).containsExactly(Row.class);
    assertThat(type).isEqualTo(fieldType("listOfRows")).hasSameHashCodeAs(fieldType("listOfRows"));
    assertThat(fieldType("listOfRows")).isEqualTo(type);
    assertThat(type.getTypeName()).isEqualTo("java.util.List<" + Row.class.getName() + ">");
  }

  @Test
  void shouldDescribeMapsWithStringKeysWhenJavaType() throws Exception {
    Type type = Types.map(Types.INT).javaType();

    assertThat(type).isEqualTo(fieldType("mapOfInts"));
  }

  @Test
  void shouldBeUnderstoodByJacksonWhenJavaTypeIsParameterized() throws Exception {
    JavaType javaType =
        TypeFactory.defaultInstance().constructType(Types.list(Types.of(Row.class)).javaType());

    assertThat(javaType.isCollectionLikeType()).isTrue();
    assertThat(javaType.getContentType().getRawClass()).isEqualTo(Row.class);
    List<Row> rows = new ObjectMapper().readValue("[{\"id\":1,\"name\":\"a\"}]", javaType);
    assertThat(rows).containsExactly(new Row(1, "a"));
    JavaType nested =
        TypeFactory.defaultInstance().constructType(Types.map(Types.list(Types.LONG)).javaType());
    assertThat(nested.getContentType().getContentType().getRawClass()).isEqualTo(Long.class);
  }

  @Test
  void shouldUseBracketNamesWhenComposite() {
    assertThat(Types.list(Types.of(Row.class)).displayName()).isEqualTo("List[Row]");
    assertThat(Types.map(Types.INT).displayName()).isEqualTo("Map[String, Int]");
    assertThat(Types.optional(Types.list(Types.INT)).displayName())
        .isEqualTo("Optional[List[Int]]");
    assertThat(Types.list(Types.INT).name()).isEqualTo("List[Int]");
  }

  @Test
  void shouldBeEqualByDisplayNameAndJavaTypeWhenCompared() {
    assertThat(Types.list(Types.INT))
        .isEqualTo(Types.list(Types.INT))
        .hasSameHashCodeAs(Types.list(Types.INT))
        .isNotEqualTo(Types.list(Types.LONG));
    assertThat(Types.optional(Types.INT)).isNotEqualTo(Types.INT);
    DataType customInt = DataType.custom("Int", null, Integer.class, v -> TypeCheck.success());
    assertThat(customInt).isEqualTo(Types.INT);
    assertThat(DataType.custom("Int", null, Long.class, v -> TypeCheck.success()))
        .isNotEqualTo(Types.INT);
  }

  @Test
  void shouldRunUserCheckIncludingNullWhenCustom() {
    DataType even =
        DataType.custom(
            "Even",
            "An even Integer.",
            Integer.class,
            v ->
                v instanceof Integer i && i % 2 == 0
                    ? TypeCheck.success()
                    : TypeCheck.failure("Not even: " + v));

    assertThat(even.name()).isEqualTo("Even");
    assertThat(even.description()).isEqualTo("An even Integer.");
    assertThat(even.javaType()).isEqualTo(Integer.class);
    assertThat(even.check(2).passed()).isTrue();
    assertThat(even.check(3).description()).isEqualTo("Not even: 3");
    assertThat(even.check(null).description()).isEqualTo("Not even: null");
  }

  @Test
  void shouldTurnExceptionIntoFailedCheckWhenCustomCheckThrows() {
    DataType broken =
        DataType.custom(
            "Broken",
            null,
            Object.class,
            v -> {
              throw new IllegalStateException("boom");
            });

    TypeCheck check = broken.check("x");

    assertThat(check.passed()).isFalse();
    assertThat(check.description())
        .isEqualTo("Type check of Broken threw java.lang.IllegalStateException: boom");
    assertThat(broken.description()).isNull();
  }

  @Test
  void shouldFailClearlyWhenCustomCheckReturnsNull() {
    DataType lazy = DataType.custom("Lazy", null, Object.class, v -> null);

    assertThat(lazy.check(1).description()).contains("returned null");
  }

  @Test
  void shouldRejectMissingPartsWhenCustomCreated() {
    assertThatThrownBy(() -> DataType.custom(" ", null, Object.class, v -> TypeCheck.success()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank name");
    assertThatThrownBy(() -> DataType.custom("X", null, null, v -> TypeCheck.success()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Java class");
    assertThatThrownBy(() -> DataType.custom("X", null, Object.class, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("check function");
  }

  @Test
  void shouldAllowWiringWhenTypesAreCompatible() {
    DataType rows = Types.list(Types.of(Row.class));

    assertThat(Types.INT.accepts(Types.INT)).isTrue();
    assertThat(rows.accepts(Types.list(Types.of(Row.class)))).isTrue();
    assertThat(Types.ANY.accepts(Types.INT)).isTrue();
    assertThat(Types.INT.accepts(Types.ANY)).isTrue();
    assertThat(Types.optional(Types.INT).accepts(Types.INT)).isTrue();
    assertThat(Types.NOTHING.accepts(rows)).isTrue();
  }

  @Test
  void shouldRefuseWiringWhenTypesDiffer() {
    assertThat(Types.INT.accepts(Types.STRING)).isFalse();
    assertThat(Types.INT.accepts(Types.optional(Types.INT))).isFalse();
    assertThat(Types.LONG.accepts(Types.INT)).isFalse();
    assertThat(Types.list(Types.INT).accepts(Types.list(Types.STRING))).isFalse();
    assertThat(Types.INT.accepts(Types.NOTHING)).isFalse();
    assertThatThrownBy(() -> Types.INT.accepts(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldExposeInnerTypeWhenComposite() {
    assertThat(Types.list(Types.INT).innerType()).isSameAs(Types.INT);
    assertThat(Types.map(Types.STRING).innerType()).isSameAs(Types.STRING);
    assertThat(Types.INT.innerType()).isNull();
    assertThat(Types.list(Types.INT).isOptional()).isFalse();
  }
}
