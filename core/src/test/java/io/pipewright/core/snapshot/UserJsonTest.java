package io.pipewright.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserJsonTest {

  @Test
  void shouldNormalizeNumbersWhenTheyMeanTheSameJson() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("int", 1);
    tree.put("short", (short) 2);
    tree.put("float", 1.5f);
    tree.put("small_big", BigInteger.valueOf(7));
    tree.put("huge", BigInteger.TWO.pow(70));

    Object canonical = UserJson.canonical(tree, "config");

    assertThat(canonical)
        .isEqualTo(
            Map.of(
                "int", 1L,
                "short", 2L,
                "float", 1.5d,
                "small_big", 7L,
                "huge", new BigDecimal(BigInteger.TWO.pow(70))));
  }

  @Test
  void shouldKeepKeyOrderAndNullsWhenCopying() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("b", null);
    tree.put("a", Arrays.asList(null, "x"));

    @SuppressWarnings("unchecked")
    Map<String, Object> canonical = (Map<String, Object>) UserJson.canonical(tree, "config");

    assertThat(new ArrayList<>(canonical.keySet())).containsExactly("b", "a");
    assertThat(canonical.get("a")).isEqualTo(Arrays.asList(null, "x"));
    assertThatThrownBy(() -> canonical.put("c", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldNameThePathWhenALeafIsNotJson() {
    Map<String, Object> tree = Map.of("ops", Map.of("extract", List.of(1, Set.of(2))));

    assertThatThrownBy(() -> UserJson.canonical(tree, "run config"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("run config at $.ops.extract[1] is a java.util.");
  }

  @Test
  void shouldRejectNumbersThatJsonCannotHold() {
    assertThatThrownBy(() -> UserJson.canonical(List.of(Double.NaN), "metadata"))
        .hasMessageContaining("metadata at $[0] is NaN");
  }

  @Test
  void shouldRejectTreeWhenItNestsTooDeep() {
    Object tree = "leaf";
    for (int i = 0; i <= UserJson.MAX_DEPTH; i++) {
      tree = List.of(tree);
    }
    Object deep = tree;

    assertThatThrownBy(() -> UserJson.canonical(deep, "config"))
        .hasMessageContaining("nested more than 128 levels deep");
  }

  @Test
  void shouldReturnEmptyObjectWhenObjectIsNull() {
    assertThat(UserJson.canonicalObject(null, "config")).isEmpty();
  }
}
