package io.pipewright.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetKeyTest {

  @Test
  void shouldJoinPartsWithSlashWhenRenderedAsUserString() {
    AssetKey key = AssetKey.of("warehouse", "orders");

    assertThat(key.toUserString()).isEqualTo("warehouse/orders");
    assertThat(key).hasToString("warehouse/orders");
    assertThat(key.path()).containsExactly("warehouse", "orders");
    assertThat(key.name()).isEqualTo("orders");
  }

  @Test
  void shouldRoundTripWhenParsedFromUserString() {
    AssetKey key = AssetKey.fromUserString("a/b/c");

    assertThat(key).isEqualTo(AssetKey.of("a", "b", "c"));
    assertThat(AssetKey.fromUserString(key.toUserString())).isEqualTo(key);
    assertThat(AssetKey.fromUserString("single")).isEqualTo(AssetKey.of("single"));
  }

  @Test
  void shouldBeEqualByPathWhenBuiltDifferently() {
    assertThat(new AssetKey(List.of("x", "y")))
        .isEqualTo(AssetKey.of("x", "y"))
        .hasSameHashCodeAs(AssetKey.of("x", "y"))
        .isNotEqualTo(AssetKey.of("y", "x"));
  }

  @Test
  void shouldCopyPathWhenCallerMutatesList() {
    List<String> parts = new ArrayList<>(List.of("a", "b"));
    AssetKey key = new AssetKey(parts);

    parts.add("c");

    assertThat(key.path()).containsExactly("a", "b");
    assertThatThrownBy(() -> key.path().add("d")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldPrependPrefixWhenWithPrefix() {
    AssetKey key = AssetKey.of("orders").withPrefix("prod", "warehouse");

    assertThat(key).isEqualTo(AssetKey.of("prod", "warehouse", "orders"));
    assertThat(AssetKey.of("orders").withPrefix()).isEqualTo(AssetKey.of("orders"));
  }

  @Test
  void shouldRejectEmptyPathWhenConstructed() {
    assertThatThrownBy(() -> AssetKey.of())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one part");
    assertThatThrownBy(() -> new AssetKey(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameIndexWhenPartIsNullOrBlank() {
    assertThatThrownBy(() -> AssetKey.of("a", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Part 1")
        .hasMessageContaining("null");
    assertThatThrownBy(() -> AssetKey.of("a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Part 1")
        .hasMessageContaining("blank");
  }

  @Test
  void shouldRejectSlashInPartWhenConstructed() {
    assertThatThrownBy(() -> AssetKey.of("a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains '/'")
        .hasMessageContaining("fromUserString");
  }

  @Test
  void shouldRejectEmptySegmentsWhenParsingUserString() {
    assertThatThrownBy(() -> AssetKey.fromUserString("a//b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty part at position 1");
    assertThatThrownBy(() -> AssetKey.fromUserString("a/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty part");
    assertThatThrownBy(() -> AssetKey.fromUserString("/a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 0");
    assertThatThrownBy(() -> AssetKey.fromUserString(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> AssetKey.fromUserString(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }
}
