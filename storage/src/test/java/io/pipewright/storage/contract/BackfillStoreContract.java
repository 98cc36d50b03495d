package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillAlreadyExistsException;
import io.pipewright.core.backfill.BackfillNotFoundException;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.backfill.IllegalBackfillTransitionException;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link BackfillStore}: every adapter's test extends this class. */
public abstract class BackfillStoreContract {

  /** The adapter under test, empty before each test. */
  protected BackfillStore store;

  /**
   * Returns the adapter under test with no backfills stored.
   *
   * @return the store
   */
  protected abstract BackfillStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  private static Backfill job(String id, long created, String... partitions) {
    return Backfill.ofJob(id, "etl", "daily_orders", List.of(partitions), at(created));
  }

  @Test
  void shouldKeepEveryFieldWhenAddedAndFound() {
    Backfill jobs =
        job("bf1", 0, "2026-01-01", "2026-01-02").withOptions(Map.of("team", "data"), true);
    Backfill assets =
        Backfill.ofAssets(
            "bf2",
            "assets",
            List.of(AssetKeySnapshot.of("raw", "orders"), AssetKeySnapshot.of("daily")),
            List.of("a"),
            at(1));

    await(store.add(jobs));
    await(store.add(assets));

    assertThat(await(store.find("bf1"))).contains(jobs);
    assertThat(await(store.find("bf2"))).contains(assets);
    assertThat(await(store.find("nope"))).isEmpty();
  }

  @Test
  void shouldFailWhenAnIdIsAddedTwice() {
    await(store.add(job("bf1", 0, "a")));

    assertThatThrownBy(() -> await(store.add(job("bf1", 1, "b"))))
        .isInstanceOf(BackfillAlreadyExistsException.class);
  }

  @Test
  void shouldPageNewestFirstWhenListed() {
    for (int i = 1; i <= 4; i++) {
      await(store.add(job("bf" + i, i, "a")));
    }
    await(store.update("bf2", b -> b.withStatus(BackfillStatus.CANCELED, at(9))));

    assertThat(await(store.list(Set.of(), null, 3)))
        .extracting(Backfill::backfillId)
        .containsExactly("bf4", "bf3", "bf2");
    assertThat(await(store.list(Set.of(), "bf2", 3)))
        .extracting(Backfill::backfillId)
        .containsExactly("bf1");
    assertThat(await(store.list(Set.of(BackfillStatus.REQUESTED), null, 10)))
        .extracting(Backfill::backfillId)
        .containsExactly("bf4", "bf3", "bf1");
    assertThatThrownBy(() -> await(store.list(Set.of(), "ghost", 3)))
        .isInstanceOf(BackfillNotFoundException.class);
  }

  @Test
  void shouldRecordProgressWhenUpdated() {
    await(store.add(job("bf1", 0, "p1", "p2", "p3")));

    await(
        store.update(
            "bf1",
            b ->
                b.withPartitions(
                    List.of(
                        new BackfillPartition("p1", BackfillPartitionStatus.REQUESTED, "run-1"),
                        new BackfillPartition("p2", BackfillPartitionStatus.REQUESTED, "run-2")))));
    Backfill done =
        await(
            store.update(
                "bf1",
                b ->
                    b.withPartitions(
                            List.of(
                                new BackfillPartition(
                                    "p1", BackfillPartitionStatus.SUCCEEDED, "run-1"),
                                new BackfillPartition(
                                    "p2", BackfillPartitionStatus.FAILED, "run-2"),
                                new BackfillPartition(
                                    "p3", BackfillPartitionStatus.CANCELED, null)))
                        .withStatus(BackfillStatus.COMPLETED_FAILED, at(5))));

    assertThat(await(store.find("bf1"))).contains(done);
    assertThat(done.partitions())
        .containsExactly(
            new BackfillPartition("p1", BackfillPartitionStatus.SUCCEEDED, "run-1"),
            new BackfillPartition("p2", BackfillPartitionStatus.FAILED, "run-2"),
            new BackfillPartition("p3", BackfillPartitionStatus.CANCELED, null));
    assertThat(done.endTime()).isEqualTo(at(5));
  }

  @Test
  void shouldKeepTheErrorWhenABackfillFails() {
    await(store.add(job("bf1", 0, "p1")));
    ErrorSnapshot error = ErrorSnapshot.of("NotFound", "job daily_orders is gone");

    Backfill failed =
        await(store.update("bf1", b -> b.withStatus(BackfillStatus.FAILED, error, at(3))));

    assertThat(await(store.find("bf1"))).contains(failed);
    assertThat(failed.error()).isEqualTo(error);
  }

  @Test
  void shouldStoreAFailedBackfillResumedWithoutItsErrorWhenAsked() {
    await(store.add(job("bf1", 0, "p1")));
    ErrorSnapshot error = ErrorSnapshot.of("NotFound", "job daily_orders is gone");
    await(store.update("bf1", b -> b.withStatus(BackfillStatus.FAILED, error, at(3))));

    Backfill resumed = await(store.update("bf1", b -> b.resumed(at(4))));

    assertThat(await(store.find("bf1"))).contains(resumed);
    assertThat(resumed.status()).isEqualTo(BackfillStatus.REQUESTED);
    assertThat(resumed.error()).isNull();
    assertThat(resumed.endTime()).isNull();
  }

  @Test
  void shouldRejectAnUpdateWhenALifecycleForbidsIt() {
    await(store.add(job("bf1", 0, "p1")));
    await(store.update("bf1", b -> b.withStatus(BackfillStatus.CANCELED, at(1))));

    assertThatThrownBy(
            () ->
                await(
                    store.update(
                        "bf1",
                        b ->
                            new Backfill(
                                b.backfillId(),
                                BackfillStatus.REQUESTED,
                                b.codeLocation(),
                                b.jobName(),
                                b.assetSelection(),
                                b.partitions(),
                                b.tags(),
                                b.fromFailure(),
                                null,
                                b.createTime(),
                                null))))
        .isInstanceOf(IllegalBackfillTransitionException.class);
    await(store.add(job("bf2", 0, "p1")));
    assertThatThrownBy(
            () ->
                await(
                    store.update(
                        "bf2",
                        b ->
                            new Backfill(
                                b.backfillId(),
                                b.status(),
                                b.codeLocation(),
                                b.jobName(),
                                b.assetSelection(),
                                List.of(
                                    new BackfillPartition(
                                        "p1", BackfillPartitionStatus.SUCCEEDED, "r")),
                                b.tags(),
                                b.fromFailure(),
                                null,
                                b.createTime(),
                                null))))
        .isInstanceOf(IllegalBackfillTransitionException.class)
        .hasMessageContaining("p1");
    assertThat(await(store.find("bf2")).orElseThrow().partitions().get(0).status())
        .isEqualTo(BackfillPartitionStatus.PENDING);
  }

  @Test
  void shouldRejectAnUpdateWhenItChangesTheBackfillsIdentity() {
    await(store.add(job("bf1", 0, "p1", "p2")));

    assertThatThrownBy(() -> await(store.update("bf1", b -> job("bf1", 0, "p2", "p1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(store.update("bf1", b -> job("bf1", 0, "p1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFailWhenUpdatingAnUnknownBackfill() {
    assertThatThrownBy(() -> await(store.update("ghost", b -> b)))
        .isInstanceOf(BackfillNotFoundException.class);
  }

  @Test
  void shouldApplyEveryUpdateWhenUpdatesRace() throws Exception {
    int writers = 8;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      keys.add("p" + i);
    }
    await(store.add(Backfill.ofJob("bf1", "etl", "job", keys, at(0))));

    Fixtures.concurrently(
        writers,
        n ->
            await(
                store.update(
                    "bf1",
                    b ->
                        b.withPartitions(
                            List.of(
                                new BackfillPartition(
                                    "p" + n, BackfillPartitionStatus.REQUESTED, "run-" + n))))));

    assertThat(
            await(store.find("bf1")).orElseThrow().partitionsIn(BackfillPartitionStatus.REQUESTED))
        .hasSize(writers);
  }

  @Test
  void shouldKeepPartitionOrderWhenABackfillHasThousandsOfPartitions() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add("2020-01-01-" + (5_000 - i));
    }
    await(store.add(Backfill.ofJob("big", "etl", "job", keys, at(0))));

    Backfill updated =
        await(
            store.update(
                "big",
                b ->
                    b.withPartitions(
                        List.of(
                            new BackfillPartition(
                                keys.get(4_999), BackfillPartitionStatus.REQUESTED, "r")))));

    assertThat(await(store.find("big")).orElseThrow()).isEqualTo(updated);
    assertThat(updated.partitions())
        .extracting(BackfillPartition::partitionKey)
        .containsExactlyElementsOf(keys);
  }
}
