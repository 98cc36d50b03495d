package io.pipewright.daemon.schedule;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.schedule.CatchUpPolicy;
import io.pipewright.core.schedule.CronExpression;
import io.pipewright.core.schedule.DueTicks;
import io.pipewright.core.schedule.ScheduleTicks;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * When schedules are due: their parsed cron expressions (kept across passes; an expression that
 * cannot be read is logged once and never ticks), and per pass the due times and next fire times,
 * computed once for every schedule with the same cron, zone and checkpoint.
 */
final class ScheduleTimes {

  private static final Logger LOG = Logger.getLogger(Scheduler.class);

  private final CatchUpPolicy catchUp;
  private final Map<String, Optional<CronExpression>> crons = new ConcurrentHashMap<>();

  ScheduleTimes(CatchUpPolicy catchUp) {
    this.catchUp = catchUp;
  }

  /** Starts a pass at {@code now}. */
  Pass pass(Instant now) {
    return new Pass(now);
  }

  /**
   * Where a schedule's due times start: its last tick, else the time it was started, else nowhere
   * (first sight: it ticks from now on).
   */
  static Instant checkpoint(InstigatorState state) {
    if (state == null) {
      return null;
    }
    if (state.lastTickTime() != null) {
      return state.lastTickTime();
    }
    return state.status() == InstigatorStatus.RUNNING ? state.updateTime() : null;
  }

  private Optional<CronExpression> cron(InstigatorSelector selector, String expression) {
    return crons.computeIfAbsent(
        expression,
        e -> {
          try {
            return Optional.of(CronExpression.parse(e));
          } catch (IllegalArgumentException bad) {
            LOG.warnf("Schedule %s cannot tick: %s", selector, bad.getMessage());
            return Optional.empty();
          }
        });
  }

  /** The due times and next fire times of one pass, shared by schedules with the same inputs. */
  final class Pass {
    private record Key(String cron, String zone, Instant checkpoint) {}

    private final Instant now;
    private final Map<Key, List<Instant>> times = new HashMap<>();
    private final Map<Key, Optional<Instant>> next = new HashMap<>();
    private final Map<String, Optional<ZoneId>> zones = new HashMap<>();

    private Pass(Instant now) {
      this.now = now;
    }

    private Optional<ZoneId> zone(RunningSchedule running) {
      String id = running.schedule().timezone();
      Optional<ZoneId> zone =
          zones.computeIfAbsent(
              id,
              z -> {
                try {
                  return Optional.of(ZoneId.of(z));
                } catch (RuntimeException e) {
                  return Optional.empty();
                }
              });
      if (zone.isEmpty()) {
        LOG.warnf("Schedule %s has an unknown time zone '%s'", running.selector(), id);
      }
      return zone;
    }

    /** The times due after the checkpoint (empty when none or when the schedule cannot tick). */
    List<Instant> times(RunningSchedule running, Instant checkpoint) {
      ScheduleSnapshot schedule = running.schedule();
      Optional<CronExpression> cron = cron(running.selector(), schedule.cronSchedule());
      Optional<ZoneId> zone = zone(running);
      if (cron.isEmpty() || zone.isEmpty()) {
        return List.of();
      }
      Key key = new Key(schedule.cronSchedule(), schedule.timezone(), checkpoint);
      List<Instant> out = times.get(key);
      if (out == null) {
        DueTicks due = ScheduleTicks.due(cron.get(), zone.get(), checkpoint, now, catchUp);
        out = due.dropped() ? null : List.copyOf(due.due());
        if (out == null) {
          // Dropped ticks are logged per schedule: keep the result apart from the cache.
          LOG.infof(
              "Schedule %s missed more ticks than its catch-up policy runs (%d); older ones are"
                  + " dropped",
              running.selector(), catchUp.maxTicks());
          return due.due();
        }
        times.put(key, out);
      }
      return out;
    }

    /** When the schedule fires next after now, or null when it cannot tick. */
    Instant next(RunningSchedule running) {
      ScheduleSnapshot schedule = running.schedule();
      Key key = new Key(schedule.cronSchedule(), schedule.timezone(), null);
      return next.computeIfAbsent(
              key,
              k -> {
                Optional<CronExpression> cron = cron(running.selector(), k.cron());
                Optional<ZoneId> zone = zones.getOrDefault(k.zone(), Optional.empty());
                try {
                  return cron.isEmpty() || zone.isEmpty()
                      ? Optional.empty()
                      : Optional.of(cron.get().nextAfter(now, zone.get()));
                } catch (RuntimeException e) {
                  return Optional.empty();
                }
              })
          .orElse(null);
    }
  }
}
