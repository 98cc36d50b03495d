package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.instigation.IllegalTickTransitionException;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.ScheduledTime;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickAlreadyExistsException;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickNotFoundException;
import io.pipewright.core.instigation.TickStart;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link InstigatorStore}: every adapter's test extends this class. */
public abstract class InstigatorStoreContract {

  private static final InstigatorSelector DAILY = InstigatorSelector.of("etl", "daily");
  private static final InstigatorSelector FILES = InstigatorSelector.of("etl", "new_files");

  /** The adapter under test, empty before each test. */
  protected InstigatorStore store;

  /**
   * Returns the adapter under test with nothing stored.
   *
   * @return the store
   */
  protected abstract InstigatorStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  private InstigatorState setStatus(
      InstigatorSelector selector, InstigatorType type, InstigatorStatus status) {
    return await(store.updateState(selector, type, at(0), s -> s.withStatus(status, at(1))));
  }

  @Test
  void shouldStartFromTheInitialStateWhenNoneIsStored() {
    assertThat(await(store.state(DAILY))).isEmpty();

    InstigatorState running = setStatus(DAILY, InstigatorType.SCHEDULE, InstigatorStatus.RUNNING);

    assertThat(running)
        .isEqualTo(
            new InstigatorState(
                DAILY, InstigatorType.SCHEDULE, InstigatorStatus.RUNNING, null, null, null, at(1)));
    assertThat(await(store.state(DAILY))).contains(running);
  }

  @Test
  void shouldMoveCheckpointsOnlyForwardWhenAdvancedTogether() {
    InstigatorSelector ahead = InstigatorSelector.of("etl", "ahead");
    InstigatorSelector behind = InstigatorSelector.of("etl", "behind");
    InstigatorSelector unknown = InstigatorSelector.of("etl", "unknown");
    await(
        store.updateState(
            ahead, InstigatorType.SCHEDULE, at(0), s -> s.afterTick(at(50), "c", "k", at(1))));
    await(
        store.updateState(
            behind,
            InstigatorType.SCHEDULE,
            at(0),
            s -> s.withStatus(InstigatorStatus.RUNNING, at(1)).afterTick(at(10), "c", "k", at(1))));

    await(
        store.advanceCheckpoints(
            InstigatorType.SCHEDULE,
            Map.of(ahead, at(30), behind, at(60), unknown, at(60)),
            at(90)));

    assertThat(await(store.state(ahead)))
        .contains(
            new InstigatorState(
                ahead,
                InstigatorType.SCHEDULE,
                InstigatorStatus.DECLARED_IN_CODE,
                "c",
                at(50),
                "k",
                at(1)));
    assertThat(await(store.state(behind)))
        .contains(
            new InstigatorState(
                behind,
                InstigatorType.SCHEDULE,
                InstigatorStatus.RUNNING,
                "c",
                at(60),
                "k",
                at(90)));
    assertThat(await(store.state(unknown)))
        .contains(
            new InstigatorState(
                unknown,
                InstigatorType.SCHEDULE,
                InstigatorStatus.DECLARED_IN_CODE,
                null,
                at(60),
                null,
                at(90)));
  }

  @Test
  void shouldKeepEveryFieldWhenAStateIsUpdated() {
    setStatus(FILES, InstigatorType.SENSOR, InstigatorStatus.RUNNING);

    InstigatorState ticked =
        await(
            store.updateState(
                FILES,
                InstigatorType.SENSOR,
                at(0),
                s -> s.afterTick(at(5), "cursor-7", "key-3", at(6))));

    assertThat(ticked.status()).isEqualTo(InstigatorStatus.RUNNING);
    assertThat(await(store.state(FILES)))
        .contains(
            new InstigatorState(
                FILES,
                InstigatorType.SENSOR,
                InstigatorStatus.RUNNING,
                "cursor-7",
                at(5),
                "key-3",
                at(6)));
  }

  @Test
  void shouldRejectAnUpdateWhenItReturnsAnotherInstigatorsState() {
    assertThatThrownBy(
            () ->
                await(
                    store.updateState(
                        DAILY,
                        InstigatorType.SCHEDULE,
                        at(0),
                        s -> InstigatorState.initial(FILES, InstigatorType.SENSOR, at(0)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etl:daily");
    assertThat(await(store.state(DAILY))).isEmpty();
  }

  @Test
  void shouldApplyEveryUpdateWhenUpdatesRace() throws Exception {
    int writers = 8;
    Fixtures.concurrently(
        writers,
        n ->
            await(
                store.updateState(
                    FILES,
                    InstigatorType.SENSOR,
                    at(0),
                    s ->
                        s.withCursor(
                            String.valueOf(
                                (s.cursor() == null ? 0 : Integer.parseInt(s.cursor())) + 1),
                            at(1)))));

    assertThat(await(store.state(FILES)).orElseThrow().cursor()).isEqualTo(String.valueOf(writers));
  }

  @Test
  void shouldListStatesByLocationAndTypeWhenFiltered() {
    InstigatorSelector other = InstigatorSelector.of("assets", "hourly");
    setStatus(FILES, InstigatorType.SENSOR, InstigatorStatus.RUNNING);
    setStatus(DAILY, InstigatorType.SCHEDULE, InstigatorStatus.STOPPED);
    setStatus(other, InstigatorType.SCHEDULE, InstigatorStatus.RUNNING);

    assertThat(await(store.states(null, null)))
        .extracting(InstigatorState::selector)
        .containsExactly(other, DAILY, FILES);
    assertThat(await(store.states("etl", null)))
        .extracting(InstigatorState::selector)
        .containsExactly(DAILY, FILES);
    assertThat(await(store.states(null, InstigatorType.SCHEDULE)))
        .extracting(InstigatorState::selector)
        .containsExactly(other, DAILY);
  }

  @Test
  void shouldForgetTheStateWhenDeleted() {
    setStatus(DAILY, InstigatorType.SCHEDULE, InstigatorStatus.RUNNING);

    assertThat(await(store.deleteState(DAILY))).isTrue();
    assertThat(await(store.deleteState(DAILY))).isFalse();
    assertThat(await(store.state(DAILY))).isEmpty();
  }

  @Test
  void shouldRefuseASecondTickWhenAScheduleTimeIsTickedTwice() {
    Tick first = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));

    assertThatThrownBy(() -> await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(11), at(0))))
        .isInstanceOfSatisfying(
            TickAlreadyExistsException.class,
            e -> assertThat(e.existingTickId()).isEqualTo(first.id()));
    Tick nextTime = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)));
    Tick otherSchedule =
        await(
            store.startTick(
                InstigatorSelector.of("etl", "weekly"), InstigatorType.SCHEDULE, at(10), at(0)));
    Tick sensor1 = await(store.startTick(FILES, InstigatorType.SENSOR, at(10), null));
    Tick sensor2 = await(store.startTick(FILES, InstigatorType.SENSOR, at(10), null));

    assertThat(first)
        .isEqualTo(Tick.started(first.id(), DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    assertThat(List.of(first.id(), nextTime.id(), otherSchedule.id(), sensor1.id(), sensor2.id()))
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldCreateOneTickWhenDaemonsRaceForAScheduledTime() throws Exception {
    List<Object> results =
        Fixtures.concurrently(
            8, n -> await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(n), at(0))));

    assertThat(results.stream().filter(Tick.class::isInstance)).hasSize(1);
    assertThat(results.stream().filter(TickAlreadyExistsException.class::isInstance)).hasSize(7);
    assertThat(await(store.ticks(DAILY, TickFilter.latest(10)))).hasSize(1);
  }

  @Test
  void shouldStartEachTimeOnceWhenTicksAreStartedInABatch() {
    InstigatorSelector weekly = InstigatorSelector.of("etl", "weekly");
    Tick before = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(5), at(0)));
    List<ScheduledTime> times =
        List.of(
            new ScheduledTime(DAILY, at(0)),
            new ScheduledTime(DAILY, at(60)),
            new ScheduledTime(weekly, at(0)));

    List<TickStart> starts = await(store.startTicks(InstigatorType.SCHEDULE, at(61), times));

    assertThat(starts).extracting(TickStart::time).containsExactlyElementsOf(times);
    assertThat(starts).extracting(TickStart::created).containsExactly(false, true, true);
    assertThat(starts.get(0).tick()).contains(before);
    Tick daily60 = starts.get(1).tick().orElseThrow();
    Tick weekly0 = starts.get(2).tick().orElseThrow();
    assertThat(daily60)
        .isEqualTo(Tick.started(daily60.id(), DAILY, InstigatorType.SCHEDULE, at(61), at(60)));
    assertThat(weekly0.instigator()).isEqualTo(weekly);
    assertThat(await(store.tick(daily60.id()))).contains(daily60);
    assertThat(List.of(before.id(), daily60.id(), weekly0.id())).doesNotHaveDuplicates();
    // A second batch (a restarted daemon) finds them all, finished or not.
    await(store.updateTick(daily60.success(at(62))));
    List<TickStart> again = await(store.startTicks(InstigatorType.SCHEDULE, at(70), times));
    assertThat(again).noneMatch(TickStart::created);
    assertThat(again.get(1).tick().orElseThrow().status()).isEqualTo(TickStatus.SUCCESS);
    assertThat(await(store.ticks(DAILY, TickFilter.latest(10)))).hasSize(2);
    assertThat(await(store.startTicks(InstigatorType.SCHEDULE, at(70), List.of()))).isEmpty();
  }

  @Test
  void shouldRejectABatchWhenItListsATimeTwice() {
    ScheduledTime time = new ScheduledTime(DAILY, at(0));

    assertThatThrownBy(
            () -> await(store.startTicks(InstigatorType.SCHEDULE, at(1), List.of(time, time))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThat(await(store.ticks(DAILY, TickFilter.latest(10)))).isEmpty();
  }

  @Test
  void shouldCreateEachTickOnceWhenDaemonsRaceWithBatches() throws Exception {
    List<ScheduledTime> times = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      times.add(new ScheduledTime(InstigatorSelector.of("etl", "s" + i), at(0)));
    }

    List<Object> results =
        Fixtures.concurrently(
            4, n -> await(store.startTicks(InstigatorType.SCHEDULE, at(n), times)));

    List<Long> created = new ArrayList<>();
    for (Object result : results) {
      @SuppressWarnings("unchecked")
      List<TickStart> starts = (List<TickStart>) result;
      assertThat(starts).hasSize(20).allMatch(s -> s.tick().isPresent());
      starts.stream().filter(TickStart::created).forEach(s -> created.add(s.tick().get().id()));
    }
    assertThat(created).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void shouldStoreEveryTickWhenTicksAreUpdatedInABatch() {
    Tick a = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    Tick b = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)));
    Tick c = await(store.startTick(FILES, InstigatorType.SENSOR, at(10), null));
    ErrorSnapshot error = ErrorSnapshot.of("java.lang.IllegalStateException", "boom");
    List<Tick> changed =
        List.of(
            a.reserve(List.of("run-a", "run-b"), List.of("key-a"), null),
            b.failure(error, at(71)),
            c.reserve(List.of("run-c"), List.of(), "cursor-2").withSubmittedRun("run-c"));

    assertThat(await(store.updateTicks(changed))).containsExactlyElementsOf(changed);

    assertThat(await(store.tick(a.id()))).contains(changed.get(0));
    assertThat(await(store.tick(b.id()))).contains(changed.get(1));
    assertThat(await(store.tick(c.id()))).contains(changed.get(2));
    Tick done = await(store.updateTick(changed.get(0).skipped("late", at(80))));
    assertThat(await(store.tick(a.id()))).contains(done);
    assertThat(await(store.updateTicks(List.of()))).isEmpty();
  }

  @Test
  void shouldStoreNoTickWhenOneOfABatchCannotBeStored() {
    Tick open = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    Tick finished = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)));
    await(store.updateTick(finished.success(at(71))));
    Tick ghost = Tick.started(999_999, DAILY, InstigatorType.SCHEDULE, at(0), at(0));
    Tick reserved = open.reserve(List.of("run-1"), List.of(), null);

    assertThatThrownBy(
            () -> await(store.updateTicks(List.of(reserved, finished.skipped("late", at(72))))))
        .isInstanceOf(IllegalTickTransitionException.class);
    assertThatThrownBy(() -> await(store.updateTicks(List.of(reserved, ghost))))
        .isInstanceOf(TickNotFoundException.class);
    assertThatThrownBy(() -> await(store.updateTicks(List.of(reserved, reserved))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(await(store.tick(open.id()))).isEqualTo(Optional.of(open));
    assertThat(await(store.tick(finished.id())).orElseThrow().status())
        .isEqualTo(TickStatus.SUCCESS);
  }

  @Test
  void shouldKeepReservationsAndOutcomeWhenATickIsUpdated() {
    Tick tick = await(store.startTick(FILES, InstigatorType.SENSOR, at(10), null));
    Tick reserved = tick.reserve(List.of("run-a", "run-b"), List.of("key-a", "key-b"), "c1");

    await(store.updateTick(reserved));
    Tick partly = await(store.updateTick(reserved.withSubmittedRun("run-a")));

    assertThat(await(store.tick(tick.id()))).contains(partly);
    assertThat(partly.unsubmittedRunIds()).containsExactly("run-b");

    Tick done = await(store.updateTick(partly.withSubmittedRun("run-b").success(at(12))));
    assertThat(await(store.tick(tick.id()))).contains(done);
    assertThat(done.endTime()).isEqualTo(at(12));
  }

  @Test
  void shouldKeepTheErrorWhenATickFails() {
    Tick tick = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    ErrorSnapshot error =
        new ErrorSnapshot(
            "io.grpc.StatusRuntimeException",
            "UNAVAILABLE: location down",
            List.of("at x(Y.java:1)"),
            ErrorSnapshot.of("java.net.ConnectException", "refused"),
            null);

    Tick failed = await(store.updateTick(tick.failure(error, at(11))));
    Tick skipped =
        await(
            store.updateTick(
                await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)))
                    .skipped("nothing new", at(71))));

    assertThat(await(store.tick(tick.id()))).contains(failed);
    assertThat(await(store.tick(skipped.id())).orElseThrow().skipReason()).isEqualTo("nothing new");
  }

  @Test
  void shouldRejectAnUpdateWhenTheTickIsFinished() {
    Tick tick = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    await(store.updateTick(tick.success(at(11))));

    assertThatThrownBy(() -> await(store.updateTick(tick.skipped("late", at(12)))))
        .isInstanceOf(IllegalTickTransitionException.class)
        .hasMessageContaining("SUCCESS");
    assertThatThrownBy(() -> await(store.updateTick(tick.reserve(List.of("r"), List.of(), null))))
        .isInstanceOf(IllegalTickTransitionException.class);
    assertThat(await(store.tick(tick.id())).orElseThrow().status()).isEqualTo(TickStatus.SUCCESS);
  }

  @Test
  void shouldFailWhenUpdatingAnUnknownTick() {
    Tick ghost = Tick.started(999_999, DAILY, InstigatorType.SCHEDULE, at(0), at(0));

    assertThatThrownBy(() -> await(store.updateTick(ghost)))
        .isInstanceOf(TickNotFoundException.class);
    assertThat(await(store.tick(999_999))).isEmpty();
  }

  @Test
  void shouldListTicksNewestFirstWhenFiltered() {
    Tick t1 = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    Tick t2 = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)));
    Tick t3 = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(130), at(120)));
    await(store.startTick(FILES, InstigatorType.SENSOR, at(20), null));
    await(store.updateTick(t1.success(at(11))));
    await(store.updateTick(t2.skipped("no", at(71))));

    assertThat(await(store.ticks(DAILY, TickFilter.latest(10))))
        .extracting(Tick::id)
        .containsExactly(t3.id(), t2.id(), t1.id());
    assertThat(await(store.ticks(DAILY, TickFilter.latest(2))))
        .extracting(Tick::id)
        .containsExactly(t3.id(), t2.id());
    assertThat(
            await(
                store.ticks(
                    DAILY,
                    new TickFilter(
                        Set.of(TickStatus.SUCCESS, TickStatus.STARTED), null, null, 10))))
        .extracting(Tick::id)
        .containsExactly(t3.id(), t1.id());
    assertThat(await(store.ticks(DAILY, new TickFilter(Set.of(), at(10), at(130), 10))))
        .extracting(Tick::id)
        .containsExactly(t2.id());
  }

  @Test
  void shouldPurgeOnlyOldFinishedTicksWhenRetentionRuns() {
    Tick oldSuccess = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(10), at(0)));
    Tick oldSkip = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(70), at(60)));
    Tick oldStarted = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(130), at(120)));
    Tick recent = await(store.startTick(DAILY, InstigatorType.SCHEDULE, at(1000), at(990)));
    await(store.updateTick(oldSuccess.success(at(11))));
    await(store.updateTick(oldSkip.skipped("no", at(71))));
    await(store.updateTick(recent.success(at(1001))));

    assertThat(await(store.deleteTicksBefore(at(500), Set.of(TickStatus.SKIPPED)))).isEqualTo(1);
    assertThat(await(store.deleteTicksBefore(at(500), Set.of()))).isEqualTo(1);

    assertThat(await(store.ticks(DAILY, TickFilter.latest(10))))
        .extracting(Tick::id)
        .containsExactly(recent.id(), oldStarted.id());
  }
}
