package io.pipewright.codelocation.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.v1.IngestEventsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small event ingest for tests, on the JDK's HTTP server: it checks the request as the webserver
 * will (path, method, content type, bearer token), decodes the protobuf body, stores each (step,
 * attempt, sequence) once, and can be told to fail the next requests with given statuses.
 */
final class TestIngestServer implements AutoCloseable {

  /** One request the server answered. */
  record Request(int status, int events, String authorization, String contentType) {}

  private final HttpServer server;
  private final String token;
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final Map<Long, EventRecord> stored = new TreeMap<>();
  private final List<Request> requests = new ArrayList<>();
  private int duplicates;
  private String retryAfter;

  TestIngestServer(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(HttpIngestEventSink.PATH, this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next requests are answered with these statuses, whatever they carry. */
  synchronized TestIngestServer failNext(Integer... statuses) {
    failures.addAll(List.of(statuses));
    return this;
  }

  synchronized TestIngestServer retryAfter(String value) {
    this.retryAfter = value;
    return this;
  }

  synchronized List<EventRecord> stored() {
    return List.copyOf(stored.values());
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized int duplicates() {
    return duplicates;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    int status;
    byte[] answer;
    int events = 0;
    synchronized (this) {
      if (!failures.isEmpty()) {
        status = failures.poll();
        answer = ("failing on purpose with " + status).getBytes(StandardCharsets.UTF_8);
        if (retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
      } else if (!exchange.getRequestMethod().equals("POST")
          || !HttpIngestEventSink.CONTENT_TYPE.equals(contentType)) {
        status = 400;
        answer = "POST application/x-protobuf only".getBytes(StandardCharsets.UTF_8);
      } else if (!("Bearer " + token).equals(authorization)) {
        status = 401;
        answer = "unknown token".getBytes(StandardCharsets.UTF_8);
      } else {
        StepEventBatch batch = EventMapper.toCore(IngestEventsRequest.parseFrom(body));
        events = batch.events().size();
        int accepted = 0;
        int seen = 0;
        for (EventRecord event : batch.events()) {
          if (stored.putIfAbsent(event.sequence(), event) == null) {
            accepted++;
          } else {
            seen++;
          }
        }
        duplicates += seen;
        status = 200;
        long highest = stored.isEmpty() ? -1 : ((TreeMap<Long, EventRecord>) stored).lastKey();
        answer = EventMapper.toProto(new IngestResult(accepted, seen, highest)).toByteArray();
        exchange.getResponseHeaders().add("Content-Type", HttpIngestEventSink.CONTENT_TYPE);
      }
      requests.add(new Request(status, events, authorization, contentType));
    }
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
