package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpIngestEventSinkTest extends StepEventSinkContract {

  private static final String TOKEN = "attempt-token";

  private TestIngestServer ingest;
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final List<StepEventSink> sinks = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    ingest = new TestIngestServer(TOKEN);
  }

  @AfterEach
  void stop() {
    sinks.forEach(StepEventSink::close);
    ingest.close();
  }

  private HttpIngestOptions.Builder options() {
    return HttpIngestOptions.builder()
        .batchSize(3)
        .linger(Duration.ofSeconds(30))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
        .giveUpAfter(Duration.ofSeconds(10))
        .random(() -> 0.5);
  }

  private StepEventSink sink(HttpIngestOptions options, String token) {
    StepEventSink sink =
        new HttpIngestEventSink(
            ingest.baseUrl() + "/",
            token,
            "run-1",
            "extract",
            2,
            options,
            wait -> {
              synchronized (sleeps) {
                sleeps.add(wait);
              }
              now.addAndGet(wait.toNanos());
            },
            now::get);
    sinks.add(sink);
    return sink;
  }

  @Override
  StepEventSink newSink() {
    return sink(options().build(), TOKEN);
  }

  @Override
  List<EventRecord> delivered() {
    return ingest.stored();
  }

  @Test
  void shouldSendFullBatchesWithoutWaitingAndTheRestWhenFlushed() {
    StepEventSink sink = newSink();
    events(7).forEach(sink::accept);

    sink.flush();

    assertThat(ingest.requests())
        .extracting(TestIngestServer.Request::events)
        .containsExactly(3, 3, 1);
    assertThat(ingest.requests())
        .allSatisfy(
            r -> {
              assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
              assertThat(r.contentType()).isEqualTo("application/x-protobuf");
            });
  }

  @Test
  void shouldSendWhatArrivedWithinTheLingerWithoutAFlush() throws Exception {
    StepEventSink sink = sink(options().linger(Duration.ofMillis(50)).build(), TOKEN);
    sink.accept(event(0));
    sink.accept(event(1));

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ingest.stored().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(ingest.requests()).extracting(TestIngestServer.Request::events).containsExactly(2);
  }

  @Test
  void shouldRetryWithGrowingWaitsAndStoreEachEventOnceWhenTheIngestFailsFirst() {
    ingest.failNext(503, 503, 502);
    StepEventSink sink = newSink();
    events(5).forEach(sink::accept);

    StepEventSink.Delivery delivery = sink.close();

    assertThat(delivery).isEqualTo(StepEventSink.Delivery.delivered(5));
    assertThat(ingest.stored())
        .extracting(EventRecord::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(ingest.duplicates()).isZero();
    assertThat(ingest.requests())
        .extracting(TestIngestServer.Request::status)
        .containsExactly(503, 503, 502, 200, 200);
    // 100 ms doubling, half fixed and half jitter (0.5): 75, 150, 300 ms.
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(75), Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void shouldWaitAsLongAsRetryAfterSaysWhenThrottled() {
    ingest.failNext(429).retryAfter("1");
    StepEventSink sink = newSink();
    sink.accept(event(0));

    assertThat(sink.close().delivered()).isTrue();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void shouldStopWithAClearErrorAndDropTheRestWhenTheTokenIsRejected() {
    StepEventSink sink = sink(options().build(), "wrong-token");
    events(4).forEach(sink::accept);

    StepEventSink.Delivery flushed = sink.flush();
    sink.accept(event(4));
    StepEventSink.Delivery closed = sink.close();

    assertThat(flushed.delivered()).isFalse();
    assertThat(closed.problem())
        .contains("rejected the attempt's token (401 Unauthorized)")
        .contains("Check PIPEWRIGHT_INGEST_TOKEN")
        .contains("It said: unknown token")
        .contains("0 events of run run-1, step extract, attempt 2 were stored; 5 were not.");
    assertThat(ingest.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldGiveUpOnAMalformedBatchWithoutRetrying() {
    ingest.failNext(400);
    StepEventSink sink = newSink();
    sink.accept(event(0));

    StepEventSink.Delivery delivery = sink.close();

    assertThat(delivery.problem()).contains("rejected the batch as malformed (400 Bad Request)");
    assertThat(ingest.requests()).hasSize(1);
  }

  @Test
  void shouldGiveUpWhenTheIngestStaysDownLongerThanTheLimit() {
    ingest.failNext(503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
    StepEventSink sink =
        sink(
            options()
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .giveUpAfter(Duration.ofMillis(1500))
                .build(),
            TOKEN);
    sink.accept(event(0));

    StepEventSink.Delivery delivery = sink.close();

    // Waits of 0.75 s (1 s, half jittered): the third would end after the 1.5 s limit.
    assertThat(delivery.delivered()).isFalse();
    assertThat(sleeps).hasSize(2);
    assertThat(delivery.problem())
        .contains("Gave up sending events to the event ingest at " + ingest.baseUrl())
        .contains("after 3 tries in 1 s")
        .contains("it answered HTTP 503 failing on purpose with 503");
  }

  @Test
  void shouldGiveUpWhenNothingListensAtTheUrl() throws Exception {
    String url = ingest.baseUrl();
    ingest.close();
    StepEventSink sink =
        new HttpIngestEventSink(
            url,
            TOKEN,
            "run-1",
            "extract",
            2,
            options().giveUpAfter(Duration.ZERO).build(),
            wait -> {});
    sink.accept(event(0));

    StepEventSink.Delivery delivery = sink.close();

    assertThat(delivery.problem()).contains("after 1 tries").contains("the request failed");
  }
}
