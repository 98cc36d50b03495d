package io.pipewright.webserver.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.webserver.ingest.IngestTokens;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 5's figures, measured on a running webserver over HTTP with a real PostgreSQL holding a
 * million runs and twenty million events: {@code runsOrError} pages (latency and throughput),
 * {@code logsForRun} pages of 1,000 events, and the event ingest rate. Off by default (it loads
 * several gigabytes); {@code -Dpipewright.bench=true} runs it and writes {@code
 * target/bench/webserver-figures.txt}. BENCHMARKS.md says how to read the numbers.
 *
 * <p>Sizes scale down with {@code -Dpipewright.bench.runs=N} (20 events per run) for a quick look.
 */
@QuarkusTest
@TestProfile(FiguresProfile.class)
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class WebserverFiguresTest {

  private static final byte[] SECRET =
      "test-secret-of-the-event-ingest-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final int RUNS = Integer.getInteger("pipewright.bench.runs", 1_000_000);
  private static final int BIG_RUN_EVENTS = 10_000;
  private static final int CLIENTS = Integer.getInteger("pipewright.bench.clients", 8);
  private static final Duration MEASURE = Duration.ofSeconds(15);

  /**
   * {@code -Dpipewright.bench.only=ingest} (or {@code runs}, {@code logs}; comma-separated)
   * measures only those figures, for a quick look at one of them; all by default.
   */
  private static final String ONLY =
      System.getProperty("pipewright.bench.only", "runs,logs,ingest");

  @TestHTTPResource("/")
  URL root;

  @Inject RunStore runs;
  @Inject EventLog events;

  @Test
  void shouldMeasureRunsLogsAndIngestOverAMillionRuns() throws Exception {
    List<String> report = new ArrayList<>();
    report.add("load average at start: " + Load.average());
    BenchData data = new BenchData(jdbcUrl(), user(), password(), report::add);
    seedTemplates();
    data.load(RUNS, BIG_RUN_EVENTS);
    report.add("load average after loading: " + Load.average());

    HttpLoad http = new HttpLoad(root, CLIENTS, MEASURE, new Cpu(postmaster()));
    if (ONLY.contains("runs")) {
      http.warmUp(RunsQuery.all(RUNS), Duration.ofSeconds(5));
      report.add("");
      report.add("runsOrError, " + CLIENTS + " clients, " + MEASURE.toSeconds() + " s each:");
      try (Memory memory = Memory.sample()) {
        for (RunsQuery query : RunsQuery.all(RUNS)) {
          report.add("  " + http.measure(query.name(), query.document(), query.variables()));
        }
        memory.close();
        report.add("  " + memory.summary());
      }
    }
    if (ONLY.contains("logs")) {
      report.add("");
      report.add("logsForRun, pages of 1,000 events of a 10,000-event run, one client:");
      // -Dpipewright.bench.logs.method=maps,stream measures with both clients, in that order.
      for (String method :
          System.getProperty("pipewright.bench.logs.method", "stream").split(",")) {
        try (Memory memory = Memory.sample()) {
          report.add("  " + http.logPages("bench-big", 1000, 300, method.trim()));
          memory.close();
          report.add("  " + memory.summary());
        }
      }
    }
    if (ONLY.contains("ingest")) {
      report.add("");
      report.add("ingest, " + CLIENTS + " clients, batches of 500 events:");
      report.add("  " + http.ingest(500));
    }
    report.add("load average at the end: " + Load.average());

    Path out = Path.of("target/bench/webserver-figures.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
    assertThat(report).isNotEmpty();
  }

  /**
   * Stores the template run and its events through the real adapters, so that the bulk copies carry
   * bodies exactly as the webserver writes them.
   */
  private void seedTemplates() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Run template =
        Run.builder("tmpl", "hello", "test")
            .status(RunStatus.QUEUED)
            .runConfig(Map.of("ops", Map.of("say_hello", Map.of("config", Map.of("n", 1)))))
            .tags(Map.of("team", "data", "env", "prod"))
            .createTime(t0)
            .updateTime(t0)
            .build();
    runs.add(template).await().atMost(Duration.ofSeconds(30));
    List<EventRecord> host = new ArrayList<>();
    host.add(record("tmpl", null, 0, DagsterEventType.RUN_ENQUEUED, "Run enqueued."));
    host.add(record("tmpl", null, 1, DagsterEventType.RUN_START, "Started execution of run."));
    events.append(host).await().atMost(Duration.ofSeconds(30));
    // Six steps of three worker events each: 18 + 2 = 20 events per run.
    for (String step : List.of("extract", "clean", "split", "load", "report", "notify")) {
      List<EventRecord> worker = new ArrayList<>();
      worker.add(record("tmpl", step, 0, DagsterEventType.STEP_START, "Started " + step + "."));
      worker.add(record("tmpl", step, 1, DagsterEventType.STEP_OUTPUT, "Yielded output result."));
      worker.add(record("tmpl", step, 2, DagsterEventType.STEP_SUCCESS, "Finished " + step + "."));
      events
          .ingest(new StepEventBatch("tmpl", step, 1, worker))
          .await()
          .atMost(Duration.ofSeconds(30));
    }
  }

  static EventRecord record(
      String runId, String step, long sequence, DagsterEventType type, String message) {
    return new EventRecord(
        runId,
        step,
        step == null ? 0 : 1,
        sequence,
        Instant.now(),
        type,
        EventLevel.INFO,
        message,
        null);
  }

  static byte[] batchBody(String runId, String step, int attempt, long from, int count) {
    List<EventRecord> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(
          new EventRecord(
              runId,
              step,
              attempt,
              from + i,
              Instant.now(),
              DagsterEventType.ENGINE_EVENT,
              EventLevel.INFO,
              "progress " + (from + i),
              null));
    }
    return EventMapper.toProto(new StepEventBatch(runId, step, attempt, batch), "").toByteArray();
  }

  static String token(String runId, String step, int attempt) {
    return IngestTokens.mint(
        SECRET, new IngestTokens.Scope(runId, step, attempt, Instant.now().plusSeconds(3600)));
  }

  /** The PostgreSQL server's process, for its CPU time (0 when it cannot be found). */
  private long postmaster() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      return Cpu.postmasterOf(rs.getString(1));
    }
  }

  private static String jdbcUrl() {
    return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
  }

  private static String user() {
    return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
  }

  private static String password() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.datasource.password", String.class)
        .orElse("");
  }
}
