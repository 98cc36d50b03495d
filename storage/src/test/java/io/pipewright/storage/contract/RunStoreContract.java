package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static io.pipewright.storage.contract.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.run.IllegalRunTransitionException;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunAlreadyExistsException;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunNotFoundException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link RunStore}: every adapter's test extends this class. */
public abstract class RunStoreContract {

  /** The adapter under test, empty before each test. */
  protected RunStore store;

  /**
   * Returns the adapter under test with no runs stored.
   *
   * @return the store
   */
  protected abstract RunStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  private Run add(Run run) {
    return await(store.add(run));
  }

  private List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::runId).toList();
  }

  @Test
  void shouldKeepEveryFieldWhenARunIsAddedAndFound() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ops", Map.of("extract", Map.of("config", Map.of("limit", 10L))));
    config.put("ratio", 0.25);
    config.put("exact", new BigDecimal("12345678901234567890.123"));
    config.put("list", java.util.Arrays.asList("a", null, true));
    config.put("secret", Map.of("env", "DB_PASSWORD"));
    Run run =
        run("r1", "orders", RunStatus.QUEUED, 0)
            .runConfig(config)
            .tags(Map.of("team", "data", "dagster/priority", "3"))
            .opSelection(List.of("extract*", "load"))
            .assetSelection(List.of(AssetKeySnapshot.of("raw", "orders")))
            .stepKeysToExecute(List.of("extract", "load"))
            .partitionKey("2026-01-04")
            .planSnapshotId("plan-abc")
            .jobSnapshotId("job-abc")
            .parentRunId("r0")
            .rootRunId("r00")
            .backfillId("bf1")
            .updateTime(at(5))
            .startTime(at(6))
            .endTime(at(7))
            .build();

    add(run);

    assertThat(await(store.find("r1"))).contains(run);
  }

  @Test
  void shouldReturnEmptyWhenNoRunHasTheId() {
    assertThat(await(store.find("nope"))).isEmpty();
  }

  @Test
  void shouldFailWhenARunIdIsAddedTwice() {
    add(run("r1", "orders", RunStatus.QUEUED, 0).build());

    assertThatThrownBy(() -> add(run("r1", "other", RunStatus.QUEUED, 1).build()))
        .isInstanceOf(RunAlreadyExistsException.class)
        .hasMessageContaining("r1");
    assertThat(await(store.find("r1")).orElseThrow().jobName()).isEqualTo("orders");
  }

  @Test
  void shouldPageNewestFirstWhenListingWithACursor() {
    for (int i = 1; i <= 5; i++) {
      add(run("r" + i, "orders", RunStatus.QUEUED, i).build());
    }

    List<Run> first = await(store.list(RunFilter.ALL, null, 2));
    List<Run> second = await(store.list(RunFilter.ALL, "r4", 2));
    List<Run> last = await(store.list(RunFilter.ALL, "r2", 2));

    assertThat(ids(first)).containsExactly("r5", "r4");
    assertThat(ids(second)).containsExactly("r3", "r2");
    assertThat(ids(last)).containsExactly("r1");
    assertThat(await(store.list(RunFilter.ALL, "r1", 2))).isEmpty();
  }

  @Test
  void shouldFailWhenTheCursorNamesAnUnknownRun() {
    add(run("r1", "orders", RunStatus.QUEUED, 1).build());

    assertThatThrownBy(() -> await(store.list(RunFilter.ALL, "ghost", 10)))
        .isInstanceOf(RunNotFoundException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void shouldRejectALimitBelowOneWhenListing() {
    assertThatThrownBy(() -> await(store.list(RunFilter.ALL, null, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void shouldMatchEveryFilterPartWhenFiltering() {
    add(
        run("a", "orders", RunStatus.QUEUED, 1)
            .tags(Map.of("team", "data", "env", "prod"))
            .build());
    add(run("b", "orders", RunStatus.SUCCESS, 2).tags(Map.of("team", "data")).build());
    add(
        run("c", "billing", RunStatus.FAILURE, 3)
            .tags(Map.of("team", "data", "env", "prod"))
            .backfillId("bf1")
            .build());
    add(
        Run.builder("d", "orders", "other-location")
            .status(RunStatus.QUEUED)
            .createTime(at(4))
            .updateTime(at(40))
            .build());

    assertThat(ids(list(RunFilter.builder().runIds(List.of("a", "c", "zz")).build())))
        .containsExactly("c", "a");
    assertThat(ids(list(RunFilter.builder().jobName("orders").build())))
        .containsExactly("d", "b", "a");
    assertThat(ids(list(RunFilter.builder().codeLocation("other-location").build())))
        .containsExactly("d");
    assertThat(
            ids(
                list(
                    RunFilter.builder()
                        .statuses(Set.of(RunStatus.SUCCESS, RunStatus.FAILURE))
                        .build())))
        .containsExactly("c", "b");
    assertThat(ids(list(RunFilter.builder().tags(Map.of("team", "data", "env", "prod")).build())))
        .containsExactly("c", "a");
    assertThat(ids(list(RunFilter.builder().tags(Map.of("env", "dev")).build()))).isEmpty();
    assertThat(ids(list(RunFilter.builder().createdAfter(at(1)).createdBefore(at(4)).build())))
        .containsExactly("c", "b");
    assertThat(ids(list(RunFilter.builder().updatedAfter(at(10)).build()))).containsExactly("d");
    assertThat(ids(list(RunFilter.builder().updatedBefore(at(3)).build())))
        .containsExactly("b", "a");
    assertThat(ids(list(RunFilter.builder().backfillId("bf1").build()))).containsExactly("c");
    assertThat(
            ids(
                list(
                    RunFilter.builder()
                        .jobName("orders")
                        .statuses(Set.of(RunStatus.QUEUED))
                        .tags(Map.of("team", "data"))
                        .build())))
        .containsExactly("a");
  }

  private List<Run> list(RunFilter filter) {
    return await(store.list(filter, null, 100));
  }

  @Test
  void shouldCountWhatTheFilterMatchesWhenCounting() {
    add(run("a", "orders", RunStatus.QUEUED, 1).tags(Map.of("team", "data")).build());
    add(run("b", "orders", RunStatus.SUCCESS, 2).build());
    add(run("c", "billing", RunStatus.QUEUED, 3).tags(Map.of("team", "data")).build());

    assertThat(await(store.count(RunFilter.ALL))).isEqualTo(3);
    assertThat(await(store.count(RunFilter.builder().jobName("orders").build()))).isEqualTo(2);
    assertThat(await(store.count(RunFilter.builder().tags(Map.of("team", "data")).build())))
        .isEqualTo(2);
    assertThat(await(store.count(RunFilter.builder().jobName("none").build()))).isZero();
  }

  @Test
  void shouldPageWithinAFilterWhenTheCursorRunDoesNotMatchIt() {
    add(run("a", "orders", RunStatus.QUEUED, 1).build());
    add(run("b", "billing", RunStatus.QUEUED, 2).build());
    add(run("c", "orders", RunStatus.QUEUED, 3).build());

    assertThat(ids(await(store.list(RunFilter.builder().jobName("orders").build(), "b", 10))))
        .containsExactly("a");
  }

  @Test
  void shouldPageNewestFirstWithinATagWhenGivenACursor() {
    for (int i = 1; i <= 7; i++) {
      Map<String, String> tags = i % 2 == 1 ? Map.of("team", "data") : Map.of("team", "web");
      add(
          run("r" + i, "orders", i == 5 ? RunStatus.FAILURE : RunStatus.QUEUED, i)
              .tags(tags)
              .build());
    }
    // A tag added later (its own write path) pages like one the run was created with.
    await(store.addTags("r2", Map.of("team", "data")));
    RunFilter data = RunFilter.builder().tags(Map.of("team", "data")).build();

    assertThat(ids(await(store.list(data, null, 2)))).containsExactly("r7", "r5");
    assertThat(ids(await(store.list(data, "r5", 2)))).containsExactly("r3", "r2");
    assertThat(ids(await(store.list(data, "r2", 2)))).containsExactly("r1");
    assertThat(ids(await(store.list(data, "r6", 10)))).containsExactly("r5", "r3", "r2", "r1");
    RunFilter queuedData =
        RunFilter.builder().tags(Map.of("team", "data")).statuses(Set.of(RunStatus.QUEUED)).build();
    assertThat(ids(await(store.list(queuedData, "r7", 10)))).containsExactly("r3", "r2", "r1");
    assertThat(await(store.count(queuedData))).isEqualTo(4);
  }

  @Test
  void shouldListQueuedRunsOldestFirstWhenAskedForTheQueue() {
    add(run("a", "orders", RunStatus.QUEUED, 1).build());
    add(run("b", "orders", RunStatus.STARTED, 2).build());
    add(run("c", "orders", RunStatus.QUEUED, 3).build());
    add(run("d", "orders", RunStatus.QUEUED, 4).build());

    assertThat(ids(await(store.queued(2)))).containsExactly("a", "c");
  }

  @Test
  void shouldSetTimesWhenARunMovesThroughItsLifecycle() {
    add(run("r1", "orders", RunStatus.QUEUED, 0).build());

    Run starting = await(store.transition("r1", RunStatus.QUEUED, RunStatus.STARTING, at(1)));
    Run started = await(store.transition("r1", RunStatus.STARTING, RunStatus.STARTED, at(2)));
    Run done = await(store.transition("r1", RunStatus.STARTED, RunStatus.SUCCESS, at(3)));

    assertThat(starting.status()).isEqualTo(RunStatus.STARTING);
    assertThat(starting.updateTime()).isEqualTo(at(1));
    assertThat(started.startTime()).isEqualTo(at(2));
    assertThat(done.endTime()).isEqualTo(at(3));
    assertThat(await(store.find("r1"))).contains(done);
  }

  @Test
  void shouldFailWithAConflictWhenTheExpectedStatusIsStale() {
    add(run("r1", "orders", RunStatus.QUEUED, 0).build());
    await(store.transition("r1", RunStatus.QUEUED, RunStatus.STARTING, at(1)));

    assertThatThrownBy(
            () -> await(store.transition("r1", RunStatus.QUEUED, RunStatus.CANCELED, at(2))))
        .isInstanceOf(RunConflictException.class)
        .hasMessageContaining("STARTING");
    assertThat(await(store.find("r1")).orElseThrow().status()).isEqualTo(RunStatus.STARTING);
  }

  @Test
  void shouldRejectATransitionTheLifecycleForbids() {
    add(run("r1", "orders", RunStatus.SUCCESS, 0).build());

    assertThatThrownBy(
            () -> await(store.transition("r1", RunStatus.SUCCESS, RunStatus.STARTED, at(2))))
        .isInstanceOf(IllegalRunTransitionException.class);
    assertThat(await(store.find("r1")).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldFailWhenTransitioningAnUnknownRun() {
    assertThatThrownBy(
            () -> await(store.transition("ghost", RunStatus.QUEUED, RunStatus.STARTING, at(1))))
        .isInstanceOf(RunNotFoundException.class);
  }

  @Test
  void shouldLetExactlyOneWriterWinWhenTransitionsRace() throws Exception {
    add(run("r1", "orders", RunStatus.QUEUED, 0).build());

    List<Object> results =
        Fixtures.concurrently(
            8,
            n ->
                await(
                    store.transition(
                        "r1",
                        RunStatus.QUEUED,
                        n % 2 == 0 ? RunStatus.STARTING : RunStatus.CANCELED,
                        at(1))));

    assertThat(results.stream().filter(Run.class::isInstance)).hasSize(1);
    assertThat(results.stream().filter(RunConflictException.class::isInstance)).hasSize(7);
  }

  @Test
  void shouldMergeTagsWhenTagsAreAdded() {
    add(run("r1", "orders", RunStatus.QUEUED, 0).tags(Map.of("a", "1", "b", "2")).build());

    Run changed = await(store.addTags("r1", Map.of("b", "3", "c", "4")));

    assertThat(changed.tags())
        .containsOnly(Map.entry("a", "1"), Map.entry("b", "3"), Map.entry("c", "4"));
    assertThat(await(store.find("r1")).orElseThrow().tags()).isEqualTo(changed.tags());
    assertThat(ids(list(RunFilter.builder().tags(Map.of("b", "3")).build()))).containsExactly("r1");
    assertThat(list(RunFilter.builder().tags(Map.of("b", "2")).build())).isEmpty();
  }

  @Test
  void shouldFailWhenTaggingAnUnknownRun() {
    assertThatThrownBy(() -> await(store.addTags("ghost", Map.of("a", "1"))))
        .isInstanceOf(RunNotFoundException.class);
  }

  @Test
  void shouldForgetTheRunAndItsTagsWhenDeleted() {
    add(run("r1", "orders", RunStatus.QUEUED, 0).tags(Map.of("team", "data")).build());
    add(run("r2", "orders", RunStatus.QUEUED, 1).build());

    assertThat(await(store.delete("r1"))).isTrue();
    assertThat(await(store.delete("r1"))).isFalse();
    assertThat(await(store.find("r1"))).isEmpty();
    assertThat(list(RunFilter.builder().tags(Map.of("team", "data")).build())).isEmpty();
    assertThat(ids(list(RunFilter.ALL))).containsExactly("r2");
  }
}
