package io.pipewright.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.postgres.internal.EventNotifications;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once ingest when several processes write the same attempt: each {@link PostgresEventLog}
 * here has its own group commit, as two webserver replicas would, so their statements meet only in
 * PostgreSQL (the append lock, and the attempt's row in {@code event_ingest_attempts}).
 */
@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresIngestAcrossProcessesTest {

  @Inject Pool pool;
  @Inject EventNotifications notifications;
  @Inject Tables tables;

  @Test
  void shouldStoreEachSequenceOnceWhenTwoProcessesIngestOverlappingBatchesOfOneAttempt()
      throws Exception {
    tables.truncate();
    List<PostgresEventLog> processes =
        List.of(
            new PostgresEventLog(pool, notifications), new PostgresEventLog(pool, notifications));
    int threads = 6;
    int batches = 40;
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<IngestResult>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        PostgresEventLog log = processes.get(t % 2);
        Random random = new Random(t);
        futures.add(
            workers.submit(
                () -> {
                  List<IngestResult> results = new ArrayList<>();
                  for (int b = 0; b < batches; b++) {
                    // Overlapping ranges, in any order: resends, late batches, and batches that
                    // one thread's group and the other process's statement both carry.
                    long from = random.nextInt(300);
                    long to = from + random.nextInt(20);
                    results.add(log.ingest(batch(from, to)).await().atMost(Duration.ofSeconds(60)));
                  }
                  return results;
                }));
      }
      long accepted = 0;
      for (Future<List<IngestResult>> f : futures) {
        for (IngestResult r : f.get(120, TimeUnit.SECONDS)) {
          accepted += r.accepted();
        }
      }
      List<StoredEvent> stored =
          processes
              .get(0)
              .eventsForRun("r1", 0, 10_000)
              .await()
              .atMost(Duration.ofSeconds(30))
              .events();
      List<Long> sequences = stored.stream().map(e -> e.event().sequence()).toList();
      assertThat(sequences).doesNotHaveDuplicates();
      assertThat((long) sequences.size()).isEqualTo(accepted);
      IngestResult again =
          processes.get(1).ingest(batch(0, 0)).await().atMost(Duration.ofSeconds(30));
      assertThat(again.highestSequence())
          .isEqualTo(sequences.stream().mapToLong(s -> s).max().getAsLong());
    } finally {
      workers.shutdownNow();
    }
  }

  private static StepEventBatch batch(long from, long to) {
    List<EventRecord> events = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      events.add(
          new EventRecord(
              "r1",
              "extract",
              1,
              s,
              Instant.parse("2026-01-05T10:00:00Z").plusSeconds(s),
              DagsterEventType.LOG_MESSAGE,
              EventLevel.INFO,
              "event " + s,
              null));
    }
    return new StepEventBatch("r1", "extract", 1, events);
  }
}
