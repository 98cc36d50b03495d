package io.pipewright.daemon.loop;

import io.pipewright.core.run.Run;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.RunOrchestrator;
import io.pipewright.daemon.queue.NotifiedRuns;
import io.pipewright.daemon.queue.RunQueueCycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The {@link DaemonLoop}'s admissions from the run queue: when one is due (queued runs notified,
 * the queue's interval, capacity freed), the one on its way, and adopting its runs once it is
 * answered. One admission at a time: one asked for meanwhile runs after it. Owned by the loop
 * thread.
 */
final class Admissions {

  /** The loop's category: these are its messages. */
  private static final Logger LOG = Logger.getLogger(DaemonLoop.class);

  /**
   * The shortest time between two admissions asked for by notifications (new queued runs): a burst
   * of launches is admitted in one cycle instead of one cycle per run. Admissions after runs end
   * (capacity freed) are not held back.
   */
  static final Duration ADMISSION_GAP = Duration.ofMillis(50);

  private final RunQueueCycle queue;
  private final RunOrchestrator orchestrator;
  private final DaemonSettings settings;
  private final Clock clock;
  private final DaemonMetrics metrics;
  private final Runnable answered;
  private final NotifiedRuns notifiedRuns = new NotifiedRuns();

  private boolean queueDue;

  /** The admission on its way (its writes), or null. */
  private CompletableFuture<RunQueueCycle.Admitted> admission;

  /**
   * The last admission read no queued run, and no run this daemon does not drive was notified
   * since: a run's end then frees capacity that nobody waits for, and needs no admission.
   */
  private boolean queueEmpty;

  private Instant nextQueue = Instant.MIN;
  private Instant lastAdmission = Instant.MIN;

  /**
   * Creates the admissions.
   *
   * @param answered called (on any thread) when an admission on its way was answered: must wake the
   *     loop thread, whose next cycle adopts its runs
   */
  Admissions(
      DaemonStores stores,
      RunOrchestrator orchestrator,
      DaemonSettings settings,
      Clock clock,
      DaemonMetrics metrics,
      Runnable answered) {
    this.queue =
        new RunQueueCycle(
            stores,
            settings.queueLimits(),
            settings.maxQueuedScan(),
            metrics,
            settings.storeTimeout());
    this.orchestrator = orchestrator;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.answered = answered;
  }

  /** Tells whether an admission is on its way: its runs are STARTING and not driven yet. */
  boolean onItsWay() {
    return admission != null;
  }

  /** Asks for an admission (a takeover: queued runs may be waiting). */
  void due() {
    queueDue = true;
  }

  /** A run this daemon does not drive was notified: a run was queued, or a queued one changed. */
  void notified(String runId, Instant at) {
    queueDue = true;
    queueEmpty = false;
    notifiedRuns.notified(runId, at);
  }

  /** Tells whether the last admission read no queued run and none was notified since. */
  boolean queueEmpty() {
    return queueEmpty;
  }

  /** When an admission falls due without a signal; null for none. */
  Instant nextDue() {
    Instant next = DaemonLoop.earliest(nextQueue, notifiedRuns.retryAt());
    return queueDue ? DaemonLoop.earliest(next, admissionDue()) : next;
  }

  private Instant admissionDue() {
    Instant earliestNext = lastAdmission.plus(ADMISSION_GAP);
    Instant now = clock.instant();
    return earliestNext.isAfter(now) ? earliestNext : now;
  }

  /** Tells whether an admission is due now. */
  boolean isDue(Instant now) {
    return (queueDue && !now.isBefore(lastAdmission.plus(ADMISSION_GAP)))
        || !now.isBefore(nextQueue)
        || (notifiedRuns.retryAt() != null && !now.isBefore(notifiedRuns.retryAt()));
  }

  /**
   * Admits what the queue allows now ({@link #admitNow}).
   *
   * @return how many runs were adopted at once
   */
  int admit(Instant now) {
    long started = System.nanoTime();
    try {
      return admitNow(now);
    } finally {
      metrics.phase("admit", System.nanoTime() - started);
    }
  }

  /**
   * Starts an admission, and adopts its runs at once when it is answered at once (in memory);
   * otherwise the cycle after its answer does. One admission at a time: one asked for meanwhile
   * runs after it.
   */
  private int admitNow(Instant now) {
    if (admission != null) {
      queueDue = true;
      return 0;
    }
    queueDue = false;
    lastAdmission = now;
    nextQueue = now.plus(settings.queueInterval());
    CompletableFuture<RunQueueCycle.Admitted> sent =
        queue
            .admitting(orchestrator.activeRuns(), now)
            .ifNoItem()
            .after(settings.storeTimeout())
            .fail()
            .subscribeAsCompletionStage();
    admission = sent;
    if (!sent.isDone()) {
      sent.whenComplete((admitted, error) -> answered.run());
    }
    return adoptAdmitted(now);
  }

  /**
   * Waits (at most the store timeout) for the admission on its way; failures are left for later.
   */
  void awaitAdmission() {
    CompletableFuture<RunQueueCycle.Admitted> sent = admission;
    if (sent == null) {
      return;
    }
    try {
      sent.get(settings.storeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debugf("The admission on its way failed or is late: %s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Adopts the runs of the admission on its way once it is answered.
   *
   * @return how many runs were adopted
   */
  int adoptAdmitted(Instant now) {
    CompletableFuture<RunQueueCycle.Admitted> sent = admission;
    if (sent == null || !sent.isDone()) {
      return 0;
    }
    admission = null;
    RunQueueCycle.Admitted done;
    try {
      done = sent.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    queueEmpty = done.queued().isEmpty();
    // A notified run not QUEUED yet (its launch moves it after RUN_ENQUEUED): look again soon.
    notifiedRuns.admissionRan(done.queued(), now);
    List<Run> admitted = done.admitted();
    for (Run run : admitted) {
      LOG.infof("Run %s of job '%s' admitted from the queue", run.runId(), run.jobName());
      orchestrator.adopt(run, false);
    }
    return admitted.size();
  }

  /**
   * Lets go of the admission on its way: waits for it first, so that its writes land before the
   * runs' next owner reads them; its runs are adopted by a takeover.
   */
  void release() {
    awaitAdmission();
    admission = null;
  }

  /** Forgets what was asked for: the next takeover admits anew. */
  void clear() {
    queueDue = false;
    queueEmpty = false;
    notifiedRuns.clear();
  }
}
