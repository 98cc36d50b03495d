package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticPartitionsDefinitionTest {

  private static final PartitionContext CTX = PartitionContext.at(Instant.EPOCH);

  @Test
  void shouldKeepDefinitionOrderWhenListingKeys() {
    var regions = StaticPartitionsDefinition.of("us", "eu", "ap");

    assertThat(regions.keys(CTX)).containsExactly("us", "eu", "ap");
    assertThat(regions.keys()).containsExactly("us", "eu", "ap");
    assertThat(regions.size(CTX)).isEqualTo(3);
    assertThat(regions.hasKey("eu", CTX)).isTrue();
    assertThat(regions.hasKey("EU", CTX)).isFalse();
    assertThat(regions.hasKey(null, CTX)).isFalse();
  }

  @Test
  void shouldCopyKeysWhenListMutatedLater() {
    List<String> keys = new ArrayList<>(List.of("a", "b"));
    var definition = StaticPartitionsDefinition.of(keys);

    keys.add("c");

    assertThat(definition.keys(CTX)).containsExactly("a", "b");
    assertThatThrownBy(() -> definition.keys(CTX).add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldListAllBadKeysWhenInvalid() {
    assertThatThrownBy(
            () -> StaticPartitionsDefinition.of(Arrays.asList("a", "", "b|c", "a", null, "d,e")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid partition keys for static partitions: key 1 '' is blank; key 2 'b|c' contains"
                + " '|'; key 3 'a' is repeated; key 4 is null; key 5 'd,e' contains ','. Keys must"
                + " be unique, non-blank and contain neither '|' (it joins the parts of a"
                + " multi-partition key) nor ',' (it separates keys in lists)");
    assertThatThrownBy(() -> StaticPartitionsDefinition.of((String[]) null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAllowNoKeysWhenEmpty() {
    var none = StaticPartitionsDefinition.of();

    assertThat(none.keys(CTX)).isEmpty();
    assertThatThrownBy(() -> none.checkKey("a", CTX))
        .hasMessageContaining("It has no partitions yet.");
  }

  @Test
  void shouldReturnInclusiveSliceWhenKeysInRange() {
    var letters = StaticPartitionsDefinition.of("a", "b", "c", "d");

    assertThat(letters.keysInRange(PartitionKeyRange.of("b", "d"), CTX))
        .containsExactly("b", "c", "d");
    assertThat(letters.keysInRange(PartitionKeyRange.single("c"), CTX)).containsExactly("c");
    assertThatThrownBy(() -> letters.keysInRange(PartitionKeyRange.of("d", "b"), CTX))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(UnknownPartitionKeyException.class)
        .hasMessage(
            "Partition key range d...b of static partitions [a, b, c, d] is reversed: 'd' comes"
                + " after 'b'; write it as b...d");
    assertThatThrownBy(() -> letters.keysInRange(PartitionKeyRange.of("b", "z"), CTX))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldCompareByKeysWhenEquals() {
    assertThat(StaticPartitionsDefinition.of("a", "b"))
        .isEqualTo(StaticPartitionsDefinition.of(List.of("a", "b")))
        .hasSameHashCodeAs(StaticPartitionsDefinition.of("a", "b"))
        .isNotEqualTo(StaticPartitionsDefinition.of("b", "a"));
  }

  @Test
  void shouldCapDescriptionWhenManyKeys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      keys.add("k" + i);
    }

    assertThat(StaticPartitionsDefinition.of(keys).describe())
        .isEqualTo("static partitions [k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 and 15 more]");
  }
}
