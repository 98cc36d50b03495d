package io.pipewright.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.schedule.CatchUpPolicy;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.daemon.testing.FakeCodeLocation;
import io.pipewright.daemon.testing.InstigationHarness;
import io.pipewright.daemon.testing.SchedulerCrashes;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchedulerTest {

  private final InstigationHarness h =
      new InstigationHarness(Instant.parse("2026-03-02T09:30:30Z"));

  @Test
  void shouldCreateOneQueuedRunPerTickWhenARunningScheduleIsDue() {
    InstigatorSelector selector = h.schedule("every_minute", "* * * * *");

    h.pass(); // First sight: from now on, no catching up on the past.
    assertThat(h.ticks(selector)).isEmpty();
    h.clock.advance(Duration.ofSeconds(30)); // 09:31:00
    Instant next = h.pass();
    h.pass(); // The same time again: nothing new.

    List<Tick> ticks = h.ticks(selector);
    assertThat(ticks).hasSize(1);
    Tick tick = ticks.get(0);
    assertThat(tick.status()).isEqualTo(TickStatus.SUCCESS);
    assertThat(tick.scheduledTime()).isEqualTo(Instant.parse("2026-03-02T09:31:00Z"));
    // The next tick is at 09:32, but the pass comes back within the interval to see changes.
    assertThat(next).isEqualTo(h.clock.instant().plus(h.settings.interval()));
    List<Run> runs = h.runs(RunTags.SCHEDULE_NAME, "every_minute");
    assertThat(runs).extracting(Run::runId).containsExactlyElementsOf(tick.runIds());
    Run run = runs.get(0);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.jobName()).isEqualTo("job");
    assertThat(run.planSnapshotId()).isNotNull();
    assertThat(run.tags())
        .containsEntry(RunTags.TICK, Long.toString(tick.id()))
        .containsEntry(RunTags.SCHEDULED_EXECUTION_TIME, "2026-03-02T09:31:00Z")
        .containsEntry("team", "data") // the schedule's tags
        .containsEntry("owner", "tests"); // the job's tags
    assertThat(h.stores.events().eventsForRun(run.runId(), 0, 10).await().indefinitely().events())
        .extracting(StoredEvent::event)
        .extracting(e -> e.type())
        .containsExactly(DagsterEventType.RUN_ENQUEUED);
    assertThat(h.stores.instigators().state(selector).await().indefinitely().orElseThrow())
        .satisfies(
            s -> {
              assertThat(s.lastTickTime()).isEqualTo(Instant.parse("2026-03-02T09:31:00Z"));
              assertThat(s.status()).isEqualTo(InstigatorStatus.DECLARED_IN_CODE);
            });
    assertThat(h.metrics.ticks(InstigatorType.SCHEDULE, TickStatus.SUCCESS)).isEqualTo(1);
    assertThat(h.metrics.lagTimer(InstigatorType.SCHEDULE).count()).isEqualTo(1);
  }

  @Test
  void shouldTickOnlyRunningSchedulesWhenSomeAreStopped() {
    h.location.schedules.add(
        new ScheduleSnapshot(
            "off_by_default",
            "* * * * *",
            "UTC",
            new TargetSnapshot.Job("job"),
            DefaultStatus.STOPPED,
            null,
            Map.of()));
    InstigatorSelector stopped = h.schedule("stopped_by_user", "* * * * *");
    InstigatorSelector started = InstigatorSelector.of("etl", "off_by_default");
    h.stores
        .instigators()
        .updateState(
            stopped,
            InstigatorType.SCHEDULE,
            h.clock.instant(),
            s -> s.withStatus(InstigatorStatus.STOPPED, h.clock.instant()))
        .await()
        .indefinitely();

    h.pass();
    h.clock.advance(Duration.ofMinutes(3));
    h.pass();
    assertThat(h.ticks(stopped)).isEmpty();
    assertThat(h.ticks(started)).isEmpty();

    // A user starts the schedule that is off by default: it ticks from its start on.
    h.stores
        .instigators()
        .updateState(
            started,
            InstigatorType.SCHEDULE,
            h.clock.instant(),
            s -> s.withStatus(InstigatorStatus.RUNNING, h.clock.instant()))
        .await()
        .indefinitely();
    h.clock.advance(Duration.ofMinutes(2));
    h.pass();
    assertThat(h.ticks(started)).hasSize(2);
    assertThat(h.ticks(stopped)).isEmpty();
  }

  @Test
  void shouldRecordTheSkipReasonAndTheErrorWhenTheScheduleRequestsNothingOrFails() {
    InstigatorSelector selector = h.schedule("picky", "*/10 * * * *");
    h.location.schedule =
        r ->
            r.scheduledTime().toString().endsWith("40:00Z")
                ? InstigatorEvaluation.skipped("not on the hour")
                : InstigatorEvaluation.failed(
                    ErrorSnapshot.of("java.lang.IllegalStateException", "boom"));

    h.pass();
    h.clock.advance(Duration.ofMinutes(10)); // 09:40:30
    h.pass();
    h.clock.advance(Duration.ofMinutes(10)); // 09:50:30
    h.pass();

    List<Tick> ticks = h.ticks(selector);
    assertThat(ticks)
        .extracting(Tick::status)
        .containsExactly(TickStatus.FAILURE, TickStatus.SKIPPED);
    assertThat(ticks.get(1).skipReason()).isEqualTo("not on the hour");
    assertThat(ticks.get(0).error().message()).isEqualTo("boom");
    assertThat(h.runs(RunTags.SCHEDULE_NAME, "picky")).isEmpty();
  }

  @Test
  void shouldRunTheLatestMissedTicksUpToTheCatchUpLimitWhenTheDaemonWasDown() {
    InstigatorSelector selector = h.schedule("every_minute", "* * * * *");
    h.pass();

    h.clock.advance(Duration.ofHours(3)); // 180 missed minutes.
    h.pass();

    List<Tick> ticks = h.ticks(selector);
    assertThat(ticks).hasSize(5); // Dagster's default: the latest five.
    assertThat(ticks.get(0).scheduledTime()).isEqualTo(Instant.parse("2026-03-02T12:30:00Z"));
    assertThat(ticks.get(4).scheduledTime()).isEqualTo(Instant.parse("2026-03-02T12:26:00Z"));

    h.settings = h.settings.withCatchUp(CatchUpPolicy.latestOnly());
    h.restart(io.pipewright.daemon.schedule.TickHooks.NONE);
    h.clock.advance(Duration.ofHours(3));
    h.pass();
    assertThat(h.ticks(selector)).hasSize(6);
    assertThat(h.ticks(selector).get(0).scheduledTime())
        .isEqualTo(Instant.parse("2026-03-02T15:30:00Z"));
  }

  @Test
  void shouldWaitForAnUnreachableLocationAndTickOnceWhenItAnswersAgain() {
    InstigatorSelector selector = h.schedule("every_minute", "* * * * *");
    h.pass();
    h.location.unavailable = true;
    h.clock.advance(Duration.ofSeconds(30)); // 09:31:00

    Instant retry = h.pass();
    assertThat(retry).isEqualTo(h.clock.instant().plus(h.settings.retryDelay()));
    assertThat(h.ticks(selector)).extracting(Tick::status).containsExactly(TickStatus.STARTED);

    h.location.unavailable = false;
    h.clock.advance(Duration.ofSeconds(10));
    h.pass();
    assertThat(h.ticks(selector)).extracting(Tick::status).containsExactly(TickStatus.SUCCESS);
    assertThat(h.runs(RunTags.SCHEDULE_NAME, "every_minute")).hasSize(1);
  }

  @Test
  void shouldFailTheTickWhenTheLocationStaysUnreachableLongerThanTheGrace() {
    InstigatorSelector selector = h.schedule("every_minute", "0 * * * *");
    h.pass();
    h.location.unavailable = true;
    h.clock.advance(Duration.ofMinutes(30)); // 10:00:30
    h.pass();
    h.clock.advance(h.settings.unavailableGrace());
    h.pass();

    Tick tick = h.ticks(selector).get(0);
    assertThat(tick.status()).isEqualTo(TickStatus.FAILURE);
    assertThat(tick.error().className()).isEqualTo(TickRunner.UNAVAILABLE);
    assertThat(tick.error().message()).contains("etl", "down");
  }

  @Test
  void shouldFailTheTickNamingTheJobWhenTheRequestNamesAnUnknownJob() {
    InstigatorSelector selector = h.schedule("wrong", "0 * * * *");
    h.location.schedule =
        r ->
            InstigatorEvaluation.runs(
                List.of(
                    new io.pipewright.core.snapshot.RunRequestSnapshot(
                        null, "nope", List.of(), Map.of(), Map.of(), null)));
    h.pass();
    h.clock.advance(Duration.ofMinutes(30));
    h.pass();

    Tick tick = h.ticks(selector).get(0);
    assertThat(tick.status()).isEqualTo(TickStatus.FAILURE);
    assertThat(tick.error().message()).contains("'nope'", "does not define");
    assertThat(tick.reservedRunIds()).hasSize(1);
    assertThat(tick.runIds()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SchedulerCrashes.Point.class)
  void shouldCreateEachRunOnceAndMissNoTickWhenTheDaemonCrashesMidTick(
      SchedulerCrashes.Point point) {
    SchedulerCrashes.play(h, "hourly", point);
  }

  @Test
  void shouldNotEvaluateAgainWhenResumingATickWhoseRunsWereReserved() {
    SchedulerCrashes.play(h, "hourly", SchedulerCrashes.Point.AFTER_RUN_IDS_RESERVED);

    // 10:00 evaluated once (resumed from its reservation), 11:00 once.
    assertThat(h.location.evaluations("hourly")).isEqualTo(2);
    assertThat(FakeCodeLocation.request(null).runKey()).isNull();
  }

  @Test
  void shouldEvaluateEveryDueScheduleBeforeStoringAnyReservationWhenManyAreDue() {
    int count = 3 * Scheduler.BATCH;
    for (int i = 0; i < count; i++) {
      h.schedule("s" + i, "* * * * *");
    }
    h.pass(); // First sight.
    AtomicInteger evaluations = new AtomicInteger();
    List<Integer> evaluatedWhenReserved = new CopyOnWriteArrayList<>();
    h.location.schedule =
        r -> {
          evaluations.incrementAndGet();
          return InstigatorEvaluation.runs(List.of(FakeCodeLocation.request(null)));
        };
    h.crashWith(
        new TickHooks() {
          @Override
          public void afterRunIdsReserved(Tick tick) {
            evaluatedWhenReserved.add(evaluations.get());
          }
        });
    h.clock.advance(Duration.ofSeconds(30)); // 09:31:00

    h.pass();

    // The lag ends at the evaluation's start: no evaluation waited for a reservation's store calls.
    assertThat(evaluatedWhenReserved).hasSize(count).allMatch(n -> n == count);
    assertThat(h.runs(RunTags.SCHEDULE_NAME, "s0")).hasSize(1);
    assertThat(h.metrics.ticks(InstigatorType.SCHEDULE, TickStatus.SUCCESS)).isEqualTo(count);
  }

  @Test
  void shouldStoreTheJobAndPlanSnapshotsOncePerChunkWhenItsRunsShareThem() {
    List<String> puts = new CopyOnWriteArrayList<>();
    SnapshotStore snapshots = h.stores.snapshots();
    InstigationHarness counted =
        new InstigationHarness(
            h.clock.instant(),
            new InstigationStores(
                h.stores.runs(),
                new SnapshotStore() {
                  @Override
                  public Uni<Void> put(String snapshotId, SnapshotKind kind, byte[] body) {
                    puts.add(snapshotId);
                    return snapshots.put(snapshotId, kind, body);
                  }

                  @Override
                  public Uni<Optional<byte[]>> get(String snapshotId) {
                    return snapshots.get(snapshotId);
                  }
                },
                h.stores.events(),
                h.stores.instigators(),
                h.stores.backfills(),
                h.stores.dynamicPartitions(),
                h.stores.keyValues(),
                h.stores.heartbeats()));
    for (int i = 0; i < Scheduler.BATCH; i++) {
      counted.schedule("s" + i, "* * * * *");
    }
    counted.pass(); // First sight.
    counted.clock.advance(Duration.ofSeconds(30));

    counted.pass();

    // One chunk of 50 ticks, one run each, all of one job and plan: two writes, not a hundred.
    assertThat(puts).hasSize(2).doesNotHaveDuplicates();
    List<Run> runs = counted.runs(RunTags.SCHEDULE_NAME, "s7");
    assertThat(runs).hasSize(1);
    assertThat(snapshots.get(runs.get(0).planSnapshotId()).await().indefinitely()).isPresent();
    assertThat(snapshots.get(runs.get(0).jobSnapshotId()).await().indefinitely()).isPresent();
  }
}
