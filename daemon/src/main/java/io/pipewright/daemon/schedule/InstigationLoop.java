package io.pipewright.daemon.schedule;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * One thread per daemon type (Dagster's model: SCHEDULER, SENSOR, BACKFILL), apart from the run
 * loop so that a slow evaluation never delays a run's next step. It acts only while this daemon
 * leads: on taking the lead it resumes what a crashed leader left (the cycle's {@link
 * Cycle#takeOver}), then runs a pass whenever the previous one said the next is due, writing the
 * daemon type's heartbeat. A failed pass is logged, kept for the heartbeat, and followed by a
 * takeover after a back-off.
 */
public final class InstigationLoop implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InstigationLoop.class);

  private static final int MAX_ERRORS = 5;

  /** The work of one daemon type. */
  public interface Cycle extends AutoCloseable {
    /**
     * Names the daemon type, as heartbeats show it.
     *
     * @return such as {@code SCHEDULER}
     */
    String daemonType();

    /**
     * Resumes what a previous leader left unfinished.
     *
     * @param now the time
     */
    void takeOver(Instant now);

    /**
     * Runs one pass.
     *
     * @param now the time of the pass
     * @return when the next pass is due
     */
    Instant run(Instant now);

    @Override
    void close();
  }

  private final Cycle cycle;
  private final DaemonHeartbeatStore heartbeats;
  private final String daemonId;
  private final Clock clock;
  private final Duration heartbeatInterval;
  private final Duration errorBackoff;
  private final Duration timeout;
  private final Object monitor = new Object();
  private final Deque<ErrorSnapshot> errors = new ArrayDeque<>();
  private boolean leading;
  private boolean woken;
  private volatile boolean closed;
  private boolean takenOver;
  private Instant nextBeat = Instant.MIN;
  private Thread thread;

  /**
   * Creates the loop.
   *
   * @param cycle the work
   * @param heartbeats where heartbeats go
   * @param daemonId this daemon's id
   * @param clock the time
   * @param heartbeatInterval how often the heartbeat is written
   * @param errorBackoff the wait after a failed pass
   * @param timeout how long a heartbeat write may take
   */
  public InstigationLoop(
      Cycle cycle,
      DaemonHeartbeatStore heartbeats,
      String daemonId,
      Clock clock,
      Duration heartbeatInterval,
      Duration errorBackoff,
      Duration timeout) {
    this.cycle = Objects.requireNonNull(cycle, "cycle must not be null");
    this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats must not be null");
    this.daemonId = Objects.requireNonNull(daemonId, "daemonId must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.heartbeatInterval = heartbeatInterval;
    this.errorBackoff = errorBackoff;
    this.timeout = timeout;
  }

  /**
   * Tells the loop whether this daemon leads.
   *
   * @param isLeader whether it leads now
   */
  public void leading(boolean isLeader) {
    synchronized (monitor) {
      if (leading != isLeader) {
        leading = isLeader;
        takenOver = false;
      }
      woken = true;
      monitor.notifyAll();
    }
  }

  /** Runs a pass now (something changed: a backfill was requested, a sensor started). */
  public void wake() {
    synchronized (monitor) {
      woken = true;
      monitor.notifyAll();
    }
  }

  /** Starts the thread. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::loop, "pipewright-" + cycle.daemonType().toLowerCase());
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    Instant next = null;
    while (!closed) {
      boolean lead;
      boolean resume;
      synchronized (monitor) {
        lead = leading;
        resume = lead && !takenOver;
        woken = false;
      }
      if (lead) {
        next = runOnce(resume);
      } else {
        next = null;
      }
      synchronized (monitor) {
        if (closed || woken) {
          continue;
        }
        long millis =
            next == null
                ? 60_000
                : Math.max(1, Math.min(60_000, Duration.between(clock.instant(), next).toMillis()));
        try {
          monitor.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Runs one pass (tests call it without the thread).
   *
   * @param resume whether to resume a previous leader's work first
   * @return when the next pass is due
   */
  public Instant runOnce(boolean resume) {
    Instant now = clock.instant();
    Instant next;
    try {
      if (resume) {
        cycle.takeOver(now);
        synchronized (monitor) {
          takenOver = true;
        }
      }
      next = cycle.run(now);
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "The %s pass failed; it starts over (resuming unfinished work) in %s",
          cycle.daemonType(),
          errorBackoff);
      synchronized (monitor) {
        takenOver = false;
        errors.addFirst(ErrorSnapshot.of(e.getClass().getName(), String.valueOf(e.getMessage())));
        while (errors.size() > MAX_ERRORS) {
          errors.removeLast();
        }
      }
      next = now.plus(errorBackoff);
    }
    beat();
    return next;
  }

  private void beat() {
    Instant now = clock.instant();
    if (now.isBefore(nextBeat)) {
      return;
    }
    nextBeat = now.plus(heartbeatInterval);
    List<ErrorSnapshot> recent;
    synchronized (monitor) {
      recent = List.copyOf(errors);
    }
    try {
      heartbeats
          .beat(new DaemonHeartbeat(cycle.daemonType(), daemonId, now, recent))
          .await()
          .atMost(timeout);
    } catch (RuntimeException e) {
      LOG.debugf("The %s heartbeat was not written: %s", cycle.daemonType(), e);
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (this) {
      running = thread;
    }
    synchronized (monitor) {
      monitor.notifyAll();
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    cycle.close();
  }
}
