package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.backfill.BackfillDaemon;
import io.pipewright.daemon.backfill.BackfillSettings;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.schedule.InstigationMetrics;
import io.pipewright.daemon.schedule.InstigationStores;
import io.pipewright.daemon.testing.BenchWorkers;
import io.pipewright.daemon.testing.FakeCodeLocation;
import io.pipewright.daemon.testing.InstigationHarness;
import io.pipewright.storage.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 8's backfill figure: a backfill of many partitions submitted by the backfill daemon while
 * the daemon's run queue admits its runs under a limit of concurrent runs, with fake workers
 * ({@link BenchWorkers}) and in-memory stores, each daemon on its own thread as in the daemon.
 * Reports the submission rate, the admission rate, and how often the queue ran dry (no queued run
 * while the backfill still had partitions to submit): when it never does, the backfill is not the
 * bottleneck. Off by default; {@code -Dpipewright.bench=true} runs it and writes
 * target/bench/backfill-in-memory.txt ({@code -Dpipewright.bench.partitions} changes the size).
 */
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class BackfillFiguresTest {

  private static final int QUEUE_LIMIT = 100;
  private static final Duration WORK = Duration.ofMillis(200);

  /** One measurement. */
  private record Figure(
      String settings,
      int partitions,
      double seconds,
      double submittedPerSecond,
      double admittedPerSecond,
      double secondsToSubmitAll,
      int samples,
      int starvedSamples) {
    @Override
    public String toString() {
      return String.format(
          "  %s: %,d partitions done in %.1f s; submitted %.0f runs/s (all submitted after %.1f s),"
              + " admitted %.0f runs/s; the queue was dry while partitions waited in %d of %d"
              + " samples (every 100 ms)%n",
          settings,
          partitions,
          seconds,
          submittedPerSecond,
          secondsToSubmitAll,
          admittedPerSecond,
          starvedSamples,
          samples);
    }
  }

  private static long count(DaemonStores stores, Set<RunStatus> statuses) {
    return stores
        .runs()
        .count(RunFilter.builder().statuses(statuses).build())
        .await()
        .indefinitely();
  }

  private static Figure measure(int partitions, BackfillSettings settings, String label)
      throws InterruptedException {
    InMemoryStorage storage = new InMemoryStorage();
    DaemonStores daemonStores =
        new DaemonStores(
            storage.runs(),
            storage.snapshots(),
            storage.events(),
            storage.pools(),
            storage.heartbeats());
    InstigationStores stores = InstigationHarness.memory(storage);
    FakeCodeLocation location = new FakeCodeLocation("etl");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      keys.add(String.format("p-%05d", i));
    }
    String id = "bf-" + partitions;
    stores
        .backfills()
        .add(Backfill.ofJob(id, "etl", "job", keys, Instant.now()))
        .await()
        .indefinitely();
    try (BenchWorkers workers = new BenchWorkers(storage.events(), WORK)) {
      DaemonLoop loop =
          new DaemonLoop(
              daemonStores,
              workers,
              new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC()),
              l -> Optional.empty(),
              DaemonSettings.defaults("bench").withQueueLimits(RunQueueLimits.of(QUEUE_LIMIT)),
              Clock.systemUTC(),
              () -> 0.5,
              DaemonMetrics.none());
      loop.start();
      loop.leading(true);
      BackfillDaemon daemon =
          new BackfillDaemon(
              stores, location, settings, Clock.systemUTC(), InstigationMetrics.none());
      AtomicBoolean done = new AtomicBoolean();
      // The backfill daemon's thread, as InstigationLoop runs it: a pass, then sleep until due.
      Thread backfills =
          new Thread(
              () -> {
                while (!done.get()) {
                  Instant next = daemon.run(Instant.now());
                  long wait = Math.max(1, Duration.between(Instant.now(), next).toMillis());
                  try {
                    Thread.sleep(Math.min(wait, 60_000));
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-backfill");
      long start = System.nanoTime();
      backfills.start();
      int samples = 0;
      int starved = 0;
      long deadline = start + Duration.ofMinutes(15).toNanos();
      try {
        while (System.nanoTime() < deadline) {
          Thread.sleep(100);
          Backfill b = stores.backfills().find(id).await().indefinitely().orElseThrow();
          if (b.status().isTerminal()) {
            break;
          }
          long created = count(daemonStores, Set.of(RunStatus.values()));
          if (created >= partitions) {
            continue; // Everything is submitted: what follows is the queue's and the workers'.
          }
          long queued = count(daemonStores, Set.of(RunStatus.QUEUED, RunStatus.NOT_STARTED));
          samples++;
          if (queued == 0) {
            starved++;
          }
        }
      } finally {
        done.set(true);
        backfills.interrupt();
        backfills.join();
        loop.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Backfill b = stores.backfills().find(id).await().indefinitely().orElseThrow();
      assertThat(b.status()).isEqualTo(BackfillStatus.COMPLETED_SUCCESS);
      List<Run> runs =
          stores
              .runs()
              .list(RunFilter.builder().tags(Map.of(RunTags.BACKFILL, id)).build(), null, 1_000_000)
              .await()
              .indefinitely();
      assertThat(runs).hasSize(partitions);
      Instant firstCreated = Instant.MAX;
      Instant lastCreated = Instant.MIN;
      Instant firstStarted = Instant.MAX;
      Instant lastStarted = Instant.MIN;
      for (Run run : runs) {
        firstCreated = min(firstCreated, run.createTime());
        lastCreated = max(lastCreated, run.createTime());
        firstStarted = min(firstStarted, run.startTime());
        lastStarted = max(lastStarted, run.startTime());
      }
      double submitSeconds = Duration.between(firstCreated, lastCreated).toNanos() / 1e9;
      double admitSeconds = Duration.between(firstStarted, lastStarted).toNanos() / 1e9;
      Instant begun = firstCreated;
      return new Figure(
          label,
          partitions,
          seconds,
          partitions / Math.max(submitSeconds, 1e-3),
          partitions / Math.max(admitSeconds, 1e-3),
          Duration.between(begun, lastCreated).toNanos() / 1e9,
          samples,
          starved);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  @Test
  void shouldMeasureATenThousandPartitionBackfillAgainstTheQueueWhenBenchmarksAreOn()
      throws IOException, InterruptedException {
    int partitions = Integer.getInteger("pipewright.bench.partitions", 10_000);
    measure(500, BackfillSettings.DEFAULTS, "warm-up"); // JIT, not reported.
    Figure figure = measure(partitions, BackfillSettings.DEFAULTS, "default settings");
    String report =
        String.format(
                "In-memory stores, fake workers (one step of %d ms per run), run queue limit %d"
                    + " concurrent runs, backfill settings %s:%n",
                WORK.toMillis(), QUEUE_LIMIT, BackfillSettings.DEFAULTS)
            + figure;
    Path out = Path.of("target", "bench", "backfill-in-memory.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }
}
