package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.files.AttemptPaths;
import io.pipewright.storage.files.FileComputeLogStore;
import io.pipewright.storage.files.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The {@link StepLauncher} of a single machine: each attempt is a child process running the code
 * location's worker command followed by the daemon's arguments ({@code execute-step --args ...}).
 *
 * <ul>
 *   <li><b>Idempotent, across restarts.</b> Each attempt has a directory in the state directory
 *       named after its {@link AttemptId}; the {@code process} file written right after the start
 *       means "launched", so a repeated launch, even by a new daemon, starts nothing.
 *   <li><b>Exit codes outlive the daemon.</b> The worker runs under a small {@code /bin/sh} wrapper
 *       that writes its exit code to the attempt's {@code exit} file. A daemon that was down when a
 *       worker ended still learns how it ended; a worker whose wrapper was killed is reported
 *       {@link AttemptFailureReason#LOST}.
 *   <li><b>Compute logs</b> go straight to the {@link FileComputeLogStore}'s files (the child
 *       appends to them itself), readable while it runs; a failure status carries the last lines of
 *       standard error.
 *   <li><b>Terminate</b> sends SIGTERM to the worker's process tree, leaves first, and SIGKILL to
 *       what still runs after the grace period.
 *   <li><b>Secrets</b>: a worker inherits only the variables listed in the settings (never the
 *       daemon's database credentials) plus its location's and the request's (its token).
 * </ul>
 *
 * <p>A new {@link #watch} first reads the state directory for attempts launched by an earlier
 * daemon, then replays the latest status of every attempt. POSIX only ({@code /bin/sh}).
 */
public final class LocalProcessStepLauncher implements StepLauncher, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalProcessStepLauncher.class);

  /** How long to wait before storing a finished worker's last events again after a failure. */
  private static final long END_RETRY_MILLIS = 2000;

  private final LocalLauncherSettings settings;
  private final FileComputeLogStore logs;
  private final AttemptOutputListener output;
  private final Clock clock;
  private final StatusDelivery delivery = new StatusDelivery();
  private final Map<AttemptId, Tracked> attempts = new ConcurrentHashMap<>();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(daemonThreads("pipewright-launcher"));
  private final ScheduledExecutorService killer =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("pipewright-launcher-kill"));

  /** One attempt this launcher knows. */
  private static final class Tracked {
    final AttemptFiles files;
    final String location;
    volatile ProcessHandle handle;
    volatile Process process;
    volatile boolean terminateRequested;
    boolean ended;

    Tracked(AttemptFiles files, String location) {
      this.files = files;
      this.location = location;
    }
  }

  /**
   * Creates the launcher.
   *
   * @param settings the worker commands and limits
   * @param logs where attempts' standard output and error go
   * @param output told when workers start and end (to ingest their events); {@link
   *     AttemptOutputListener#NONE} for nothing
   * @param clock the time of statuses
   */
  public LocalProcessStepLauncher(
      LocalLauncherSettings settings,
      FileComputeLogStore logs,
      AttemptOutputListener output,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.logs = Objects.requireNonNull(logs, "logs must not be null");
    this.output = Objects.requireNonNull(output, "output must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  /**
   * Tells why this launcher cannot run steps of a code location, if it cannot.
   *
   * @param codeLocation the location's name
   * @return the reason, or empty when it has a worker command for it
   */
  public Optional<String> unavailable(String codeLocation) {
    if (settings.locations().containsKey(codeLocation)) {
      return Optional.empty();
    }
    return Optional.of(
        "Code location '"
            + codeLocation
            + "' is not known to this daemon: it has no worker command for it (known: "
            + settings.locations().keySet()
            + "). Was the location removed? If not, set"
            + " pipewright.daemon.locations."
            + codeLocation
            + ".worker-command.");
  }

  @Override
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    AttemptId id = request.attempt();
    Tracked tracked;
    synchronized (this) {
      if (attempts.containsKey(id)) {
        return CompletableFuture.completedFuture(LaunchResult.alreadyLaunched());
      }
      AttemptFiles files = new AttemptFiles(settings.stateDirectory(), id);
      if (adopt(files, true)) {
        return CompletableFuture.completedFuture(LaunchResult.alreadyLaunched());
      }
      WorkerCommand command = settings.locations().get(request.codeLocation());
      if (command == null) {
        return CompletableFuture.completedFuture(
            LaunchResult.rejected(
                AttemptFailureReason.CONFIG_ERROR,
                unavailable(request.codeLocation()).orElseThrow()));
      }
      tracked = new Tracked(files, request.codeLocation());
      attempts.put(id, tracked);
      CompletableFuture<LaunchResult> result = new CompletableFuture<>();
      workers.execute(() -> result.complete(start(tracked, command, request)));
      return result;
    }
  }

  private LaunchResult start(Tracked tracked, WorkerCommand command, LaunchRequest request) {
    AttemptId id = request.attempt();
    try {
      request.invocation(); // A lazy request's arguments and token are built here, off the caller.
    } catch (RuntimeException e) {
      attempts.remove(id);
      return LaunchResult.rejected(
          e instanceof IllegalArgumentException
              ? AttemptFailureReason.CONFIG_ERROR
              : AttemptFailureReason.LAUNCH_FAILED,
          "Could not build the worker's arguments of " + id + ": " + e.getMessage());
    }
    FileComputeLogStore.LogFiles logFiles;
    Process process;
    try {
      tracked.files.createDirectory();
      logFiles = logs.prepare(id);
      process =
          WorkerProcesses.start(
              tracked.files.exitFile(),
              command,
              request,
              settings.inheritedEnvironment(),
              logFiles);
    } catch (IOException | UncheckedIOException e) {
      attempts.remove(id);
      Files2.deleteTree(tracked.files.dir());
      return LaunchResult.rejected(
          AttemptFailureReason.LAUNCH_FAILED,
          "Could not start the worker process of " + id + ": " + e.getMessage());
    }
    // First thing after the start: from now on a repeated launch must find it.
    tracked.files.writeProcess(
        new AttemptFiles.ProcessRecord(
            process.pid(), process.info().startInstant().orElse(null), tracked.location));
    tracked.process = process;
    tracked.handle = process.toHandle();
    LOG.debugf("Started the worker of %s (pid %d)", id, process.pid());
    delivery.publish(AttemptStatus.running(id, clock.instant()));
    output.started(id, logFiles.stdout());
    if (tracked.terminateRequested) {
      kill(tracked);
    }
    process.onExit().thenRunAsync(() -> end(tracked), workers);
    return LaunchResult.launched();
  }

  /**
   * Takes on an attempt recorded in the state directory that this launcher does not track.
   *
   * @param publish whether to deliver its status to current watches (a launch found it) or only
   *     remember it for the next watch's replay
   * @return false when the directory records no launched attempt
   */
  private boolean adopt(AttemptFiles files, boolean publish) {
    AttemptFiles.ProcessRecord record = files.readProcess();
    if (record == null) {
      return false;
    }
    AttemptId id = files.attempt();
    Tracked tracked = new Tracked(files, record.location());
    tracked.terminateRequested = files.terminateRequested();
    attempts.put(id, tracked);
    AttemptStatus ended = files.readEnded(tail(id));
    if (ended != null) {
      tracked.ended = true;
      if (publish) {
        delivery.publish(ended);
      } else {
        delivery.remember(ended);
      }
      return true;
    }
    Optional<ProcessHandle> alive =
        ProcessHandle.of(record.pid())
            .filter(ProcessHandle::isAlive)
            .filter(h -> sameStart(h, record.start()));
    if (alive.isPresent()) {
      tracked.handle = alive.get();
      AttemptStatus running = AttemptStatus.running(id, clock.instant());
      if (publish) {
        delivery.publish(running);
      } else {
        delivery.remember(running);
      }
      output.started(id, logs.files(id).stdout());
      LOG.infof("Found the worker of %s still running (pid %d)", id, record.pid());
      alive.get().onExit().thenRunAsync(() -> end(tracked), workers);
    } else {
      workers.execute(() -> end(tracked));
    }
    return true;
  }

  private static boolean sameStart(ProcessHandle handle, Instant recorded) {
    if (recorded == null) {
      return true;
    }
    Optional<Instant> start = handle.info().startInstant();
    // A reused pid belongs to a process started later.
    return start.isEmpty() || Math.abs(start.get().toEpochMilli() - recorded.toEpochMilli()) < 1000;
  }

  /** The worker exited (or was found gone): drain its output, then report how it ended. */
  private void end(Tracked tracked) {
    AttemptId id = tracked.files.attempt();
    synchronized (tracked) {
      if (tracked.ended) {
        return;
      }
    }
    try {
      output.ended(id, logs.files(id).stdout());
    } catch (RuntimeException e) {
      // The end is reported only once the worker's events are stored: deciding on part of them
      // would misjudge the step. Try again; a daemon that stops meanwhile leaves no `ended` file,
      // so the next one reads the output again.
      LOG.warnf(
          "Storing the last events of %s failed (%s); trying again in %d ms",
          id, e.getMessage(), END_RETRY_MILLIS);
      if (!killer.isShutdown()) {
        killer.schedule(
            () -> workers.execute(() -> end(tracked)), END_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
      return;
    }
    Integer code = tracked.files.readExitCode();
    Process process = tracked.process;
    if (code == null && process != null && !process.isAlive()) {
      code = process.exitValue();
    }
    AttemptStatus status = classify(tracked, code);
    synchronized (tracked) {
      if (tracked.ended) {
        return;
      }
      tracked.ended = true;
    }
    tracked.files.writeEnded(status);
    LOG.debugf("The worker of %s ended: %s", id, status.phase());
    delivery.publish(status);
  }

  private AttemptStatus classify(Tracked tracked, Integer code) {
    return EndStatuses.of(
        tracked.files.attempt(),
        tracked.location,
        tracked.terminateRequested,
        code,
        () -> tail(tracked.files.attempt()),
        clock.instant());
  }

  private List<String> tail(AttemptId id) {
    List<String> lines = logs.tail(id, LogStream.STDERR, settings.lastLogLines());
    return lines.isEmpty() ? logs.tail(id, LogStream.STDOUT, settings.lastLogLines()) : lines;
  }

  @Override
  public StatusWatch watch(AttemptStatusListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    recoverUnknown();
    return delivery.watch(listener);
  }

  /** Adopts every attempt in the state directory this launcher does not track yet. */
  private synchronized void recoverUnknown() {
    Path base = settings.stateDirectory();
    for (Path runDir : Files2.children(base)) {
      for (Path stepDir : Files2.children(runDir)) {
        for (Path attemptDir : Files2.children(stepDir)) {
          AttemptId id;
          try {
            id =
                new AttemptId(
                    AttemptPaths.decode(runDir.getFileName().toString()),
                    AttemptPaths.decode(stepDir.getFileName().toString()),
                    Integer.parseInt(attemptDir.getFileName().toString()));
          } catch (IllegalArgumentException e) {
            continue; // Not an attempt directory.
          }
          if (!attempts.containsKey(id)) {
            adopt(new AttemptFiles(base, id), false);
          }
        }
      }
    }
  }

  @Override
  public CompletionStage<Void> terminate(AttemptId attempt) {
    Objects.requireNonNull(attempt, "attempt must not be null");
    Tracked tracked = attempts.get(attempt);
    if (tracked != null) {
      synchronized (tracked) {
        if (tracked.ended) {
          return CompletableFuture.completedFuture(null);
        }
        tracked.terminateRequested = true;
      }
      tracked.files.markTerminateRequested();
      kill(tracked);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> terminateRun(String runId) {
    Objects.requireNonNull(runId, "runId must not be null");
    for (Map.Entry<AttemptId, Tracked> entry : attempts.entrySet()) {
      if (entry.getKey().runId().equals(runId)) {
        terminate(entry.getKey());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /** SIGTERM to the worker's process tree, leaves first; SIGKILL after the grace period. */
  private void kill(Tracked tracked) {
    ProcessHandle root = tracked.handle;
    if (root == null) {
      return; // Still starting: start() kills it once it runs.
    }
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    if (tree.isEmpty()) {
      root.destroy();
    } else {
      // The wrapper shell waits for the worker and records its exit code: stop the worker only.
      for (int i = tree.size() - 1; i >= 0; i--) {
        tree.get(i).destroy();
      }
    }
    tree.add(root);
    long graceMillis = settings.terminateGracePeriod().toMillis();
    if (killer.isShutdown()) {
      return;
    }
    killer.schedule(
        () -> {
          for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
              LOG.warnf(
                  "The worker of %s did not stop within %d ms of SIGTERM: killing pid %d",
                  tracked.files.attempt(), graceMillis, handle.pid());
              handle.destroyForcibly();
            }
          }
        },
        graceMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Forgets the attempts of a run that have ended and deletes their state (retention).
   *
   * @param runId the run
   * @return how many attempts were forgotten
   */
  public int forgetRun(String runId) {
    List<AttemptId> forgotten = new ArrayList<>();
    for (Map.Entry<AttemptId, Tracked> entry : attempts.entrySet()) {
      Tracked tracked = entry.getValue();
      synchronized (tracked) {
        if (entry.getKey().runId().equals(runId) && tracked.ended) {
          forgotten.add(entry.getKey());
        }
      }
    }
    for (AttemptId id : forgotten) {
      attempts.remove(id);
      Files2.deleteTree(AttemptPaths.of(settings.stateDirectory(), id));
    }
    delivery.forget(forgotten);
    Files2.deleteIfEmpty(AttemptPaths.ofRun(settings.stateDirectory(), runId));
    return forgotten.size();
  }

  /**
   * Lists the runs with attempts this launcher knows, for retention.
   *
   * @return the run ids
   */
  public List<String> knownRuns() {
    return attempts.keySet().stream().map(AttemptId::runId).distinct().sorted().toList();
  }

  /**
   * Stops watching processes; with {@link LocalLauncherSettings#terminateOnClose()} also stops the
   * workers still running.
   */
  @Override
  public void close() {
    if (settings.terminateOnClose()) {
      List<ProcessHandle> live = new ArrayList<>();
      for (Map.Entry<AttemptId, Tracked> entry : attempts.entrySet()) {
        ProcessHandle handle = entry.getValue().handle;
        if (handle != null && handle.isAlive()) {
          live.add(handle);
          terminate(entry.getKey());
        }
      }
      long deadline = System.nanoTime() + settings.terminateGracePeriod().toNanos();
      for (ProcessHandle handle : live) {
        long left = deadline - System.nanoTime();
        try {
          handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          handle.descendants().forEach(ProcessHandle::destroyForcibly);
          handle.destroyForcibly();
        }
      }
    }
    workers.shutdown();
    killer.shutdownNow();
    delivery.close();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
