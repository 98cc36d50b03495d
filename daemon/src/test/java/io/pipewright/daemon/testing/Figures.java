package io.pipewright.daemon.testing;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of issue 6, measured against any stores (in memory, PostgreSQL) with fake workers and
 * the real loop on its own thread:
 *
 * <ul>
 *   <li>orchestrator time per step: from an upstream step's success being stored to the launch call
 *       of the step after it, with many runs in progress at once;
 *   <li>admission: how long after capacity frees a thousand queued runs are admitted.
 * </ul>
 */
public final class Figures {

  private Figures() {}

  /** Latency percentiles, in milliseconds. */
  public record Percentiles(int count, double p50, double p90, double p99, double max) {
    static Percentiles of(List<Long> nanos) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return new Percentiles(
          sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 1.0));
    }

    private static double at(List<Long> sorted, double q) {
      int index = (int) Math.ceil(q * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    @Override
    public String toString() {
      return String.format(
          "n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms", count, p50, p90, p99, max);
    }
  }

  /**
   * The time per step, the loop thread's own busy time per step, and the worst samples (when they
   * happened, to tell a warm-up or a pause from a steady tail).
   */
  public record PerStep(
      Percentiles latency, double loopMillisPerStep, String phases, String worst) {
    @Override
    public String toString() {
      return latency
          + String.format("; loop busy %.2f ms per step", loopMillisPerStep)
          + "\n    loop phases (ms per step; calls, mean ms, max ms): "
          + phases
          + "\n    worst samples (ms, at ms after the first success stored, step index): "
          + worst;
    }
  }

  /** One latency sample: the success stored (nanos), the latency, the downstream step's index. */
  private record Sample(long stored, long nanos, int step) {}

  /** Collections so far and their time (ms), over every collector. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (java.lang.management.GarbageCollectorMXBean bean :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, bean.getCollectionCount());
      millis += Math.max(0, bean.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static String gcSince(long[] before) {
    long[] now = gc();
    return String.format(
        "; GC meanwhile: %d collections, %d ms", now[0] - before[0], now[1] - before[1]);
  }

  /** The ten worst samples, each with when its upstream success was stored. */
  private static String worst(List<Sample> samples) {
    long first = samples.stream().mapToLong(Sample::stored).min().orElse(0);
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
    StringBuilder out = new StringBuilder();
    for (Sample s : sorted.subList(0, Math.min(10, sorted.size()))) {
      out.append(
          String.format("%.1f@%.0f#%d ", s.nanos() / 1e6, (s.stored() - first) / 1e6, s.step()));
    }
    return out.toString().trim();
  }

  /** The loop's time per phase, per step: total ms per step, how many times, the longest. */
  private static String phases(DaemonMetrics metrics, int steps) {
    StringBuilder out = new StringBuilder();
    for (io.micrometer.core.instrument.Timer timer :
        metrics.registry().find("pipewright.daemon.loop.phase").timers()) {
      java.util.concurrent.TimeUnit ms = java.util.concurrent.TimeUnit.MILLISECONDS;
      out.append(
          String.format(
              "%s %.2f (%d, mean %.2f, max %.1f); ",
              timer.getId().getTag("phase"),
              timer.totalTime(ms) / steps,
              timer.count(),
              timer.mean(ms),
              timer.max(ms)));
    }
    return out.toString();
  }

  private static DaemonLoop loop(
      DaemonStores stores, BenchWorkers workers, int maxRuns, DaemonMetrics metrics) {
    DaemonLoop loop = idleLoop(stores, workers, maxRuns, metrics);
    loop.leading(true);
    return loop;
  }

  private static DaemonLoop idleLoop(
      DaemonStores stores, BenchWorkers workers, int maxRuns, DaemonMetrics metrics) {
    DaemonLoop loop =
        new DaemonLoop(
            stores,
            workers,
            new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC()),
            location -> Optional.empty(),
            DaemonSettings.defaults("bench").withQueueLimits(RunQueueLimits.of(maxRuns)),
            Clock.systemUTC(),
            () -> 0.5,
            metrics);
    loop.start();
    return loop;
  }

  private static void await(
      String what, Duration timeout, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Ends every run still in progress, so that the next measurement starts with free capacity. */
  private static void endLeftovers(DaemonStores stores) {
    Set<RunStatus> inProgress = Set.of(RunStatus.STARTING, RunStatus.STARTED, RunStatus.CANCELING);
    while (true) {
      List<io.pipewright.core.run.Run> left =
          stores
              .runs()
              .list(RunFilter.builder().statuses(inProgress).build(), null, 500)
              .await()
              .indefinitely();
      if (left.isEmpty()) {
        return;
      }
      for (io.pipewright.core.run.Run run : left) {
        stores
            .runs()
            .transition(run.runId(), run.status(), RunStatus.FAILURE, Instant.now())
            .await()
            .indefinitely();
      }
    }
  }

  private static long count(DaemonStores stores, String job, Set<RunStatus> statuses) {
    return stores
        .runs()
        .count(RunFilter.builder().jobName(job).statuses(statuses).build())
        .await()
        .indefinitely();
  }

  /**
   * Orchestrator time per step with concurrent runs of a chain.
   *
   * @param stores the stores
   * @param runs how many runs at once
   * @param steps steps per run (a chain)
   * @param work how long each worker works
   * @return the latencies from an upstream success stored to the downstream launch call
   */
  public static PerStep timePerStep(DaemonStores stores, int runs, int steps, Duration work) {
    String[] keys = new String[steps];
    for (int i = 0; i < steps; i++) {
      keys[i] = "s" + i;
    }
    String job = "chain_" + System.nanoTime();
    ExecutionPlanSnapshot plan = Plans.chain(job, keys);
    DaemonMetrics metrics = DaemonMetrics.none();
    try (BenchWorkers workers = new BenchWorkers(stores.events(), work)) {
      DaemonLoop loop = loop(stores, workers, runs, metrics);
      long[] gcBefore = gc();
      try {
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          ids.add(Runs.queue(stores, plan, "bench", Map.of(), Instant.now()));
        }
        await(
            runs + " runs of " + steps + " steps to succeed",
            Duration.ofMinutes(10),
            () -> count(stores, job, Set.of(RunStatus.SUCCESS)) == runs);
        List<Long> latencies = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (String id : ids) {
          for (int i = 1; i < steps; i++) {
            long stored = workers.successStored.get(new AttemptId(id, keys[i - 1], 1));
            long launched = workers.launchCalls.get(new AttemptId(id, keys[i], 1));
            latencies.add(launched - stored);
            samples.add(new Sample(stored, launched - stored, i));
          }
        }
        double busy =
            metrics
                .registry()
                .get("pipewright.daemon.loop")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
        return new PerStep(
            Percentiles.of(latencies),
            busy / (runs * steps),
            phases(metrics, runs * steps),
            worst(samples) + gcSince(gcBefore));
      } finally {
        loop.close();
        endLeftovers(stores);
      }
    }
  }

  /**
   * How long a daemon takes to admit queued runs when capacity for all of them appears at once:
   * {@code runs} runs wait in the queue while no daemon leads; one becomes leader.
   *
   * @param stores the stores
   * @param runs how many runs wait
   * @return milliseconds from leadership to the last run admitted (STARTING)
   */
  public static double admissionAtOnce(DaemonStores stores, int runs) {
    String job = "waiting_" + System.nanoTime();
    ExecutionPlanSnapshot plan = Plans.chain(job, "wait");
    try (BenchWorkers workers = new BenchWorkers(stores.events(), Duration.ZERO)) {
      workers.hold(id -> true);
      DaemonLoop loop = idleLoop(stores, workers, runs, DaemonMetrics.none());
      try {
        for (int r = 0; r < runs; r++) {
          Runs.queue(stores, plan, "bench", Map.of(), Instant.now());
        }
        long start = System.nanoTime();
        loop.leading(true);
        await(
            "the waiting runs to be admitted",
            Duration.ofMinutes(5),
            () ->
                count(stores, job, Set.of(RunStatus.STARTING, RunStatus.STARTED, RunStatus.SUCCESS))
                    == runs);
        return (System.nanoTime() - start) / 1e6;
      } finally {
        loop.close();
        endLeftovers(stores);
      }
    }
  }

  /** The admission figure. */
  public record Admission(int runs, double millisAfterRelease, double millisToRelease) {
    @Override
    public String toString() {
      return String.format(
          "%d queued runs admitted %.0f ms after the last of %d blocking runs' successes was stored"
              + " (storing them took %.0f ms)",
          runs, millisAfterRelease, runs, millisToRelease);
    }
  }

  /**
   * How long after capacity frees queued runs are admitted: {@code runs} runs hold every slot,
   * {@code runs} more wait; all holders finish at once.
   *
   * @param stores the stores
   * @param runs how many runs hold the slots, and how many wait
   * @return the time from the last holder's success stored to the last waiting run admitted
   */
  public static Admission admission(DaemonStores stores, int runs) {
    String blockerJob = "blocker_" + System.nanoTime();
    String queuedJob = "queued_" + System.nanoTime();
    ExecutionPlanSnapshot blocker = Plans.chain(blockerJob, "block");
    ExecutionPlanSnapshot waiting = Plans.chain(queuedJob, "wait");
    try (BenchWorkers workers = new BenchWorkers(stores.events(), Duration.ZERO)) {
      workers.hold(id -> true);
      DaemonLoop loop = loop(stores, workers, runs, DaemonMetrics.none());
      try {
        for (int r = 0; r < runs; r++) {
          Runs.queue(stores, blocker, "bench", Map.of(), Instant.now());
        }
        await("the blockers to start", Duration.ofMinutes(5), () -> workers.heldCount() == runs);
        for (int r = 0; r < runs; r++) {
          Runs.queue(stores, waiting, "bench", Map.of(), Instant.now());
        }
        await(
            "the waiting runs to be queued",
            Duration.ofMinutes(5),
            () -> count(stores, queuedJob, Set.of(RunStatus.QUEUED)) == runs);
        long start = System.nanoTime();
        workers.hold(id -> id.stepKey().equals("wait"));
        workers.release();
        long released = System.nanoTime();
        await(
            "the waiting runs to be admitted",
            Duration.ofMinutes(5),
            () -> count(stores, queuedJob, Set.of(RunStatus.STARTING, RunStatus.STARTED)) == runs);
        long admitted = System.nanoTime();
        return new Admission(runs, (admitted - released) / 1e6, (released - start) / 1e6);
      } finally {
        loop.close();
        endLeftovers(stores);
      }
    }
  }
}
