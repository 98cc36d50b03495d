package io.pipewright.sdk.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

  @Test
  void shouldShareOneEmptyInstanceWhenEmpty() {
    assertThat(Metadata.empty()).isSameAs(Metadata.empty());
    assertThat(Metadata.empty().isEmpty()).isTrue();
    assertThat(Metadata.empty().size()).isZero();
    assertThat(Metadata.from(Map.of())).isSameAs(Metadata.empty());
    assertThat(Metadata.from(null)).isSameAs(Metadata.empty());
    assertThat(Metadata.empty()).hasToString("{}");
  }

  @Test
  void shouldWrapValuesAndKeepOrderWhenOf() {
    Metadata md = Metadata.of("rows", 3, "path", "/tmp/x", "ok", true);

    assertThat(md.asMap().keySet()).containsExactly("rows", "path", "ok");
    assertThat(md.get("rows")).contains(new IntValue(3));
    assertThat(md.get("path")).contains(new TextValue("/tmp/x"));
    assertThat(md.get("ok")).contains(BoolValue.of(true));
    assertThat(md.get("missing")).isEmpty();
    assertThat(md.size()).isEqualTo(3);
    assertThat(md.isEmpty()).isFalse();
    assertThat(Metadata.of("a", 1, "b", 2).size()).isEqualTo(2);
    assertThat(Metadata.of("n", null).get("n")).contains(NullValue.INSTANCE);
  }

  @Test
  void shouldRejectRepeatedKeysWhenOf() {
    assertThatThrownBy(() -> Metadata.of("a", 1, "a", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is given twice");
    assertThatThrownBy(() -> Metadata.of("a", 1, "b", 2, "b", 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectBlankKeysWhenCreated() {
    assertThatThrownBy(() -> Metadata.of(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank");
    assertThatThrownBy(() -> Metadata.of(null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got null");
    assertThatThrownBy(() -> Metadata.empty().with("", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameKeyWhenValueCannotBeWrapped() {
    assertThatThrownBy(() -> Metadata.from(Map.of("when", new Date())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Metadata key 'when': ")
        .hasMessageContaining("java.util.Date");
  }

  @Test
  void shouldKeepMapOrderWhenFrom() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("z", 1);
    source.put("a", "x");

    Metadata md = Metadata.from(source);
    source.put("late", 2);

    assertThat(md.asMap().keySet()).containsExactly("z", "a");
  }

  @Test
  void shouldReturnNewInstanceWhenWith() {
    Metadata original = Metadata.of("a", 1);

    Metadata added = original.with("b", 2);
    Metadata replaced = added.with("a", 10);

    assertThat(original.size()).isEqualTo(1);
    assertThat(added.asMap().keySet()).containsExactly("a", "b");
    assertThat(replaced.asMap().keySet()).containsExactly("a", "b");
    assertThat(replaced.get("a")).contains(new IntValue(10));
    assertThat(added.get("a")).contains(new IntValue(1));
  }

  @Test
  void shouldLetOtherWinWhenMerging() {
    Metadata base = Metadata.of("a", 1, "b", 2);
    Metadata over = Metadata.of("b", 20, "c", 30);

    Metadata merged = base.merge(over);

    assertThat(merged.asMap().keySet()).containsExactly("a", "b", "c");
    assertThat(merged.get("b")).contains(new IntValue(20));
    assertThat(base.merge(Metadata.empty())).isSameAs(base);
    assertThat(base.merge(null)).isSameAs(base);
    assertThat(Metadata.empty().merge(over)).isSameAs(over);
  }

  @Test
  void shouldBeUnmodifiableWhenExposedAsMapOrIterated() {
    Metadata md = Metadata.of("a", 1);

    assertThatThrownBy(() -> md.asMap().put("b", new IntValue(2)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> md.iterator().next().setValue(new IntValue(2)))
        .isInstanceOf(UnsupportedOperationException.class);
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, MetadataValue> entry : md) {
      keys.add(entry.getKey());
    }
    assertThat(keys).containsExactly("a");
  }

  @Test
  void shouldCompareEntriesIgnoringOrderWhenEquals() {
    Metadata ab = Metadata.of("a", 1, "b", "x");
    Map<String, Object> reversed = new HashMap<>();
    reversed.put("b", "x");
    reversed.put("a", 1L);

    assertThat(ab).isEqualTo(Metadata.from(reversed)).hasSameHashCodeAs(Metadata.from(reversed));
    assertThat(ab).isNotEqualTo(Metadata.of("a", 1));
    assertThat(ab).isNotEqualTo(Metadata.of("a", 1, "b", "y"));
  }

  @Test
  void shouldRenderDisplaysWhenToString() {
    assertThat(Metadata.of("rows", 3, "name", "orders")).hasToString("{rows=3, name=orders}");
  }
}
