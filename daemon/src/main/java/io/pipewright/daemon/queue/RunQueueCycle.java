package io.pipewright.daemon.queue;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.queue.ActiveRun;
import io.pipewright.core.queue.Admission;
import io.pipewright.core.queue.HeldRun;
import io.pipewright.core.queue.QueuedRun;
import io.pipewright.core.queue.RunQueue;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.run.IllegalRunTransitionException;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunNotFoundException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.RunEvents;
import io.pipewright.daemon.orchestrator.SideBySide;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One cycle of the run queue (Dagster's queued run coordinator): reads the queued runs, asks core's
 * {@link RunQueue#admit} which start now under the limits, moves each from QUEUED to STARTING
 * (compare and set, so a run canceled meanwhile stays canceled) and records {@code RUN_STARTING}.
 * The orchestrator then drives the admitted runs.
 */
public final class RunQueueCycle {

  private static final Logger LOG = Logger.getLogger(RunQueueCycle.class);

  /** Transitions in flight at once: the store's connection pool serves them side by side. */
  private static final int CONCURRENT_TRANSITIONS = 64;

  private final DaemonStores stores;
  private final RunQueueLimits limits;
  private final int maxScan;
  private final DaemonMetrics metrics;
  private final Duration timeout;

  /**
   * Creates the cycle.
   *
   * @param stores the stores
   * @param limits the queue's limits
   * @param maxScan at most this many queued runs are considered per cycle (oldest first)
   * @param metrics the metrics
   * @param timeout how long one store call may take
   */
  public RunQueueCycle(
      DaemonStores stores,
      RunQueueLimits limits,
      int maxScan,
      DaemonMetrics metrics,
      Duration timeout) {
    this.stores = Objects.requireNonNull(stores, "stores must not be null");
    this.limits = Objects.requireNonNull(limits, "limits must not be null");
    if (maxScan < 1) {
      throw new IllegalArgumentException("maxScan must be 1 or more, got " + maxScan);
    }
    this.maxScan = maxScan;
    this.metrics = Objects.requireNonNull(metrics, "metrics must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  /**
   * What one admission did.
   *
   * @param admitted the admitted runs, now STARTING, in admission order
   * @param queued the ids of every run read as QUEUED (admitted or held)
   */
  public record Admitted(List<Run> admitted, Set<String> queued) {}

  /**
   * Admits what the limits allow.
   *
   * @param active the runs in progress
   * @param now the time of the admission
   * @return the admitted runs and the queued runs seen
   */
  public Admitted admit(List<ActiveRun> active, Instant now) {
    return admitting(active, now).await().atMost(timeout);
  }

  /**
   * Admits what the limits allow, without waiting: the same as {@link #admit}, as one chain of
   * store calls (read the queue, move the admitted runs side by side, record their {@code
   * RUN_STARTING}). The admitted runs' events are stored when the answer comes, so their first
   * decisions follow them in the log.
   *
   * @param active the runs in progress
   * @param now the time of the admission
   * @return the admitted runs and the queued runs seen, once every write landed; fails after every
   *     transition sent landed
   */
  public Uni<Admitted> admitting(List<ActiveRun> active, Instant now) {
    return stores.runs().queued(maxScan).chain(queued -> admitFrom(queued, active, now));
  }

  private Uni<Admitted> admitFrom(List<Run> queued, List<ActiveRun> active, Instant now) {
    if (queued.isEmpty()) {
      metrics.admission(0, 0);
      return Uni.createFrom().item(new Admitted(List.of(), Set.of()));
    }
    Map<String, Run> byId = new HashMap<>();
    List<QueuedRun> candidates = new ArrayList<>(queued.size());
    for (Run run : queued) {
      byId.put(run.runId(), run);
      candidates.add(new QueuedRun(run.runId(), run.tags(), run.createTime()));
    }
    Admission admission = RunQueue.admit(candidates, active, limits);
    if (LOG.isDebugEnabled()) {
      for (HeldRun held : admission.held()) {
        LOG.debugf("Run %s stays queued: %s", held.run().runId(), held.reason());
      }
    }
    if (admission.admitted().isEmpty()) {
      metrics.admission(0, admission.held().size());
      return Uni.createFrom().item(new Admitted(List.of(), byId.keySet()));
    }
    List<Uni<Optional<Run>>> moves = new ArrayList<>(admission.admitted().size());
    for (QueuedRun candidate : admission.admitted()) {
      moves.add(start(candidate.runId(), now));
    }
    // Every transition sent has landed before a failure is thrown (see BatchIo.each).
    return SideBySide.all(moves, CONCURRENT_TRANSITIONS)
        .chain(
            moved -> {
              List<Run> admitted = new ArrayList<>(moved.size());
              for (Optional<Run> run : moved) {
                run.ifPresent(admitted::add);
              }
              if (admitted.isEmpty()) {
                return Uni.createFrom().item(admitted);
              }
              List<EventRecord> events = new ArrayList<>(admitted.size());
              for (Run run : admitted) {
                events.add(RunEvents.starting(run, now));
                metrics.queueWait(Duration.between(byId.get(run.runId()).createTime(), now));
              }
              return stores.events().append(events).replaceWith(admitted);
            })
        .map(
            admitted -> {
              metrics.admission(admitted.size(), admission.held().size());
              return new Admitted(admitted, byId.keySet());
            });
  }

  private Uni<Optional<Run>> start(String runId, Instant now) {
    return stores
        .runs()
        .transition(runId, RunStatus.QUEUED, RunStatus.STARTING, now)
        .map(Optional::of)
        .onFailure(
            e ->
                e instanceof RunConflictException
                    || e instanceof IllegalRunTransitionException
                    || e instanceof RunNotFoundException)
        .recoverWithItem(
            e -> {
              // Canceled or deleted between the read and the admission: nothing to start.
              LOG.debugf("Run %s left the queue before its admission: %s", runId, e.getMessage());
              return Optional.empty();
            });
  }
}
