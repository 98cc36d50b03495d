package io.pipewright.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolStatusTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void shouldCountFreeSlotsWhenLimitedOrNot() {
    List<ClaimedSlot> two = List.of(new ClaimedSlot("r", "a", T0), new ClaimedSlot("r", "b", T0));

    assertThat(new PoolStatus("db", 3, two, List.of()).freeSlots()).isEqualTo(1);
    assertThat(new PoolStatus("db", 1, two, List.of()).freeSlots()).isZero();
    assertThat(new PoolStatus("db", null, two, List.of()).freeSlots()).isEqualTo(Integer.MAX_VALUE);
  }
}
