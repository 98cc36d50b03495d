package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.pool.ClaimedSlot;
import io.pipewright.core.pool.PendingStep;
import io.pipewright.core.pool.PoolStatus;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.pool.SlotClaim;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link PoolStore}: every adapter's test extends this class. */
public abstract class PoolStoreContract {

  /** The adapter under test, empty before each test. */
  protected PoolStore store;

  /**
   * Returns the adapter under test with nothing stored.
   *
   * @return the store
   */
  protected abstract PoolStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  private boolean claim(String pool, String run, String step, int priority, long when) {
    return await(store.claim(pool, run, step, priority, at(when))).claimed();
  }

  @Test
  void shouldGrantEveryClaimAndRecordItWhenThePoolHasNoLimit() {
    assertThat(claim("db", "r1", "a", 0, 1)).isTrue();
    assertThat(claim("db", "r1", "b", 0, 2)).isTrue();

    PoolStatus status = await(store.pool("db"));

    assertThat(status.limit()).isNull();
    assertThat(status.claimed())
        .containsExactly(new ClaimedSlot("r1", "a", at(1)), new ClaimedSlot("r1", "b", at(2)));
    assertThat(status.pending()).isEmpty();
    assertThat(status.freeSlots()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldQueueStepsWhenThePoolIsFull() {
    await(store.setLimit("db", 2));

    assertThat(claim("db", "r1", "a", 0, 1)).isTrue();
    assertThat(claim("db", "r1", "b", 0, 2)).isTrue();
    SlotClaim third = await(store.claim("db", "r2", "a", 0, at(3)));

    assertThat(third).isEqualTo(SlotClaim.pending("db", "r2", "a"));
    assertThat(await(store.pool("db")).pending())
        .containsExactly(new PendingStep("r2", "a", 0, at(3)));
    assertThat(await(store.pool("db")).freeSlots()).isZero();
  }

  @Test
  void shouldServeWaitingStepsByPriorityThenArrivalWhenSlotsFree() {
    await(store.setLimit("db", 1));
    claim("db", "r1", "a", 0, 1);
    claim("db", "r2", "a", 0, 2);
    claim("db", "r3", "a", 5, 3);
    claim("db", "r4", "a", 0, 4);

    assertThat(await(store.pool("db")).pending())
        .extracting(PendingStep::runId)
        .containsExactly("r3", "r2", "r4");
    assertThat(await(store.free("r1", "a"))).isEqualTo(1);
    assertThat(claim("db", "r2", "a", 0, 5)).isFalse();
    assertThat(claim("db", "r3", "a", 5, 5)).isTrue();
    assertThat(await(store.pool("db")).pending())
        .extracting(PendingStep::runId)
        .containsExactly("r2", "r4");
  }

  @Test
  void shouldGrantAgainWhenAHolderClaimsTwice() {
    await(store.setLimit("db", 1));

    assertThat(claim("db", "r1", "a", 0, 1)).isTrue();
    assertThat(claim("db", "r1", "a", 0, 2)).isTrue();
    assertThat(await(store.pool("db")).claimed()).hasSize(1);
  }

  @Test
  void shouldGrantNothingWhenTheLimitIsZero() {
    await(store.setLimit("db", 0));

    assertThat(claim("db", "r1", "a", 0, 1)).isFalse();
    await(store.setLimit("db", 1));
    assertThat(claim("db", "r1", "a", 0, 2)).isTrue();
  }

  @Test
  void shouldHoldBackNewClaimsWhenTheLimitIsLoweredBelowTheHeldSlots() {
    await(store.setLimit("db", 3));
    claim("db", "r1", "a", 0, 1);
    claim("db", "r1", "b", 0, 1);
    claim("db", "r1", "c", 0, 1);

    await(store.setLimit("db", 1));
    await(store.free("r1", "a"));

    assertThat(claim("db", "r2", "a", 0, 2)).isFalse();
    assertThat(await(store.pool("db")).claimed()).hasSize(2);
  }

  @Test
  void shouldFreeARunsSlotsAndPendingStepsWhenTheRunEnds() {
    await(store.setLimit("db", 1));
    await(store.setLimit("api", 5));
    claim("db", "r1", "a", 0, 1);
    claim("api", "r1", "b", 0, 1);
    claim("db", "r1", "c", 0, 2);
    claim("db", "r2", "a", 0, 3);

    assertThat(await(store.freeRun("r1"))).isEqualTo(2);

    assertThat(await(store.pool("api")).claimed()).isEmpty();
    assertThat(await(store.pool("db")).pending())
        .extracting(PendingStep::runId)
        .containsExactly("r2");
    assertThat(claim("db", "r2", "a", 0, 4)).isTrue();
  }

  @Test
  void shouldListPoolsWithALimitOrUsersWhenAsked() {
    await(store.setLimit("b-limited", 2));
    claim("a-busy", "r1", "x", 0, 1);
    claim("c-gone", "r1", "y", 0, 1);
    await(store.free("r1", "y"));

    assertThat(await(store.pools()))
        .extracting(PoolStatus::pool)
        .containsExactly("a-busy", "b-limited");
  }

  @Test
  void shouldMakeThePoolUnlimitedWhenTheLimitIsDeleted() {
    await(store.setLimit("db", 0));

    assertThat(await(store.deleteLimit("db"))).isTrue();
    assertThat(await(store.deleteLimit("db"))).isFalse();
    assertThat(claim("db", "r1", "a", 0, 1)).isTrue();
  }

  @Test
  void shouldRejectBadInputWhenSettingALimit() {
    assertThatThrownBy(() -> await(store.setLimit("db", -1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(store.setLimit(" ", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGrantNoMoreThanTheLimitWhenClaimsRace() throws Exception {
    await(store.setLimit("db", 3));

    List<Object> results =
        Fixtures.concurrently(10, n -> await(store.claim("db", "r" + n, "s", 0, at(n))));

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SlotClaim.class));
    assertThat(results.stream().filter(r -> ((SlotClaim) r).claimed())).hasSize(3);
    assertThat(await(store.pool("db")).claimed()).hasSize(3);
    assertThat(await(store.pool("db")).pending()).hasSize(7);
  }
}
