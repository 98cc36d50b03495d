package io.pipewright.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.daemon.schedule.TickHooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The scheduler's crash scenarios, run over in-memory storage and over PostgreSQL: a daemon dies at
 * one stage of a tick, a new one takes over, and every tick ends with its runs created once.
 */
public final class SchedulerCrashes {

  /** Where the daemon dies. */
  public enum Point {
    AFTER_TICK_CREATED,
    AFTER_RUN_IDS_RESERVED,
    AFTER_SOME_RUNS_CREATED
  }

  /** The death of the daemon: an Error, which no loop catches, so nothing more is written. */
  public static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("simulated crash " + where);
    }
  }

  private SchedulerCrashes() {}

  /** Hooks that crash at a point. */
  public static TickHooks crashAt(Point point) {
    return new TickHooks() {
      @Override
      public void afterTickCreated(Tick tick) {
        if (point == Point.AFTER_TICK_CREATED) {
          throw new Crash("after the tick was created");
        }
      }

      @Override
      public void afterRunIdsReserved(Tick tick) {
        if (point == Point.AFTER_RUN_IDS_RESERVED) {
          throw new Crash("after the run ids were reserved");
        }
      }

      @Override
      public void afterRunCreated(Tick tick, String runId) {
        if (point == Point.AFTER_SOME_RUNS_CREATED && tick.runIds().size() == 2) {
          throw new Crash("after two of three runs were created");
        }
      }
    };
  }

  /**
   * Plays the scenario: an hourly schedule requesting three runs per tick; the daemon dies at the
   * point during the 10:00 tick; a new daemon takes over; then the 11:00 tick.
   *
   * @param h the harness, its clock at some time before 10:00 of its day
   * @param name a schedule name not used before in the harness's storage
   * @param point where the daemon dies
   */
  public static void play(InstigationHarness h, String name, Point point) {
    InstigatorSelector hourly = h.schedule(name, "0 * * * *");
    h.location.schedule =
        r ->
            InstigatorEvaluation.runs(
                List.of(
                    FakeCodeLocation.request(null),
                    FakeCodeLocation.request(null),
                    FakeCodeLocation.request(null)));
    h.pass(); // First sight: the checkpoint.
    Instant day = h.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    Instant ten = day.plus(Duration.ofHours(10));
    h.clock.advance(Duration.between(h.clock.instant(), ten.plusSeconds(2)));

    h.crashWith(crashAt(point));
    assertThatThrownBy(h::pass).isInstanceOf(Crash.class);

    h.clock.advance(Duration.ofSeconds(5));
    h.restart(TickHooks.NONE);
    h.pass();

    List<Tick> ticks = h.ticks(hourly);
    assertThat(ticks).hasSize(1);
    Tick tick = ticks.get(0);
    assertThat(tick.status()).isEqualTo(TickStatus.SUCCESS);
    assertThat(tick.scheduledTime()).isEqualTo(ten);
    assertThat(tick.runIds()).hasSize(3).doesNotHaveDuplicates();
    List<Run> runs = h.runs(RunTags.SCHEDULE_NAME, name);
    assertThat(runs).extracting(Run::runId).containsExactlyInAnyOrderElementsOf(tick.runIds());
    assertThat(runs).allMatch(r -> r.status() == RunStatus.QUEUED);
    assertThat(runs)
        .allMatch(r -> r.tags().get(RunTags.TICK).equals(Long.toString(tick.id())))
        .allMatch(r -> r.tags().get(RunTags.SCHEDULED_EXECUTION_TIME).equals(ten.toString()));

    // The next hour ticks as usual: nothing missed, nothing doubled.
    h.clock.advance(Duration.ofHours(1));
    h.pass();
    assertThat(h.ticks(hourly))
        .hasSize(2)
        .allMatch(t -> t.status() == TickStatus.SUCCESS && t.runIds().size() == 3);
    assertThat(h.runs(RunTags.SCHEDULE_NAME, name)).hasSize(6);
  }
}
