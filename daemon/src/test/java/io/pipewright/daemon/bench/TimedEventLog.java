package io.pipewright.daemon.bench;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.testing.ForwardingEventLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An event log that notes when each of the daemon's appends started and ended, to split the
 * orchestrator's time per step into deciding, storing the decision ({@code STEP_WORKER_STARTING},
 * written before the launch call) and calling the launcher.
 *
 * <p>It notes two times per append and keeps the append's events, and finds an attempt's append
 * only when asked, after the run: the fan-out's append is on the measured path (it is called on the
 * daemon's loop thread, and its answer reaches the loop through here), so noting a time per event
 * there would add its own cost to the figure it measures.
 */
final class TimedEventLog extends ForwardingEventLog {

  /** One append: its events, when it was subscribed to and when it was answered (nanoTime). */
  private static final class Timed {
    final List<EventRecord> events;
    volatile long began;
    volatile long ended;

    Timed(List<EventRecord> events) {
      this.events = events;
    }
  }

  private final ConcurrentLinkedQueue<Timed> appends = new ConcurrentLinkedQueue<>();

  /** When notifications of new events reached the daemon, per run (nanoTime, in arrival order). */
  private final Map<String, ConcurrentLinkedQueue<Long>> notified = new ConcurrentHashMap<>();

  TimedEventLog(EventLog delegate) {
    super(delegate);
  }

  /** Notes when each notification arrives, before the daemon's loop is told. */
  @Override
  public Multi<RunEventsAppended> appended() {
    return delegate
        .appended()
        .onItem()
        .invoke(
            n ->
                notified
                    .computeIfAbsent(n.runId(), r -> new ConcurrentLinkedQueue<>())
                    .add(System.nanoTime()));
  }

  /**
   * The first notification of a run's new events that arrived at or after a time: proof that events
   * stored after that time were committed, as is the writer's answer.
   *
   * @param runId the run
   * @param after the time (nanoTime)
   * @return its arrival (nanoTime), or empty
   */
  Optional<Long> notifiedAfter(String runId, long after) {
    for (long at : notified.getOrDefault(runId, new ConcurrentLinkedQueue<>())) {
      if (at >= after) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  @Override
  public Uni<List<StoredEvent>> append(List<EventRecord> events) {
    Timed timed = new Timed(events);
    return delegate
        .append(events)
        .onSubscription()
        .invoke(
            () -> {
              timed.began = System.nanoTime();
              appends.add(timed);
            })
        .onItem()
        .invoke(() -> timed.ended = System.nanoTime());
  }

  /**
   * When the first append holding each attempt's {@code STEP_WORKER_STARTING} began and ended.
   *
   * @return {began, ended} (nanoTime) by attempt, for the appends answered so far
   */
  Map<AttemptId, long[]> startingAppends() {
    Map<AttemptId, long[]> out = new HashMap<>();
    for (Timed timed : appends) {
      if (timed.ended == 0) {
        continue;
      }
      for (EventRecord e : timed.events) {
        if (e.type() == DagsterEventType.STEP_WORKER_STARTING) {
          out.putIfAbsent(
              new AttemptId(e.runId(), e.stepKey(), e.attempt()),
              new long[] {timed.began, timed.ended});
        }
      }
    }
    return out;
  }

  /**
   * When the append of a run's {@code RUN_SUCCESS} was subscribed to.
   *
   * @param runId the run
   * @return the time (nanoTime), or empty
   */
  Optional<Long> runSuccessAppended(String runId) {
    for (Timed timed : appends) {
      for (EventRecord e : timed.events) {
        if (e.type() == DagsterEventType.RUN_SUCCESS && runId.equals(e.runId())) {
          return Optional.of(timed.began);
        }
      }
    }
    return Optional.empty();
  }

  /** Forgets the appends noted so far (between fan-outs: lookups read every append kept). */
  void clear() {
    appends.clear();
    notified.clear();
  }
}
