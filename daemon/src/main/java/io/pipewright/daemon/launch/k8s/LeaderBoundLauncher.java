package io.pipewright.daemon.launch.k8s;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.daemon.leader.LeaderElection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A step launcher that exists only while this daemon leads: started when the daemon wins the
 * election, closed when it loses it. For the Kubernetes launcher, whose informers (a list and a
 * watch of every step pod, and of nodes) and orphan sweep belong to the leader alone: a standby
 * holds no watch on the API server and deletes nothing.
 *
 * <p>{@link #follow(LeaderElection)} wraps the daemon's election, so that the daemon's loop hears
 * of a gain only once the launcher started (its first watch then replays every existing pod), and
 * of a loss before the launcher closes. A start that fails (the API server is unreachable, the
 * informers did not list in time) is tried again every {@code retryDelay} while the daemon still
 * leads; meanwhile the loop is not told it leads, so no run is driven without a launcher.
 *
 * <p>Between leaderships {@link #launch} rejects ({@code LAUNCH_FAILED}) and terminations do
 * nothing; the loop calls neither then. Watches survive leaderships: a watch opened before a start
 * is attached to the launcher when it starts.
 */
public final class LeaderBoundLauncher implements StepLauncher, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LeaderBoundLauncher.class);

  /** Starts the real launcher. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts a launcher.
     *
     * @return the running launcher; closed on loss of leadership if it is {@link AutoCloseable}
     * @throws Exception when it cannot start now (tried again later)
     */
    StepLauncher start() throws Exception;
  }

  private final Starter starter;
  private final Duration retryDelay;
  private final ScheduledExecutorService lifecycle;
  private final List<Watch> watches = new ArrayList<>();
  private volatile StepLauncher current;
  private volatile boolean wanted;
  private volatile boolean closed;
  private long generation;

  /**
   * Creates the launcher, stopped.
   *
   * @param starter starts the real launcher
   * @param retryDelay the wait before trying a failed start again
   */
  public LeaderBoundLauncher(Starter starter, Duration retryDelay) {
    this.starter = Objects.requireNonNull(starter, "starter must not be null");
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay must not be null");
    this.lifecycle =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "pipewright-launcher-lifecycle");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Wraps an election so that its listener hears of leadership only together with this launcher: a
   * gain after the launcher started, a loss before it closes.
   *
   * @param election the daemon's election
   * @return the election to give the daemon
   */
  public LeaderElection follow(LeaderElection election) {
    Objects.requireNonNull(election, "election must not be null");
    return new LeaderElection() {
      @Override
      public void start(Listener listener) {
        election.start(leading -> leadership(leading, listener));
      }

      @Override
      public boolean isLeader() {
        return election.isLeader() && current != null;
      }

      @Override
      public void close() {
        election.close();
      }
    };
  }

  /**
   * Tells whether the real launcher runs now.
   *
   * @return true between a start and the loss of leadership
   */
  public boolean isRunning() {
    return current != null;
  }

  private void leadership(boolean leading, LeaderElection.Listener downstream) {
    wanted = leading;
    if (closed) {
      return;
    }
    try {
      lifecycle.execute(
          leading ? () -> startAndTell(downstream, ++generation) : () -> stopAndTell(downstream));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closed meanwhile: nothing more to start or stop.
    }
  }

  private void startAndTell(LeaderElection.Listener downstream, long attempt) {
    if (!wanted || closed || attempt != generation || current != null) {
      return;
    }
    StepLauncher started;
    try {
      started = starter.start();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      LOG.errorf(
          e,
          "The step launcher did not start (%s); this daemon leads but drives no run until it"
              + " does; trying again in %s",
          e.getMessage(),
          retryDelay);
      try {
        lifecycle.schedule(
            () -> startAndTell(downstream, attempt), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // Closed meanwhile: nothing more to start.
      }
      return;
    }
    synchronized (watches) {
      current = started;
      for (Watch watch : watches) {
        watch.attach(started);
      }
    }
    if (!wanted || closed) {
      stopAndTell(downstream);
      return;
    }
    downstream.leadership(true);
  }

  private void stopAndTell(LeaderElection.Listener downstream) {
    downstream.leadership(false);
    stop();
  }

  private void stop() {
    StepLauncher running;
    synchronized (watches) {
      running = current;
      current = null;
      for (Watch watch : watches) {
        watch.detach();
      }
    }
    if (running instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warnf(e, "Closing the step launcher failed");
      }
    }
  }

  @Override
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    StepLauncher launcher = current;
    if (launcher == null) {
      return CompletableFuture.completedFuture(
          LaunchResult.rejected(
              AttemptFailureReason.LAUNCH_FAILED,
              "The step launcher is not running: this daemon does not lead (any more)"));
    }
    return launcher.launch(request);
  }

  @Override
  public List<CompletionStage<LaunchResult>> launchAll(List<LaunchRequest> requests) {
    Objects.requireNonNull(requests, "requests must not be null");
    StepLauncher launcher = current;
    // Handed over whole, so that the launcher's own batch launch is used.
    return launcher == null ? StepLauncher.super.launchAll(requests) : launcher.launchAll(requests);
  }

  @Override
  public StatusWatch watch(AttemptStatusListener listener) {
    Watch watch = new Watch(Objects.requireNonNull(listener, "listener must not be null"));
    synchronized (watches) {
      watches.add(watch);
      StepLauncher launcher = current;
      if (launcher != null) {
        watch.attach(launcher);
      }
    }
    return () -> {
      synchronized (watches) {
        watches.remove(watch);
        watch.detach();
      }
    };
  }

  @Override
  public CompletionStage<Void> terminate(AttemptId attempt) {
    StepLauncher launcher = current;
    return launcher == null ? CompletableFuture.completedFuture(null) : launcher.terminate(attempt);
  }

  @Override
  public CompletionStage<Void> terminateRun(String runId) {
    StepLauncher launcher = current;
    return launcher == null
        ? CompletableFuture.completedFuture(null)
        : launcher.terminateRun(runId);
  }

  /** Stops the real launcher, if it runs, and everything of this one. */
  @Override
  public void close() {
    closed = true;
    wanted = false;
    lifecycle.shutdown();
    try {
      if (!lifecycle.awaitTermination(30, TimeUnit.SECONDS)) {
        lifecycle.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop();
  }

  /** One watch of the loop, attached to each real launcher in turn. */
  private static final class Watch {
    private final AttemptStatusListener listener;
    private StatusWatch attached;

    Watch(AttemptStatusListener listener) {
      this.listener = listener;
    }

    void attach(StepLauncher launcher) {
      detach();
      attached = launcher.watch(listener);
    }

    void detach() {
      if (attached != null) {
        attached.close();
        attached = null;
      }
    }
  }
}
