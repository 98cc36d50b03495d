package io.pipewright.daemon.launch.k8s;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStore;
import io.pipewright.executor.k8s.RunLookup;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The Kubernetes launcher's {@link RunLookup} from the daemon's {@link RunStore}. Finished runs are
 * remembered (a finished run never changes), so that the orphan sweep asks the store about each
 * finished run once. A run in progress is remembered for a short while ({@link
 * #DEFAULT_ACTIVE_FOR}), and lookups of a run that arrive while it is being read wait for that one
 * read: a fan-out launches a thousand pods of one run, and the launcher's creation threads would
 * otherwise each query the store once per pod, before its creation. The cost of remembering is that
 * a run's end or a tag added to it reaches the launcher up to that while late: the sweep deletes
 * the run's pods a moment later, and a pod created in that moment carries the tags it would have
 * carried a moment earlier.
 */
public final class RunStoreLookup implements RunLookup {

  /** How long a run in progress is remembered by default. */
  public static final Duration DEFAULT_ACTIVE_FOR = Duration.ofSeconds(1);

  private static final int MAX_REMEMBERED = 10_000;

  private final RunStore runs;
  private final Duration timeout;
  private final long activeForNanos;
  private final LongSupplier nanoTime;
  private final Map<String, RunInfo> finished = new ConcurrentHashMap<>();
  private final Map<String, Read> active = new ConcurrentHashMap<>();

  /** One read of a run from the store: its answer, and when it was started. */
  private record Read(CompletableFuture<Optional<RunInfo>> answer, long startedAt) {}

  /**
   * Creates the lookup, remembering runs in progress for {@link #DEFAULT_ACTIVE_FOR}.
   *
   * @param runs the run store
   * @param timeout how long one query may take (a launch waits for it)
   */
  public RunStoreLookup(RunStore runs, Duration timeout) {
    this(runs, timeout, DEFAULT_ACTIVE_FOR, System::nanoTime);
  }

  /**
   * Creates the lookup.
   *
   * @param runs the run store
   * @param timeout how long one query may take (a launch waits for it)
   * @param activeFor how long a run in progress is remembered; zero to read it on every lookup
   *     (lookups of a run that arrive during a read still share it)
   * @param nanoTime the clock of {@code activeFor} ({@link System#nanoTime()})
   */
  public RunStoreLookup(
      RunStore runs, Duration timeout, Duration activeFor, LongSupplier nanoTime) {
    this.runs = Objects.requireNonNull(runs, "runs must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    if (activeFor == null || activeFor.isNegative()) {
      throw new IllegalArgumentException(
          "activeFor must be zero or more (how long a run in progress is remembered), got "
              + activeFor);
    }
    this.activeForNanos = activeFor.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime must not be null");
  }

  @Override
  public Optional<RunInfo> find(String runId) {
    RunInfo known = finished.get(runId);
    if (known != null) {
      return Optional.of(known);
    }
    long now = nanoTime.getAsLong();
    Read mine = new Read(new CompletableFuture<>(), now);
    Read read = active.compute(runId, (id, old) -> usable(old, now) ? old : mine);
    if (read == mine) {
      return readNow(runId, mine);
    }
    try {
      return read.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for run " + runId, e);
    } catch (ExecutionException e) {
      // The shared read failed: this lookup fails as that one did (the launch is rejected).
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Reading run " + runId + " took more than " + timeout + "; the run store is slow", e);
    }
  }

  /** A read in flight is shared; a finished one while it is fresh and succeeded. */
  private boolean usable(Read read, long now) {
    if (read == null) {
      return false;
    }
    if (!read.answer().isDone()) {
      return true;
    }
    return !read.answer().isCompletedExceptionally() && now - read.startedAt() < activeForNanos;
  }

  private Optional<RunInfo> readNow(String runId, Read mine) {
    Optional<RunInfo> answer;
    try {
      answer = runs.find(runId).await().atMost(timeout).map(this::info);
    } catch (RuntimeException e) {
      active.remove(runId, mine);
      mine.answer().completeExceptionally(e);
      throw e;
    }
    if (answer.isEmpty() || answer.get().finished()) {
      // Unknown runs are read again next time (one may be about to be stored); finished ones live
      // in their own map.
      active.remove(runId, mine);
    } else if (active.size() > MAX_REMEMBERED) {
      active.clear(); // A bound, not a cache policy: forgetting costs one query per run.
    }
    mine.answer().complete(answer);
    return answer;
  }

  private RunInfo info(Run r) {
    // The start time tells the launcher whether an earlier launcher may have created the run's
    // pods (RunInfo.startedAt): the daemon moves a run to STARTED before it launches its steps.
    if (!r.status().isTerminal()) {
      return RunInfo.active(r.jobName(), r.tags()).withStartedAt(r.startTime());
    }
    RunInfo info = RunInfo.finished(r.jobName(), r.tags()).withStartedAt(r.startTime());
    if (finished.size() >= MAX_REMEMBERED) {
      finished.clear(); // A bound, not a cache policy: forgetting costs one query per run.
    }
    finished.put(r.runId(), info);
    return info;
  }
}
