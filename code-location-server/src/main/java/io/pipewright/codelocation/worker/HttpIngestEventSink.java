package io.pipewright.codelocation.worker;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.sdk.execution.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Sends a step attempt's events to the event ingest: {@code POST <base>/ingest/v1/events} with a
 * protobuf {@code IngestEventsRequest} as the body and the attempt's token as a bearer token (see
 * {@code docs/code-location-server.md}, "The event ingest endpoint").
 *
 * <p>One sender thread batches the events (up to {@code batchSize}, or what arrived within {@code
 * linger} of the first), and retries a batch with exponential backoff and jitter while the ingest
 * is unreachable or answers 408, 429 or 5xx. It gives up, for good, on any other 4xx (a wrong or
 * expired token, a malformed batch, a wrong URL) or when one batch has failed for {@code
 * giveUpAfter}. Resending is safe: the ingest stores each (run, step, attempt, sequence) once. An
 * event leaves the buffer only once the ingest acknowledged it.
 */
public final class HttpIngestEventSink implements StepEventSink {

  /** The ingest's path, under the base URL. */
  public static final String PATH = "/ingest/v1/events";

  /** The body's media type. */
  public static final String CONTENT_TYPE = "application/x-protobuf";

  private final URI endpoint;
  private final String token;
  private final String runId;
  private final String stepKey;
  private final int attempt;
  private final HttpIngestOptions options;
  private final HttpClient client;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final IngestRetryPolicy policy;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<EventRecord> pending = new ArrayDeque<>();
  private long firstPendingNanos;
  private int flushers;
  private boolean closing;
  private boolean closed;
  private String problem;
  private long delivered;
  private long dropped;
  private final Thread sender;

  /**
   * Creates the sink and starts its sender thread.
   *
   * @param baseUrl the ingest's base URL, such as {@code http://webserver:3000}
   * @param token the attempt's token
   * @param runId the run
   * @param stepKey the step
   * @param attempt the attempt
   * @param options batching and retries
   * @param sleeper how the sender waits between tries
   */
  public HttpIngestEventSink(
      String baseUrl,
      String token,
      String runId,
      String stepKey,
      int attempt,
      HttpIngestOptions options,
      Sleeper sleeper) {
    this(baseUrl, token, runId, stepKey, attempt, options, sleeper, System::nanoTime);
  }

  /**
   * Creates the sink with the clock its retries are limited by ({@code giveUpAfter}); tests pass
   * one that their sleeper advances.
   */
  HttpIngestEventSink(
      String baseUrl,
      String token,
      String runId,
      String stepKey,
      int attempt,
      HttpIngestOptions options,
      Sleeper sleeper,
      LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.endpoint = endpoint(baseUrl);
    this.token = token;
    this.runId = runId;
    this.stepKey = stepKey;
    this.attempt = attempt;
    this.options = options;
    this.sleeper = sleeper;
    this.policy = new IngestRetryPolicy(options.initialBackoff(), options.maxBackoff());
    this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
    this.sender = new Thread(this::sendLoop, "pipewright-event-sender");
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * The ingest's URL for a base URL: the base, without a trailing slash, then {@link #PATH}.
   *
   * @param baseUrl the base URL
   * @return the endpoint
   */
  static URI endpoint(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + PATH);
  }

  @Override
  public void accept(EventRecord event) {
    lock.lock();
    try {
      // Backpressure: a step that emits faster than the ingest stores waits, rather than losing
      // events or running out of memory; the sender frees space or gives up within giveUpAfter.
      while (pending.size() >= options.maxBuffered() && problem == null && !closed) {
        changed.awaitUninterruptibly();
      }
      if (problem != null || closed) {
        dropped++;
        return;
      }
      if (pending.isEmpty()) {
        firstPendingNanos = System.nanoTime();
      }
      pending.add(event);
      if (pending.size() == 1 || pending.size() >= options.batchSize()) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Delivery flush() {
    lock.lock();
    try {
      flushers++;
      changed.signalAll();
      while (!pending.isEmpty() && problem == null && sender.isAlive()) {
        changed.awaitUninterruptibly();
      }
      flushers--;
      return status();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Delivery close() {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    long limit = options.giveUpAfter().plus(options.requestTimeout()).toMillis() + 10_000;
    try {
      sender.join(limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (sender.isAlive() && problem == null) {
        problem = "The event sender did not finish within " + limit + " ms.";
      }
      closed = true;
      changed.signalAll();
      return status();
    } finally {
      lock.unlock();
    }
  }

  private Delivery status() {
    if (problem == null) {
      return Delivery.delivered(delivered);
    }
    long lost = dropped + pending.size();
    return Delivery.failed(
        delivered,
        problem
            + " "
            + delivered
            + " events of run "
            + runId
            + ", step "
            + stepKey
            + ", attempt "
            + attempt
            + " were stored"
            + (lost > 0 ? "; " + lost + " were not." : "."));
  }

  private void sendLoop() {
    while (true) {
      List<EventRecord> batch = nextBatch();
      if (batch == null) {
        return;
      }
      String failure = deliver(batch);
      lock.lock();
      try {
        if (failure == null) {
          for (int i = 0; i < batch.size(); i++) {
            pending.poll();
          }
          delivered += batch.size();
          firstPendingNanos = System.nanoTime();
        } else {
          problem = failure;
          dropped += pending.size();
          pending.clear();
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (failure != null) {
        return;
      }
    }
  }

  /** Waits for a batch to send; {@code null} when the sink is closing and everything is sent. */
  private List<EventRecord> nextBatch() {
    lock.lock();
    try {
      while (true) {
        if (problem != null || (pending.isEmpty() && closing)) {
          return null;
        }
        if (pending.isEmpty()) {
          changed.awaitUninterruptibly();
          continue;
        }
        if (pending.size() >= options.batchSize() || closing || flushers > 0) {
          break;
        }
        long wait = firstPendingNanos + options.linger().toNanos() - System.nanoTime();
        if (wait <= 0) {
          break;
        }
        try {
          changed.awaitNanos(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problem = "The event sender was interrupted.";
          return null;
        }
      }
      int size = Math.min(pending.size(), options.batchSize());
      List<EventRecord> batch = new ArrayList<>(size);
      Iterator<EventRecord> events = pending.iterator();
      for (int i = 0; i < size; i++) {
        batch.add(events.next());
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Sends a batch until it is stored; returns why it could not be, or {@code null}. */
  private String deliver(List<EventRecord> batch) {
    // The token travels in the Authorization header only; the body's token field stays empty.
    byte[] body =
        EventMapper.toProto(new StepEventBatch(runId, stepKey, attempt, batch), "").toByteArray();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(options.requestTimeout())
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long start = nanoTime.getAsLong();
    long deadline = start + options.giveUpAfter().toNanos();
    int failures = 0;
    String last;
    while (true) {
      OptionalLong retryAfter = OptionalLong.empty();
      try {
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        switch (IngestRetryPolicy.classify(status)) {
          case DELIVERED:
            return null;
          case GIVE_UP:
            return rejected(status, text(response.body()), batch);
          default:
            last = "it answered HTTP " + status + " " + text(response.body());
            retryAfter = retryAfter(response);
        }
      } catch (IOException e) {
        last = "the request failed: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "Sending events to " + endpoint + " was interrupted.";
      }
      failures++;
      Duration wait = policy.backoff(failures, options.random().getAsDouble(), retryAfter);
      if (nanoTime.getAsLong() + wait.toNanos() - deadline > 0) {
        return "Gave up sending events to the event ingest at "
            + endpoint
            + " after "
            + failures
            + " tries in "
            + TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - start)
            + " s; last, "
            + last
            + ". Check that the webserver is up and reachable from the step's pod.";
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "Sending events to " + endpoint + " was interrupted.";
      }
    }
  }

  private String rejected(int status, String body, List<EventRecord> batch) {
    String what =
        switch (status) {
          case 401 ->
              "rejected the attempt's token (401 Unauthorized). Check PIPEWRIGHT_INGEST_TOKEN: it"
                  + " must be the token issued for this attempt, and not expired.";
          case 403 ->
              "refused the token for this attempt (403 Forbidden): the token belongs to another"
                  + " run, step or attempt.";
          case 400 ->
              "rejected the batch as malformed (400 Bad Request); this is a bug in Pipewright's"
                  + " worker or ingest, please report it.";
          case 404 ->
              "has no such endpoint (404 Not Found). Check the ingest URL: it is the webserver's"
                  + " base URL, and the worker appends "
                  + PATH
                  + ".";
          default -> "answered HTTP " + status + ", which retrying cannot fix.";
        };
    return "The event ingest at "
        + endpoint
        + " "
        + what
        + (body.isEmpty() ? "" : " It said: " + body)
        + " Events from sequence "
        + batch.get(0).sequence()
        + " on were not stored.";
  }

  private static OptionalLong retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return OptionalLong.of(Long.parseLong(value.strip()));
              } catch (NumberFormatException e) {
                return OptionalLong.empty(); // An HTTP date: use our own backoff.
              }
            })
        .orElse(OptionalLong.empty());
  }

  private static String text(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
    // A protobuf or binary body is not worth printing.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        return "";
      }
    }
    return text;
  }
}
