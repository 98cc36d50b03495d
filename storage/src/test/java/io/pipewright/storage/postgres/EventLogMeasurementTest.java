package io.pipewright.storage.postgres;

import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.LogPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.Fixtures;
import io.pipewright.storage.postgres.internal.Bodies;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough figures of the PostgreSQL event log (not a benchmark harness): ingest rate with batches
 * from one and from several writers, the latency of a 1,000-event {@code logsForRun} page, and the
 * size and codec cost of event bodies. Runs only with {@code -Dpipewright.bench=true} and writes
 * {@code target/bench/event-log.txt}.
 */
@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class EventLogMeasurementTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Inject EventLog events;
  @Inject Tables tables;

  private static EventRecord log(String run, String step, long seq) {
    return new EventRecord(
        run,
        step,
        1,
        seq,
        T0.plusMillis(seq),
        DagsterEventType.LOG_MESSAGE,
        EventLevel.INFO,
        "processed chunk " + seq + " of the orders extract",
        new LogPayload(Map.of("rows", seq, "table", "orders")));
  }

  private static EventRecord materialization(String run, String step, long seq) {
    return new EventRecord(
        run,
        step,
        1,
        seq,
        T0.plusMillis(seq),
        DagsterEventType.ASSET_MATERIALIZATION,
        EventLevel.INFO,
        "",
        new MaterializationPayload(
            AssetKeySnapshot.of("analytics", "daily_orders"),
            "stored",
            List.of(
                new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(1234)),
                new MetadataEntrySnapshot(
                    "path", new MetadataValueSnapshot.Path("/data/x.parquet"))),
            "2026-01-0" + (seq % 9 + 1)));
  }

  private static StepEventBatch batch(String run, String step, int from, int size) {
    List<EventRecord> list = new ArrayList<>(size);
    for (int i = from; i < from + size; i++) {
      list.add(i % 50 == 0 ? materialization(run, step, i) : log(run, step, i));
    }
    return new StepEventBatch(run, step, 1, list);
  }

  private double ingestRate(int writers, int batchesEach, int batchSize) throws Exception {
    long start = System.nanoTime();
    Fixtures.concurrently(
        writers,
        w -> {
          for (int b = 0; b < batchesEach; b++) {
            await(events.ingest(batch("run-" + w, "step", b * batchSize, batchSize)));
          }
          return null;
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    return writers * batchesEach * batchSize / seconds;
  }

  @Test
  void shouldWriteItsFiguresWhenAskedTo() throws Exception {
    tables.truncate();
    ingestRate(2, 20, 500); // warm-up
    tables.truncate();

    double oneWriter = ingestRate(1, 100, 1_000);
    double fourWriters = ingestRate(4, 50, 500);
    double smallBatches = ingestRate(4, 200, 10);

    long[] pageMicros = new long[50];
    for (int i = 0; i < pageMicros.length; i++) {
      long start = System.nanoTime();
      EventPage page = await(events.eventsForRun("run-0", i * 1_000L, 1_000));
      pageMicros[i] = (System.nanoTime() - start) / 1_000;
      assertThat(page.events()).hasSize(1_000);
    }
    Arrays.sort(pageMicros);

    EventRecord logEvent = log("r", "s", 7);
    EventRecord matEvent = materialization("r", "s", 7);
    byte[] logBody = Bodies.event(logEvent);
    byte[] matBody = Bodies.event(matEvent);
    int rounds = 200_000;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      Bodies.event(Bodies.event(i % 2 == 0 ? logEvent : matEvent), "r", "s", 1);
    }
    double codecMicros = (System.nanoTime() - start) / 1e3 / rounds;

    String figures =
        String.format(
            "ingest, 1 writer, batches of 1000: %.0f events/s%n"
                + "ingest, 4 writers, batches of 500: %.0f events/s%n"
                + "ingest, 4 writers, batches of 10: %.0f events/s%n"
                + "logsForRun page of 1000 (of 100000 in the run): p50 %.1f ms, max %.1f ms%n"
                + "body bytes: log event %d, materialization with 2 metadata entries %d%n"
                + "protobuf encode + decode per event: %.2f us%n",
            oneWriter,
            fourWriters,
            smallBatches,
            pageMicros[pageMicros.length / 2] / 1000.0,
            pageMicros[pageMicros.length - 1] / 1000.0,
            logBody.length,
            matBody.length,
            codecMicros);
    Path out = Path.of("target", "bench", "event-log.txt");
    writeFigures(out, figures);
    assertThat(oneWriter).isPositive();
  }

  private static void writeFigures(Path out, String figures) throws IOException {
    Files.createDirectories(out.getParent());
    Files.writeString(out, figures);
  }
}
