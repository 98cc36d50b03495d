package io.pipewright.storage.memory;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.ScheduledTime;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickAlreadyExistsException;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickNotFoundException;
import io.pipewright.core.instigation.TickStart;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.storage.internal.Updates;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** An {@link InstigatorStore} in memory. */
public final class InMemoryInstigatorStore implements InstigatorStore {

  private static final Comparator<InstigatorSelector> BY_LOCATION_AND_NAME =
      Comparator.comparing(InstigatorSelector::codeLocation)
          .thenComparing(InstigatorSelector::name);
  private static final Comparator<Tick> NEWEST_FIRST =
      Comparator.comparing(Tick::timestamp).thenComparingLong(Tick::id).reversed();

  private final Guard guard = new Guard();
  private final Map<InstigatorSelector, InstigatorState> states =
      new TreeMap<>(BY_LOCATION_AND_NAME);
  private final TreeMap<Long, Tick> ticks = new TreeMap<>();
  private final Map<ScheduledTick, Long> scheduled = new HashMap<>();
  private long lastTickId;

  private record ScheduledTick(InstigatorSelector instigator, Instant scheduledTime) {}

  /** Creates an empty store. */
  public InMemoryInstigatorStore() {}

  @Override
  public Uni<Optional<InstigatorState>> state(InstigatorSelector selector) {
    return guard.call(() -> Optional.ofNullable(states.get(selector)));
  }

  @Override
  public Uni<List<InstigatorState>> states(String codeLocation, InstigatorType type) {
    return guard.call(
        () ->
            states.values().stream()
                .filter(
                    s -> codeLocation == null || s.selector().codeLocation().equals(codeLocation))
                .filter(s -> type == null || s.type() == type)
                .toList());
  }

  @Override
  public Uni<InstigatorState> updateState(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change) {
    return guard.call(
        () -> {
          InstigatorState current = states.get(selector);
          if (current == null) {
            current = InstigatorState.initial(selector, type, at);
          }
          InstigatorState next =
              Updates.checkState(selector, current.type(), change.apply(current));
          states.put(selector, next);
          return next;
        });
  }

  @Override
  public Uni<Boolean> deleteState(InstigatorSelector selector) {
    return guard.call(() -> states.remove(selector) != null);
  }

  @Override
  public Uni<Tick> startTick(
      InstigatorSelector instigator,
      InstigatorType type,
      Instant timestamp,
      Instant scheduledTime) {
    return guard.call(
        () -> {
          if (scheduledTime != null) {
            Long existing = scheduled.get(new ScheduledTick(instigator, scheduledTime));
            if (existing != null) {
              throw new TickAlreadyExistsException(instigator, scheduledTime, existing);
            }
          }
          Tick tick = Tick.started(++lastTickId, instigator, type, timestamp, scheduledTime);
          ticks.put(tick.id(), tick);
          if (scheduledTime != null) {
            scheduled.put(new ScheduledTick(instigator, scheduledTime), tick.id());
          }
          return tick;
        });
  }

  @Override
  public Uni<List<TickStart>> startTicks(
      InstigatorType type, Instant timestamp, List<ScheduledTime> times) {
    return guard.call(
        () -> {
          if (new HashSet<>(times).size() != times.size()) {
            throw new IllegalArgumentException(
                "startTicks lists a scheduled time twice; list each (schedule, time) once");
          }
          List<TickStart> out = new ArrayList<>(times.size());
          for (ScheduledTime time : times) {
            ScheduledTick key = new ScheduledTick(time.schedule(), time.scheduledTime());
            Long existing = scheduled.get(key);
            if (existing != null) {
              out.add(TickStart.existing(time, ticks.get(existing)));
              continue;
            }
            Tick tick =
                Tick.started(++lastTickId, time.schedule(), type, timestamp, time.scheduledTime());
            ticks.put(tick.id(), tick);
            scheduled.put(key, tick.id());
            out.add(TickStart.created(time, tick));
          }
          return out;
        });
  }

  @Override
  public Uni<Tick> updateTick(Tick tick) {
    return guard.call(
        () -> {
          Tick stored = ticks.get(tick.id());
          if (stored == null) {
            throw new TickNotFoundException(tick.id());
          }
          Updates.checkTick(stored, tick);
          ticks.put(tick.id(), tick);
          return tick;
        });
  }

  @Override
  public Uni<List<Tick>> updateTicks(List<Tick> changed) {
    return guard.call(
        () -> {
          Set<Long> ids = new HashSet<>();
          for (Tick tick : changed) {
            if (!ids.add(tick.id())) {
              throw new IllegalArgumentException(
                  "updateTicks lists tick " + tick.id() + " twice; list each tick once");
            }
            Tick stored = ticks.get(tick.id());
            if (stored == null) {
              throw new TickNotFoundException(tick.id());
            }
            Updates.checkTick(stored, tick);
          }
          for (Tick tick : changed) {
            ticks.put(tick.id(), tick);
          }
          return List.copyOf(changed);
        });
  }

  @Override
  public Uni<Optional<Tick>> tick(long tickId) {
    return guard.call(() -> Optional.ofNullable(ticks.get(tickId)));
  }

  @Override
  public Uni<List<Tick>> ticks(InstigatorSelector instigator, TickFilter filter) {
    return guard.call(
        () ->
            ticks.values().stream()
                .filter(t -> t.instigator().equals(instigator))
                .filter(t -> filter.statuses().isEmpty() || filter.statuses().contains(t.status()))
                .filter(t -> filter.after() == null || t.timestamp().isAfter(filter.after()))
                .filter(t -> filter.before() == null || t.timestamp().isBefore(filter.before()))
                .sorted(NEWEST_FIRST)
                .limit(filter.limit())
                .toList());
  }

  @Override
  public Uni<Long> deleteTicksBefore(Instant before, Set<TickStatus> statuses) {
    return guard.call(
        () -> {
          List<Tick> doomed = new ArrayList<>();
          for (Tick t : ticks.values()) {
            if (t.status().isTerminal()
                && (statuses.isEmpty() || statuses.contains(t.status()))
                && t.timestamp().isBefore(before)) {
              doomed.add(t);
            }
          }
          for (Tick t : doomed) {
            ticks.remove(t.id());
            if (t.scheduledTime() != null) {
              scheduled.remove(new ScheduledTick(t.instigator(), t.scheduledTime()));
            }
          }
          return (long) doomed.size();
        });
  }
}
