package io.pipewright.core.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyPoolsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static PendingStep pending(String run, String step, String pool, int priority, int s) {
    return new PendingStep(run, step, pool, priority, T0.plusSeconds(s));
  }

  private static List<String> keys(List<PendingStep> steps) {
    return steps.stream().map(s -> s.runId() + "/" + s.stepKey()).toList();
  }

  @Test
  void shouldReadThePoolTagFirstThenTheLegacyConcurrencyKey() {
    assertThat(ConcurrencyPools.poolOf(Map.of("pool", "db", "dagster/concurrency_key", "old")))
        .isEqualTo("db");
    assertThat(ConcurrencyPools.poolOf(Map.of("dagster/concurrency_key", "warehouse")))
        .isEqualTo("warehouse");
    assertThat(ConcurrencyPools.poolOf(Map.of("pool", " "))).isNull();
    assertThat(ConcurrencyPools.poolOf(Map.of())).isNull();
  }

  @Test
  void shouldGrantFreeSlotsByPriorityThenLongestWaitingWhenAPoolIsContended() {
    List<PendingStep> waiting =
        List.of(
            pending("r1", "late", "db", 0, 5),
            pending("r2", "early", "db", 0, 1),
            pending("r3", "urgent", "db", 9, 9));

    SlotAllocation allocation =
        ConcurrencyPools.allocate(
            PoolLimits.of(Map.of("db", 3)), List.of(new SlotHolder("r0", "busy", "db")), waiting);

    assertThat(keys(allocation.granted())).containsExactly("r3/urgent", "r2/early");
    assertThat(keys(allocation.waiting())).containsExactly("r1/late");
  }

  @Test
  void shouldNotLetAFullPoolHoldStepsOfOtherPools() {
    List<PendingStep> waiting =
        List.of(pending("r1", "a", "db", 5, 0), pending("r1", "b", "api", 0, 1));

    SlotAllocation allocation =
        ConcurrencyPools.allocate(
            PoolLimits.of(Map.of("db", 1, "api", 1)),
            List.of(new SlotHolder("r0", "x", "db")),
            waiting);

    assertThat(keys(allocation.granted())).containsExactly("r1/b");
    assertThat(keys(allocation.waiting())).containsExactly("r1/a");
  }

  @Test
  void shouldGrantEveryStepOfAnUnlistedPoolUnlessADefaultLimitsIt() {
    List<PendingStep> waiting =
        List.of(pending("r1", "a", "misc", 0, 0), pending("r1", "b", "misc", 0, 1));

    assertThat(ConcurrencyPools.allocate(PoolLimits.UNLIMITED, List.of(), waiting).granted())
        .hasSize(2);
    assertThat(ConcurrencyPools.allocate(new PoolLimits(Map.of(), 1), List.of(), waiting).granted())
        .hasSize(1);
  }

  @Test
  void shouldIgnoreAStepThatAlreadyHoldsASlotOrIsListedTwice() {
    PendingStep again = pending("r1", "a", "db", 0, 0);

    SlotAllocation allocation =
        ConcurrencyPools.allocate(
            PoolLimits.of(Map.of("db", 2)),
            List.of(new SlotHolder("r1", "a", "db")),
            List.of(again, pending("r1", "b", "db", 0, 1), pending("r1", "b", "db", 0, 1)));

    assertThat(keys(allocation.granted())).containsExactly("r1/b");
    assertThat(allocation.waiting()).isEmpty();
  }

  @Test
  void shouldHoldEveryStepOfAPoolWithZeroSlots() {
    SlotAllocation allocation =
        ConcurrencyPools.allocate(
            PoolLimits.of(Map.of("frozen", 0)),
            List.of(),
            List.of(pending("r", "s", "frozen", 0, 0)));

    assertThat(allocation.granted()).isEmpty();
  }

  @Test
  void shouldBreakTiesByRunAndStepSoTheOrderOfRunsDoesNotMatter() {
    PendingStep b = pending("r2", "s", "db", 0, 0);
    PendingStep a = pending("r1", "s", "db", 0, 0);

    SlotAllocation one =
        ConcurrencyPools.allocate(PoolLimits.of(Map.of("db", 1)), List.of(), List.of(b, a));
    SlotAllocation two =
        ConcurrencyPools.allocate(PoolLimits.of(Map.of("db", 1)), List.of(), List.of(a, b));

    assertThat(one.granted()).isEqualTo(two.granted()).containsExactly(a);
  }

  @Test
  void shouldRejectNegativeSlotsWhenLimitsAreBuilt() {
    assertThatThrownBy(() -> PoolLimits.of(Map.of("db", -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool 'db'");
  }
}
