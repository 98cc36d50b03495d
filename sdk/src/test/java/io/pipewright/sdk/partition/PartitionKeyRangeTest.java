package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PartitionKeyRangeTest {

  @Test
  void shouldRenderLikeDagsterWhenToString() {
    assertThat(PartitionKeyRange.of("2024-01-01", "2024-01-31"))
        .hasToString("2024-01-01...2024-01-31");
    assertThat(PartitionKeyRange.single("a")).isEqualTo(PartitionKeyRange.of("a", "a"));
    assertThat(PartitionKeyRange.single("a").isSingle()).isTrue();
    assertThat(PartitionKeyRange.of("a", "b").isSingle()).isFalse();
  }

  @Test
  void shouldRejectBlankBoundsWhenCreated() {
    assertThatThrownBy(() -> PartitionKeyRange.of("a", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A partition key range needs a non-blank start and end key, got start 'a' and end ' ';"
                + " for one partition use PartitionKeyRange.single(key)");
    assertThatThrownBy(() -> PartitionKeyRange.single(null)).hasMessageContaining("start null");
  }

  @Test
  void shouldReadClockOnceWhenContextCreated() {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    var store = new InMemoryDynamicPartitionsStore();

    PartitionContext ctx = PartitionContext.of(Clock.fixed(now, ZoneOffset.UTC), store);

    assertThat(ctx.now()).isEqualTo(now);
    assertThat(ctx.dynamicPartitions()).isSameAs(store);
    assertThat(PartitionContext.at(now).dynamicPartitions().keys("any")).isEmpty();
    assertThatThrownBy(() -> new PartitionContext(null, store))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void shouldMeasureWindowWhenTimeWindowBuilt() {
    var window =
        new TimeWindow(
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T01:00:00Z"));

    assertThat(window.contains(Instant.parse("2024-01-01T00:00:00Z"))).isTrue();
    assertThat(window.contains(Instant.parse("2024-01-01T01:00:00Z"))).isFalse();
    assertThat(window).hasToString("[2024-01-01T00:00:00Z, 2024-01-01T01:00:00Z)");
    assertThatThrownBy(() -> new TimeWindow(window.end(), window.start()))
        .hasMessageContaining("needs a start before its end");
  }
}
