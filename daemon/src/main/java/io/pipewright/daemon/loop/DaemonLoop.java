package io.pipewright.daemon.loop;

import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.run.Run;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.loop.Signal.AdmissionDone;
import io.pipewright.daemon.loop.Signal.Appended;
import io.pipewright.daemon.loop.Signal.LaunchDone;
import io.pipewright.daemon.loop.Signal.Leadership;
import io.pipewright.daemon.loop.Signal.NotificationsLost;
import io.pipewright.daemon.loop.Signal.Status;
import io.pipewright.daemon.loop.Signal.Stop;
import io.pipewright.daemon.loop.Signal.StoreAnswered;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.monitor.RunMonitor;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.orchestrator.RunOrchestrator;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The daemon's one loop thread: run queue, run orchestrator, run monitor and heartbeats, woken by
 * signals (new events in the log, launcher statuses, launch answers, leadership changes) and by the
 * time its decisions fall due. One thread owns every run's view, so no decision races another.
 *
 * <p>While this daemon is not the leader the loop does nothing but wait. When it becomes leader it
 * subscribes to the event log's notifications and the launcher's statuses (whose replay says which
 * attempts still run), adopts every run in progress from storage, and admits queued runs. When a
 * cycle fails (the database is unreachable) it drops its whole view and takes over again after a
 * back-off: the view is rebuilt from storage and the launcher, so nothing is lost.
 *
 * <p>Tests drive it without a thread: {@link #leading}, then {@link #runCycle()} or {@link
 * #runUntilIdle()} under a fake clock.
 */
public final class DaemonLoop implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DaemonLoop.class);

  /** {@link Admissions#ADMISSION_GAP}, here for the tests. */
  static final Duration ADMISSION_GAP = Admissions.ADMISSION_GAP;

  /**
   * How long {@link #close} waits at most for the cycle in progress before it interrupts it: a
   * cycle driving a thousand runs takes a few seconds on a loaded machine, and a process being
   * stopped has about 30 s in all.
   */
  static final Duration MAX_CLOSE_GRACE = Duration.ofSeconds(10);

  private final DaemonStores stores;
  private final StepLauncher launcher;
  private final DaemonSettings settings;
  private final Clock clock;
  private final DaemonMetrics metrics;
  private final RunOrchestrator orchestrator;
  private final RunMonitor monitor;
  private final LoopHeartbeats heartbeats;
  private final LinkedBlockingQueue<Signal> inbox = new LinkedBlockingQueue<>();
  private final Admissions admissions;

  private boolean leading;
  private boolean active;
  private Cancellable appended;
  private StatusWatch watch;
  private Instant nextResync = Instant.MAX;
  private Instant nextBeat = Instant.MIN;
  private Instant retakeAt;
  private Instant nextDecision;
  private volatile boolean closed;
  private volatile int drivenCount;
  private Thread thread;

  /**
   * Creates the loop.
   *
   * @param stores the stores
   * @param launcher the step launcher
   * @param requests builds launch requests
   * @param unavailableLocation tells why a code location cannot run steps, or empty
   * @param settings the loops' knobs
   * @param clock the time of decisions
   * @param random uniform doubles in [0, 1] for retry jitter
   * @param metrics the metrics
   */
  public DaemonLoop(
      DaemonStores stores,
      StepLauncher launcher,
      LaunchRequests requests,
      Function<String, Optional<String>> unavailableLocation,
      DaemonSettings settings,
      Clock clock,
      DoubleSupplier random,
      DaemonMetrics metrics) {
    this.stores = Objects.requireNonNull(stores, "stores must not be null");
    this.launcher = Objects.requireNonNull(launcher, "launcher must not be null");
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.metrics = Objects.requireNonNull(metrics, "metrics must not be null");
    this.orchestrator =
        new RunOrchestrator(
            stores,
            launcher,
            requests,
            unavailableLocation,
            settings.orchestration(),
            clock,
            random,
            metrics,
            (attempt, result) -> post(new LaunchDone(attempt, result, System.nanoTime())),
            () -> post(new StoreAnswered(System.nanoTime())),
            settings.storeTimeout());
    this.admissions =
        new Admissions(
            stores,
            orchestrator,
            settings,
            clock,
            metrics,
            () -> post(new AdmissionDone(System.nanoTime())));
    this.monitor = new RunMonitor(stores.runs(), settings.storeTimeout());
    this.heartbeats =
        new LoopHeartbeats(stores.heartbeats(), settings.daemonId(), settings.storeTimeout());
  }

  // ================================================================ signals (any thread)

  /**
   * Tells the loop whether this daemon leads; the loop takes over or lets go in its next cycle.
   *
   * @param isLeader whether this daemon is the leader now
   */
  public void leading(boolean isLeader) {
    post(new Leadership(isLeader, System.nanoTime()));
  }

  private void post(Signal signal) {
    inbox.add(signal);
  }

  // ================================================================ the thread

  /** Starts the loop's thread. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::run, "pipewright-daemon-loop");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!closed) {
      runCycle();
      if (closed) {
        return; // Its Stop signal may have been drained by that cycle.
      }
      long waitMillis = millisUntil(nextWakeUp());
      try {
        Signal signal = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (signal != null) {
          inbox.add(signal); // Handled, in order, by the next cycle.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long millisUntil(Instant at) {
    if (at == null) {
      return 60_000;
    }
    long millis = Duration.between(clock.instant(), at).toMillis();
    return Math.max(0, Math.min(millis, 60_000));
  }

  /**
   * When the loop wants to run again without a signal.
   *
   * @return the time, or null for nothing due
   */
  public Instant nextWakeUp() {
    if (!active) {
      return retakeAt;
    }
    Instant next = earliest(nextDecision, nextBeat);
    if (admissions.onItsWay()) {
      return next; // Its answer's signal wakes the loop; admissions and resyncs wait for it.
    }
    next = earliest(next, nextResync);
    return earliest(next, admissions.nextDue());
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /**
   * Stops the loop and lets go of the launcher's statuses; runs keep their state in storage.
   *
   * <p>A cycle in progress is finished, not interrupted: its store calls are sent side by side
   * ({@code BatchIo}, the queue's transitions), and interrupting the thread that waits for them
   * does not stop the ones already sent. They would then land after this method returned, while the
   * next owner of the runs (another daemon, a restarted one, a test's clean-up) already reads and
   * changes them: a run moved to STARTED after it was read STARTING, by nobody who drives it. Only
   * a cycle still running after {@link #MAX_CLOSE_GRACE} (or the store timeout, when shorter) is
   * interrupted: a store that hangs, a launcher that blocks its caller.
   */
  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null && running != Thread.currentThread()) {
      post(new Stop(System.nanoTime()));
      try {
        Duration grace = closeGrace();
        running.join(grace.toMillis());
        if (running.isAlive()) {
          LOG.warnf("The daemon loop's cycle did not end within %s; interrupting it", grace);
          running.interrupt();
          running.join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    release();
  }

  private Duration closeGrace() {
    Duration store = settings.storeTimeout();
    return store.compareTo(MAX_CLOSE_GRACE) < 0 ? store : MAX_CLOSE_GRACE;
  }

  // ================================================================ cycles (loop thread)

  /**
   * Runs one cycle: handles the signals received so far and whatever falls due now.
   *
   * @return whether the cycle handled anything
   */
  public boolean runCycle() {
    long started = System.nanoTime();
    List<Signal> signals = new ArrayList<>();
    inbox.drainTo(signals);
    Instant now = clock.instant();
    boolean worked = !signals.isEmpty();
    try {
      for (Signal signal : signals) {
        if (signal instanceof Appended) {
          // Not the loop's time: how long news waited for the cycle in progress.
          metrics.phase("inbox", started - signal.nanos());
        }
        route(signal);
      }
      if (!leading) {
        return worked;
      }
      if (!active) {
        if (retakeAt != null && now.isBefore(retakeAt)) {
          return worked;
        }
        takeOver(now);
        worked = true;
      }
      worked |= cycle(now);
    } catch (RuntimeException e) {
      failed(e, now);
      worked = true;
    }
    drivenCount = active ? orchestrator.runIds().size() : 0;
    long finished = System.nanoTime();
    if (worked) {
      metrics.cycle(Duration.ofNanos(finished - started));
      for (Signal signal : signals) {
        metrics.signalHandled(Duration.ofNanos(finished - signal.nanos()));
      }
    }
    return worked;
  }

  /**
   * Runs cycles until nothing is left to do now (for tests under a fake clock).
   *
   * @return how many cycles ran
   */
  public int runUntilIdle() {
    int cycles = 0;
    while (runCycle()) {
      if (++cycles > 10_000) {
        throw new IllegalStateException("The daemon loop does not settle: 10,000 busy cycles");
      }
      if (active) {
        admissions.awaitAdmission();
        orchestrator.awaitStoreCalls(); // Their answers' signals are in the inbox then.
      }
      Instant next = nextWakeUp();
      if (inbox.isEmpty() && (next == null || next.isAfter(clock.instant()))) {
        break;
      }
    }
    return cycles;
  }

  private void route(Signal signal) {
    if (signal instanceof Leadership l) {
      if (l.leading() != leading) {
        leading = l.leading();
        metrics.leader(leading);
        LOG.infof(
            leading
                ? "Daemon %s is now the leader"
                : "Daemon %s is no longer the leader; its loops stop",
            settings.daemonId());
        if (!leading) {
          release();
        }
      }
    } else if (!active) {
      return; // Stale: the next takeover reads everything again.
    } else if (signal instanceof Appended a) {
      if (orchestrator.drives(a.runId())) {
        orchestrator.eventsAppended(a.runId(), a.lastEventId());
      } else if (!orchestrator.endedRecently(a.runId())) {
        admissions.notified(a.runId(), clock.instant()); // Queued, or a queued one changed.
      }
    } else if (signal instanceof Status s) {
      orchestrator.status(s.status());
    } else if (signal instanceof LaunchDone d) {
      orchestrator.launchAnswered(d.attempt(), d.result());
    } else if (signal instanceof StoreAnswered || signal instanceof AdmissionDone) {
      return; // The next cycle takes what was stored.
    } else if (signal instanceof Stop) {
      return; // The thread sees closed after this cycle.
    } else if (signal instanceof NotificationsLost lost) {
      // Without notifications new events go unseen: rebuild everything with a new subscription.
      throw new IllegalStateException(
          "The event log's notifications stopped (" + lost.why() + "); subscribing again");
    }
  }

  /** Becomes the acting daemon: subscribe, rebuild every run in progress, admit. */
  private void takeOver(Instant now) {
    LOG.infof("Daemon %s takes over: rebuilding the runs in progress", settings.daemonId());
    appended =
        stores
            .events()
            .appended()
            .subscribe()
            .with(
                n -> post(new Appended(n.runId(), n.lastEventId(), System.nanoTime())),
                e -> post(new NotificationsLost(String.valueOf(e), System.nanoTime())),
                () -> post(new NotificationsLost("the stream ended", System.nanoTime())));
    watch = launcher.watch(s -> post(new Status(s, System.nanoTime())));
    active = true;
    retakeAt = null;
    // Replayed statuses are in the inbox now: route them once the runs are adopted.
    List<Signal> replay = new ArrayList<>();
    inbox.drainTo(replay);
    for (Run run : monitor.undriven(orchestrator::drives)) {
      orchestrator.adopt(run, true);
    }
    for (Signal signal : replay) {
      route(signal);
    }
    admissions.due();
    nextResync = now.plus(settings.resyncInterval());
    nextBeat = now;
  }

  private boolean cycle(Instant now) {
    boolean worked = admissions.adoptAdmitted(now) > 0;
    // Not while an admission is on its way: its runs are STARTING and not driven yet, and adopting
    // one here could record its first decision before the admission's RUN_STARTING.
    if (!now.isBefore(nextResync) && !admissions.onItsWay()) {
      orchestrator.resync();
      for (Run run : monitor.undriven(orchestrator::drives)) {
        LOG.warnf("Run %s is %s and nobody drove it: adopting it", run.runId(), run.status());
        orchestrator.adopt(run, false);
      }
      nextResync = now.plus(settings.resyncInterval());
      worked = true;
    }
    if (admissions.isDue(now)) {
      admissions.admit(now);
      worked = true;
    }
    nextDecision = orchestrator.cycle(now);
    if (orchestrator.takeCapacityFreed()) {
      // Runs ended: admit at once, and drive what was admitted in this cycle too.
      if (!admissions.queueEmpty() && admissions.admit(now) > 0) {
        nextDecision = orchestrator.cycle(now);
      }
      worked = true;
    }
    if (!now.isBefore(nextBeat)) {
      long beat = System.nanoTime();
      heartbeats.beat(now);
      metrics.phase("heartbeat", System.nanoTime() - beat);
      nextBeat = now.plus(settings.heartbeatInterval());
    }
    return worked;
  }

  private void failed(RuntimeException e, Instant now) {
    metrics.loopError();
    LOG.errorf(
        e,
        "A daemon cycle failed; dropping the view and rebuilding it from storage in %s",
        settings.errorBackoff());
    heartbeats.failed(e);
    release();
    retakeAt = now.plus(settings.errorBackoff());
  }

  /** Lets go of everything this daemon held as the acting one. */
  private void release() {
    admissions.release();
    if (appended != null) {
      appended.cancel();
      appended = null;
    }
    if (watch != null) {
      watch.close();
      watch = null;
    }
    orchestrator.clear();
    heartbeats.clear();
    active = false;
    admissions.clear();
    nextDecision = null;
    // Signals of the old view are stale: the next takeover reads everything again.
    inbox.removeIf(s -> !(s instanceof Leadership));
  }

  /**
   * Tells whether this daemon acts as the leader now.
   *
   * @return true while it drives runs
   */
  public boolean isActive() {
    return active;
  }

  /**
   * How many runs this daemon drove at the end of its last cycle; any thread may ask.
   *
   * @return the count
   */
  public int drivenRunCount() {
    return drivenCount;
  }

  /**
   * The runs this daemon drives now; the loop's own thread (or a test driving it) may ask.
   *
   * @return their ids
   */
  public List<String> drivenRuns() {
    return List.copyOf(orchestrator.runIds());
  }
}
