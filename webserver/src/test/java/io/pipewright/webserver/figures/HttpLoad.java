package io.pipewright.webserver.figures;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load: each client sends its next request when the previous one answered, for a
 * fixed time after a warm-up; latencies are measured per request, throughput over the whole time.
 *
 * <p>The {@code runsOrError} clients send a request encoded once over a kept-alive socket each
 * ({@link RawHttp}): the load generator shares the webserver's JVM, so its CPU counts in the JVM's
 * CPU per request, and {@code java.net.http.HttpClient} cost a large share of it.
 */
final class HttpLoad {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private static final byte[] RUNS_TYPENAME =
      "\"__typename\":\"Runs\"".getBytes(StandardCharsets.US_ASCII);

  private final String root;
  private final URL url;
  private RawHttp single;
  private final int clients;
  private final Duration time;
  private final Cpu cpu;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  HttpLoad(URL root, int clients, Duration time, Cpu cpu) {
    this.root = root.toString().replaceAll("/$", "");
    this.url = root;
    this.clients = clients;
    this.time = time;
    this.cpu = cpu;
  }

  /** Sends every request for a while first, so that the measured ones run compiled code. */
  void warmUp(List<RunsQuery> queries, Duration each) throws Exception {
    for (RunsQuery query : queries) {
      new HttpLoad(new URL(root + "/"), clients, each, cpu)
          .measure(query.name(), query.document(), query.variables());
    }
  }

  String measure(String name, String document, Map<String, Object> variables) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("query", document);
    body.put("variables", variables);
    byte[] request =
        RawHttp.post(url, "/graphql", "application/json", JSON.writeValueAsBytes(body));
    AtomicLong errors = new AtomicLong();
    List<RawHttp> opened = Collections.synchronizedList(new ArrayList<>());
    ThreadLocal<RawHttp> connection =
        ThreadLocal.withInitial(
            () -> {
              RawHttp client = new RawHttp(url);
              opened.add(client);
              return client;
            });
    Result r;
    try {
      r =
          run(
              () -> {
                RawHttp.Response response = connection.get().send(request);
                if (response.status() != 200 || !response.contains(RUNS_TYPENAME)) {
                  if (errors.getAndIncrement() == 0) {
                    System.err.println(name + ": " + response.text());
                  }
                }
                return 1;
              });
    } finally {
      opened.forEach(RawHttp::close);
    }
    return name
        + ": "
        + r.summary("req")
        + (errors.get() > 0 ? ", ERRORS " + errors : "")
        + r.cpu("request");
  }

  /**
   * Reads a run's events page after page (from the start again after the last page), one client,
   * and measures each page's latency and the CPU per page.
   *
   * <p>Two methods ({@code method}, from {@code -Dpipewright.bench.logs.method}): {@code stream},
   * the default, warms up for {@code pipewright.bench.logs.warmup} seconds (5) of pages first and
   * reads each answer with a streaming parser that counts the events and reads the cursor, without
   * building the answer as maps; {@code maps}, the first method, warms up with 20 pages and parses
   * each answer into maps. The load generator shares the webserver's JVM, so what it does counts in
   * the JVM's CPU per page: with maps, the client's parse was a fifth of the JVM's CPU samples and
   * a third of its allocation (JFR); and 20 pages (0.2 s) left the JIT compiling during the
   * measured pages.
   */
  String logPages(String runId, int pageSize, int requests, String method) throws Exception {
    String document =
        """
        query($runId: ID!, $cursor: String, $limit: Int) {
          logsForRun(runId: $runId, afterCursor: $cursor, limit: $limit) {
            ... on EventConnection { cursor hasMore events { __typename
              ... on MessageEvent { runId message timestamp level eventType stepKey } } }
          }
        }
        """;
    boolean maps = "maps".equals(method);
    long warmUpEnd =
        System.nanoTime()
            + (maps
                ? 0
                : Duration.ofSeconds(Long.getLong("pipewright.bench.logs.warmup", 5)).toNanos());
    int warmUpPages = maps ? 20 : 0;
    long[] latencies = new long[requests];
    String cursor = null;
    long events = 0;
    int warm = 0;
    while (warm < warmUpPages || System.nanoTime() < warmUpEnd) {
      cursor = logPage(document, runId, cursor, pageSize, maps).next();
      warm++;
    }
    long[] gcBefore = gc();
    long allocatedBefore = allocated();
    Cpu.Sample before = cpu.sample();
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      Page page = logPage(document, runId, cursor, pageSize, maps);
      latencies[i] = System.nanoTime() - start;
      events += page.events();
      cursor = page.next();
    }
    Cpu.Sample after = cpu.sample();
    long[] gcAfter = gc();
    long allocatedAfter = allocated();
    single.close();
    single = null;
    return new Result(latencies, Duration.ofNanos(Arrays.stream(latencies).sum())).summary("page")
        + String.format(", %.0f events per page on average", (double) events / requests)
        + after.perUnit(before, requests, "page")
        + String.format(
            " (client: %s, warm-up %d pages); %.2f MB allocated per page; %d collections, %d ms"
                + " in them",
            maps ? "parsed into maps" : "streaming",
            warm,
            (allocatedAfter - allocatedBefore) / 1e6 / requests,
            gcAfter[0] - gcBefore[0],
            gcAfter[1] - gcBefore[1]);
  }

  /**
   * The bytes the JVM's living threads allocated so far: unlike CPU time, it does not depend on the
   * machine's load, so it compares runs made under different loads.
   */
  private static long allocated() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  /** The collections so far and the milliseconds spent in them (pauses, for G1's young ones). */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, bean.getCollectionCount());
      millis += Math.max(0, bean.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /** A page of events: how many, and the cursor of the next page (null after the last). */
  private record Page(int events, String next) {}

  private Page logPage(String document, String runId, String cursor, int pageSize, boolean maps)
      throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("runId", runId);
    variables.put("cursor", cursor);
    variables.put("limit", pageSize);
    byte[] body = post(document, variables);
    if (maps) {
      Map<?, ?> data = JSON.readValue(body, Map.class);
      if (data.get("errors") != null) {
        throw new IllegalStateException("GraphQL errors: " + data.get("errors"));
      }
      Map<?, ?> connection = (Map<?, ?>) ((Map<?, ?>) data.get("data")).get("logsForRun");
      List<?> page = (List<?>) connection.get("events");
      boolean more = Boolean.TRUE.equals(connection.get("hasMore"));
      return new Page(page.size(), more ? (String) connection.get("cursor") : null);
    }
    return streamPage(body);
  }

  /**
   * Reads an {@code EventConnection} answer's cursor and {@code hasMore} and counts its events (no
   * event's fields have those names), skipping the events' values.
   */
  private static Page streamPage(byte[] body) throws IOException {
    int events = 0;
    String cursor = null;
    boolean more = false;
    boolean connection = false;
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        switch (p.currentName()) {
          case "errors" ->
              throw new IllegalStateException(
                  "GraphQL errors: " + new String(body, StandardCharsets.UTF_8));
          case "cursor" -> {
            p.nextToken();
            cursor = p.getText();
          }
          case "hasMore" -> more = p.nextToken() == JsonToken.VALUE_TRUE;
          case "events" -> {
            connection = true;
            p.nextToken();
            for (t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
              events++;
              p.skipChildren();
            }
          }
          default -> {
            // data, logsForRun
          }
        }
      }
    }
    if (!connection) {
      throw new IllegalStateException(
          "not an EventConnection: " + new String(body, StandardCharsets.UTF_8));
    }
    return new Page(events, more ? cursor : null);
  }

  /**
   * Sends ingest batches. Each client's run, token and bodies are made before the clock starts:
   * step workers encode their batches on their own machines, so encoding them here, on the 2 cores
   * the webserver and PostgreSQL share, would measure the load generator rather than the ingest. A
   * client that uses up its ready bodies makes more as it goes.
   */
  String ingest(int batchSize) throws Exception {
    int ready = Integer.getInteger("pipewright.bench.ingest.ready", 600);
    List<IngestClient> prepared = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      prepared.add(new IngestClient("ingest-" + c + "-" + System.nanoTime(), batchSize, ready));
    }
    AtomicLong client = new AtomicLong();
    ThreadLocal<IngestClient> mine =
        ThreadLocal.withInitial(() -> prepared.get((int) client.getAndIncrement()));
    AtomicLong refused = new AtomicLong();
    // A longer warm-up than the other figures': the goal is a sustained rate, and with 3 s the JIT
    // compiler threads were still half of the JVM's CPU during the measured time (JFR).
    Duration warmUp = Duration.ofSeconds(Long.getLong("pipewright.bench.ingest.warmup", 15));
    Result r =
        run(
            warmUp,
            () -> {
              IngestClient me = mine.get();
              HttpResponse<String> response =
                  http.send(
                      HttpRequest.newBuilder(URI.create(root + "/ingest/v1/events"))
                          .header("Content-Type", "application/x-protobuf")
                          .header("Authorization", "Bearer " + me.token)
                          .POST(HttpRequest.BodyPublishers.ofByteArray(me.next()))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 200 && refused.getAndIncrement() == 0) {
                System.err.println("ingest: " + response.statusCode() + " " + response.body());
              }
              return batchSize;
            });
    return r.summary("batch")
        + String.format(", %,.0f events/s", r.units / (r.elapsed.toNanos() / 1e9))
        + (refused.get() > 0 ? ", REFUSED " + refused : "")
        + r.cpu("batch");
  }

  /** One ingest client: its run, its token, and its next batches, made ahead. */
  private static final class IngestClient {
    final String runId;
    final String token;
    final int batchSize;
    final ArrayDeque<byte[]> bodies = new ArrayDeque<>();
    long next;

    IngestClient(String runId, int batchSize, int ready) {
      this.runId = runId;
      this.token = WebserverFiguresTest.token(runId, "step", 1);
      this.batchSize = batchSize;
      for (int i = 0; i < ready; i++) {
        bodies.add(make());
      }
    }

    byte[] next() {
      byte[] body = bodies.poll();
      return body != null ? body : make();
    }

    private byte[] make() {
      byte[] body = WebserverFiguresTest.batchBody(runId, "step", 1, next, batchSize);
      next += batchSize;
      return body;
    }
  }

  private byte[] post(String document, Map<String, Object> variables) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("query", document);
    body.put("variables", variables);
    if (single == null) {
      single = new RawHttp(url);
    }
    RawHttp.Response response =
        single.send(
            RawHttp.post(url, "/graphql", "application/json", JSON.writeValueAsBytes(body)));
    if (response.status() != 200) {
      throw new IllegalStateException("HTTP " + response.status() + ": " + response.text());
    }
    return response.body();
  }

  /** Runs the request on every client: warm-up first, then the measured time. */
  private Result run(Callable<Integer> request) throws Exception {
    return run(WARM_UP, request);
  }

  private Result run(Duration warmUp, Callable<Integer> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long warmEnd = System.nanoTime() + warmUp.toNanos();
      long end = warmEnd + time.toNanos();
      List<Future<long[]>> futures = new ArrayList<>();
      AtomicLong units = new AtomicLong();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  long[] latencies = new long[1 << 16];
                  int n = 0;
                  while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                      break;
                    }
                    int done = request.call();
                    long now = System.nanoTime();
                    if (start >= warmEnd) {
                      if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                      }
                      latencies[n++] = now - start;
                      units.addAndGet(done);
                    }
                  }
                  return Arrays.copyOf(latencies, n);
                }));
      }
      // CPU over the measured time: from the end of the warm-up to the last answer.
      Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
      Cpu.Sample before = cpu.sample();
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> f : futures) {
        all.add(f.get());
      }
      Cpu.Sample after = cpu.sample();
      long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
      return new Result(merged, time, units.get(), after.perUnit(before, merged.length, "%s"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Latencies in nanoseconds over an elapsed time. */
  private record Result(long[] latencies, Duration elapsed, long units, String cpuPer) {

    Result(long[] latencies, Duration elapsed) {
      this(latencies, elapsed, latencies.length, "");
    }

    /** The CPU per request (or batch), JVM and PostgreSQL, over the measured time. */
    String cpu(String unit) {
      return cpuPer.replace("%s", unit);
    }

    String summary(String unit) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return String.format(
          "%,d %ss, %,.0f %s/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
          sorted.length,
          unit,
          sorted.length / (elapsed.toNanos() / 1e9),
          unit,
          at(sorted, 0.50),
          at(sorted, 0.90),
          at(sorted, 0.99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
  }
}
