package io.pipewright.daemon.bench;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.testing.ForwardingEventLog;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event log that notes when the daemon's append of each {@code STEP_WORKER_STARTING} (its launch
 * decision, written before the launch call) started and ended, to split the orchestrator's time per
 * step into deciding, storing the decision and calling the launcher.
 */
final class TimedEventLog extends ForwardingEventLog {

  /** When the append holding an attempt's STEP_WORKER_STARTING was subscribed to (nanoTime). */
  final Map<AttemptId, Long> startingAppendBegan = new ConcurrentHashMap<>();

  /** When that append's answer arrived (nanoTime). */
  final Map<AttemptId, Long> startingAppendEnded = new ConcurrentHashMap<>();

  /** When the append of each run's RUN_SUCCESS was subscribed to (nanoTime). */
  final Map<String, Long> runSuccessAppended = new ConcurrentHashMap<>();

  TimedEventLog(EventLog delegate) {
    super(delegate);
  }

  @Override
  public Uni<List<StoredEvent>> append(List<EventRecord> events) {
    List<AttemptId> starting =
        events.stream()
            .filter(e -> e.type() == DagsterEventType.STEP_WORKER_STARTING)
            .map(e -> new AttemptId(e.runId(), e.stepKey(), e.attempt()))
            .toList();
    for (EventRecord e : events) {
      if (e.type() == DagsterEventType.RUN_SUCCESS) {
        runSuccessAppended.putIfAbsent(e.runId(), System.nanoTime());
      }
    }
    if (starting.isEmpty()) {
      return delegate.append(events);
    }
    return delegate
        .append(events)
        .onSubscription()
        .invoke(
            () -> {
              long now = System.nanoTime();
              starting.forEach(id -> startingAppendBegan.putIfAbsent(id, now));
            })
        .onItem()
        .invoke(
            () -> {
              long now = System.nanoTime();
              starting.forEach(id -> startingAppendEnded.putIfAbsent(id, now));
            });
  }
}
