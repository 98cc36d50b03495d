package io.pipewright.daemon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.schedule.RunIds;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.daemon.schedule.RunSpec;
import io.pipewright.daemon.schedule.RunSubmitter;
import io.pipewright.daemon.testing.InstigationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackfillDaemonTest {

  private final InstigationHarness h =
      new InstigationHarness(Instant.parse("2026-03-02T09:30:30Z"));
  private final BackfillSettings settings =
      new BackfillSettings(50, 25, Duration.ofSeconds(5), Duration.ofSeconds(30));

  private BackfillDaemon daemon() {
    return new BackfillDaemon(h.stores, h.location, settings, h.clock, h.metrics);
  }

  private Backfill add(String id, int partitions) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      keys.add(String.format("p-%04d", i));
    }
    return h.stores
        .backfills()
        .add(Backfill.ofJob(id, "etl", "job", keys, h.clock.instant()))
        .await()
        .indefinitely();
  }

  private Backfill backfill(String id) {
    return h.stores.backfills().find(id).await().indefinitely().orElseThrow();
  }

  private List<Run> runs(String backfillId) {
    return h.stores
        .runs()
        .list(RunFilter.builder().tags(Map.of(RunTags.BACKFILL, backfillId)).build(), null, 100_000)
        .await()
        .indefinitely();
  }

  /** Plays the run queue and orchestrator: every queued run of the backfill succeeds. */
  private int finishQueuedRuns(String backfillId) {
    int finished = 0;
    for (Run run : runs(backfillId)) {
      if (run.status() == RunStatus.QUEUED) {
        Instant now = h.clock.instant();
        h.stores
            .runs()
            .transition(run.runId(), RunStatus.QUEUED, RunStatus.STARTING, now)
            .await()
            .indefinitely();
        h.stores
            .runs()
            .transition(run.runId(), RunStatus.STARTING, RunStatus.STARTED, now)
            .await()
            .indefinitely();
        h.stores
            .runs()
            .transition(run.runId(), RunStatus.STARTED, RunStatus.SUCCESS, now)
            .await()
            .indefinitely();
        finished++;
      }
    }
    return finished;
  }

  @Test
  void shouldRunEachOfAThousandPartitionsExactlyOnceWhenTheDaemonRestartsMidway() {
    add("bf-1000", 1000);
    BackfillDaemon daemon = daemon();
    int passes = 0;
    int maxInFlight = 0;
    while (backfill("bf-1000").status() == BackfillStatus.REQUESTED && passes < 1000) {
      daemon.run(h.clock.instant());
      long unfinished = runs("bf-1000").stream().filter(r -> !r.status().isTerminal()).count();
      maxInFlight = (int) Math.max(maxInFlight, unfinished);
      if (passes == 10) {
        // A daemon dies right after creating the next chunk's runs, before recording them on the
        // backfill; a new daemon takes over.
        Backfill b = backfill("bf-1000");
        RunSubmitter submitter = new RunSubmitter(h.stores, Duration.ofSeconds(30));
        for (BackfillPartition p : b.partitionsIn(BackfillPartitionStatus.PENDING).subList(0, 5)) {
          submitter.submit(
              h.location,
              h.location.snapshot().job("job").orElseThrow(),
              new RunSpec(
                  RunIds.forBackfill("bf-1000", p.partitionKey()),
                  "etl",
                  "job",
                  Map.of(),
                  Map.of(RunTags.BACKFILL, "bf-1000", RunTags.PARTITION, p.partitionKey()),
                  List.of(),
                  p.partitionKey(),
                  "bf-1000"),
              h.clock.instant());
        }
        daemon = daemon();
      }
      finishQueuedRuns("bf-1000");
      h.clock.advance(Duration.ofSeconds(5));
      passes++;
    }
    daemon.run(h.clock.instant());

    Backfill done = backfill("bf-1000");
    assertThat(done.status()).isEqualTo(BackfillStatus.COMPLETED_SUCCESS);
    assertThat(done.partitions()).allMatch(p -> p.status() == BackfillPartitionStatus.SUCCEEDED);
    List<Run> runs = runs("bf-1000");
    assertThat(runs).hasSize(1000);
    Set<String> partitions = new HashSet<>();
    for (Run run : runs) {
      assertThat(partitions.add(run.partitionKey())).as(run.partitionKey()).isTrue();
      assertThat(run.runId()).isEqualTo(RunIds.forBackfill("bf-1000", run.partitionKey()));
      assertThat(run.backfillId()).isEqualTo("bf-1000");
    }
    assertThat(maxInFlight).isLessThanOrEqualTo(settings.maxInFlight() + 5);
  }

  @Test
  void shouldCancelQueuedRunsAndPendingPartitionsWhenCanceled() {
    add("bf-cancel", 100);
    BackfillDaemon daemon = daemon();
    daemon.run(h.clock.instant()); // 25 runs queued (one chunk).
    assertThat(runs("bf-cancel")).hasSize(25);
    h.stores
        .backfills()
        .update("bf-cancel", b -> b.withStatus(BackfillStatus.CANCELING, h.clock.instant()))
        .await()
        .indefinitely();

    daemon.run(h.clock.instant()); // Cancels the queued runs and the pending partitions.
    daemon.run(h.clock.instant()); // Sees the runs canceled.

    Backfill canceled = backfill("bf-cancel");
    assertThat(canceled.status()).isEqualTo(BackfillStatus.CANCELED);
    assertThat(canceled.partitions()).allMatch(p -> p.status() == BackfillPartitionStatus.CANCELED);
    assertThat(runs("bf-cancel")).hasSize(25).allMatch(r -> r.status() == RunStatus.CANCELED);
  }

  @Test
  void shouldFailTheBackfillNamingTheJobWhenTheLocationNoLongerDefinesIt() {
    h.stores
        .backfills()
        .add(Backfill.ofJob("bf-gone", "etl", "gone", List.of("a"), h.clock.instant()))
        .await()
        .indefinitely();
    BackfillDaemon daemon = daemon();

    daemon.run(h.clock.instant());
    daemon.run(h.clock.instant());

    Backfill failed = backfill("bf-gone");
    assertThat(failed.status()).isEqualTo(BackfillStatus.FAILED);
    assertThat(failed.error().message()).contains("'gone'");
  }

  @Test
  void shouldSubmitTheRemainingPartitionsWhenAFailedBackfillIsResumed() {
    add("bf-back", 3);
    h.location.jobs.clear();
    BackfillDaemon daemon = daemon();
    daemon.run(h.clock.instant());
    daemon.run(h.clock.instant());
    assertThat(backfill("bf-back").status()).isEqualTo(BackfillStatus.FAILED);
    assertThat(runs("bf-back")).isEmpty();

    // The job is back (a redeploy); someone resumes the backfill.
    h.location.jobs.add("job");
    h.stores
        .backfills()
        .update("bf-back", b -> b.resumed(h.clock.instant()))
        .await()
        .indefinitely();
    for (int pass = 0;
        pass < 5 && backfill("bf-back").status() == BackfillStatus.REQUESTED;
        pass++) {
      daemon.run(h.clock.instant());
      finishQueuedRuns("bf-back");
      h.clock.advance(Duration.ofSeconds(5));
    }

    Backfill done = backfill("bf-back");
    assertThat(done.status()).isEqualTo(BackfillStatus.COMPLETED_SUCCESS);
    assertThat(done.error()).isNull();
    assertThat(runs("bf-back")).hasSize(3);
  }
}
