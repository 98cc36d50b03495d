package io.pipewright.storage.postgres;

import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.postgres.internal.EventRows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough figures of the daemon's kind of append (not a benchmark harness): one append of 1,000
 * {@code STEP_WORKER_STARTING} events, each of its own attempt (a fan-out's launch decision), its
 * wall time and the part of it spent encoding the columns on the caller's thread. Runs only with
 * {@code -Dpipewright.bench=true} and writes {@code target/bench/host-append.txt}.
 */
@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class HostAppendMeasurementTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @Inject EventLog events;
  @Inject Tables tables;

  static List<EventRecord> fanOut(String run, int steps) {
    List<EventRecord> list = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      list.add(
          new EventRecord(
              run,
              "fan_" + i,
              1,
              0,
              T0,
              DagsterEventType.STEP_WORKER_STARTING,
              EventLevel.INFO,
              "Launching a worker for step \"fan_" + i + "\" (attempt 1).",
              new EnginePayload(List.of(), null)));
    }
    return list;
  }

  @Test
  void shouldWriteItsFiguresWhenAskedTo() throws Exception {
    tables.truncate();
    int rounds = 40;
    long[] appendMicros = new long[rounds];
    long[] encodeMicros = new long[rounds];
    for (int r = 0; r < rounds + 10; r++) {
      List<EventRecord> batch = fanOut("run-" + r, 1_000);
      long start = System.nanoTime();
      EventRows.Encoded.of(batch, null, null);
      long encoded = System.nanoTime();
      List<StoredEvent> stored = await(events.append(batch));
      long done = System.nanoTime();
      assertThat(stored).hasSize(1_000);
      for (int i = 1; i < stored.size(); i++) {
        assertThat(stored.get(i).id()).isGreaterThan(stored.get(i - 1).id());
        assertThat(stored.get(i).event()).isSameAs(batch.get(i));
      }
      if (r >= 10) {
        encodeMicros[r - 10] = (encoded - start) / 1_000;
        appendMicros[r - 10] = (done - encoded) / 1_000;
      }
    }
    Arrays.sort(appendMicros);
    Arrays.sort(encodeMicros);
    String figures =
        String.format(
            "append of 1000 STEP_WORKER_STARTING events of 1000 attempts: p50 %.1f ms, p90 %.1f"
                + " ms (of which encoding the columns on the caller's thread: p50 %.1f ms)%n",
            appendMicros[rounds / 2] / 1000.0,
            appendMicros[rounds * 9 / 10] / 1000.0,
            encodeMicros[rounds / 2] / 1000.0);
    Path out = Path.of("target", "bench", "host-append.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, figures);
  }
}
