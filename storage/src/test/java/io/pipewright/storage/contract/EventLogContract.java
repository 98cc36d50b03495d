package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static io.pipewright.storage.contract.Fixtures.logBatch;
import static io.pipewright.storage.contract.Fixtures.materialization;
import static io.pipewright.storage.contract.Fixtures.runEvent;
import static io.pipewright.storage.contract.Fixtures.stepEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.LogPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link EventLog}: every adapter's test extends this class. */
public abstract class EventLogContract {

  private static final AssetKeySnapshot ORDERS = AssetKeySnapshot.of("raw", "orders");

  /** The adapter under test, empty before each test. */
  protected EventLog log;

  /**
   * Returns the adapter under test with no events stored.
   *
   * @return the event log
   */
  protected abstract EventLog emptyLog();

  @BeforeEach
  void createLog() {
    log = emptyLog();
  }

  private List<StoredEvent> all(String runId) {
    return await(log.eventsForRun(runId, 0, 10_000)).events();
  }

  @Test
  void shouldStoreABatchAndReportItWhenIngested() {
    IngestResult result = await(log.ingest(logBatch("r1", "extract", 1, 0, 4)));

    assertThat(result).isEqualTo(new IngestResult(5, 0, 4));
    assertThat(all("r1")).extracting(e -> e.event().sequence()).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void shouldStoreEachEventOnceWhenTheSameBatchIsIngestedTwice() {
    StepEventBatch batch = logBatch("r1", "extract", 1, 0, 9);

    await(log.ingest(batch));
    IngestResult again = await(log.ingest(batch));

    assertThat(again).isEqualTo(new IngestResult(0, 10, 9));
    assertThat(all("r1")).hasSize(10);
  }

  @Test
  void shouldStoreOnlyTheNewEventsWhenBatchesOverlap() {
    await(log.ingest(logBatch("r1", "extract", 1, 0, 4)));

    IngestResult result = await(log.ingest(logBatch("r1", "extract", 1, 3, 7)));

    assertThat(result).isEqualTo(new IngestResult(3, 2, 7));
    assertThat(all("r1"))
        .extracting(e -> e.event().sequence())
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void shouldStoreAnEarlierBatchWhenItArrivesAfterALaterOne() {
    await(log.ingest(logBatch("r1", "extract", 1, 0, 4)));
    await(log.ingest(logBatch("r1", "extract", 1, 10, 14)));

    IngestResult late = await(log.ingest(logBatch("r1", "extract", 1, 5, 9)));
    IngestResult resent = await(log.ingest(logBatch("r1", "extract", 1, 3, 12)));

    assertThat(late).isEqualTo(new IngestResult(5, 0, 14));
    assertThat(resent).isEqualTo(new IngestResult(0, 10, 14));
    assertThat(all("r1"))
        .extracting(e -> e.event().sequence())
        .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
  }

  @Test
  void shouldKeepAttemptsApartWhenTheyReuseSequences() {
    await(log.ingest(logBatch("r1", "extract", 1, 0, 2)));
    IngestResult second = await(log.ingest(logBatch("r1", "extract", 2, 0, 2)));
    IngestResult otherStep = await(log.ingest(logBatch("r1", "load", 1, 0, 2)));

    assertThat(second.accepted()).isEqualTo(3);
    assertThat(otherStep.accepted()).isEqualTo(3);
    assertThat(all("r1")).hasSize(9);
  }

  @Test
  void shouldReportTheHighestSequenceWhenAnEmptyBatchIsIngested() {
    assertThat(await(log.ingest(new StepEventBatch("r1", "s", 1, List.of()))))
        .isEqualTo(new IngestResult(0, 0, -1));
    await(log.ingest(logBatch("r1", "s", 1, 0, 3)));

    assertThat(await(log.ingest(new StepEventBatch("r1", "s", 1, List.of()))))
        .isEqualTo(new IngestResult(0, 0, 3));
  }

  @Test
  void shouldAssignIncreasingIdsInAppendOrderAcrossRuns() {
    List<StoredEvent> first =
        await(
            log.append(
                List.of(
                    runEvent("r1", DagsterEventType.RUN_ENQUEUED, 0),
                    runEvent("r2", DagsterEventType.RUN_ENQUEUED, 1))));
    await(log.ingest(logBatch("r1", "extract", 1, 0, 1)));
    List<StoredEvent> last =
        await(log.append(List.of(runEvent("r1", DagsterEventType.RUN_START, 2))));

    List<Long> ids = new ArrayList<>();
    first.forEach(e -> ids.add(e.id()));
    all("r1").forEach(e -> ids.add(e.id()));
    assertThat(first.get(0).id()).isLessThan(first.get(1).id());
    assertThat(all("r1")).extracting(StoredEvent::id).isSorted().doesNotHaveDuplicates();
    assertThat(last.get(0).id()).isGreaterThan(first.get(1).id());
    assertThat(first)
        .extracting(StoredEvent::event)
        .containsExactly(
            runEvent("r1", DagsterEventType.RUN_ENQUEUED, 0),
            runEvent("r2", DagsterEventType.RUN_ENQUEUED, 1));
  }

  @Test
  void shouldStoreHostEventsWithoutDeduplicationWhenAppended() {
    EventRecord event =
        stepEvent("r1", "extract", 1, 0, DagsterEventType.STEP_WORKER_STARTING, null);
    await(log.ingest(new StepEventBatch("r1", "extract", 1, List.of(event))));

    await(log.append(List.of(event)));
    await(log.append(List.of(event)));

    assertThat(all("r1")).hasSize(3);
  }

  @Test
  void shouldAnswerEachAppendWithItsOwnEventsAndIdsWhenManyAreAppendedAtOnce() throws Exception {
    int writers = 8;
    List<Object> answers =
        Fixtures.concurrently(
            writers,
            w -> {
              List<EventRecord> events = new ArrayList<>();
              for (int i = 0; i < 40; i++) {
                // A fan-out's decision: each event of its own attempt, as the daemon appends.
                events.add(
                    stepEvent("r" + w, "s" + i, 1, 0, DagsterEventType.STEP_WORKER_STARTING, null));
              }
              List<StoredEvent> stored = await(log.append(events));
              assertThat(stored).extracting(StoredEvent::event).containsExactlyElementsOf(events);
              return stored;
            });

    for (int w = 0; w < writers; w++) {
      assertThat(answers.get(w)).isInstanceOf(List.class);
      @SuppressWarnings("unchecked")
      List<StoredEvent> stored = (List<StoredEvent>) answers.get(w);
      // The ids answered are those the events were stored under, in the order appended.
      assertThat(all("r" + w)).containsExactlyElementsOf(stored);
    }
  }

  @Test
  void shouldPageARunsEventsWhenReadAfterACursor() {
    await(log.ingest(logBatch("r1", "extract", 1, 0, 4)));
    await(log.ingest(logBatch("r2", "extract", 1, 0, 4)));

    EventPage first = await(log.eventsForRun("r1", 0, 2));
    EventPage second = await(log.eventsForRun("r1", first.cursor(), 2));
    EventPage third = await(log.eventsForRun("r1", second.cursor(), 2));
    EventPage empty = await(log.eventsForRun("r1", third.cursor(), 2));

    assertThat(first.events()).extracting(e -> e.event().sequence()).containsExactly(0L, 1L);
    assertThat(first.hasMore()).isTrue();
    assertThat(second.events()).extracting(e -> e.event().sequence()).containsExactly(2L, 3L);
    assertThat(second.hasMore()).isTrue();
    assertThat(third.events()).extracting(e -> e.event().sequence()).containsExactly(4L);
    assertThat(third.hasMore()).isFalse();
    assertThat(empty.events()).isEmpty();
    assertThat(empty.cursor()).isEqualTo(third.cursor());
    assertThat(empty.hasMore()).isFalse();
    assertThat(first.events()).allSatisfy(e -> assertThat(e.event().runId()).isEqualTo("r1"));
  }

  @Test
  void shouldReadEachRunAfterItsOwnCursorWhenSeveralRunsAreReadAtOnce() {
    await(log.ingest(logBatch("r1", "extract", 1, 0, 4)));
    await(log.ingest(logBatch("r2", "extract", 1, 0, 1)));
    await(log.ingest(logBatch("r3", "extract", 1, 0, 2)));
    long r1Cursor = all("r1").get(1).id();
    Map<String, Long> cursors = new LinkedHashMap<>();
    cursors.put("r3", 0L);
    cursors.put("ghost", 7L);
    cursors.put("r1", r1Cursor);
    cursors.put("r2", all("r2").get(1).id());

    Map<String, EventPage> pages = await(log.eventsForRuns(cursors, 2));

    assertThat(pages.keySet()).containsExactly("r3", "ghost", "r1", "r2");
    assertThat(pages.get("r3").events())
        .extracting(e -> e.event().sequence())
        .containsExactly(0L, 1L);
    assertThat(pages.get("r3").hasMore()).isTrue();
    assertThat(pages.get("r3").cursor()).isEqualTo(all("r3").get(1).id());
    assertThat(pages.get("r1").events())
        .extracting(e -> e.event().sequence())
        .containsExactly(2L, 3L);
    assertThat(pages.get("r1").hasMore()).isTrue();
    assertThat(pages.get("r1").events())
        .allSatisfy(e -> assertThat(e.event().runId()).isEqualTo("r1"));
    assertThat(pages.get("r2").events()).isEmpty();
    assertThat(pages.get("r2").cursor()).isEqualTo(all("r2").get(1).id());
    assertThat(pages.get("r2").hasMore()).isFalse();
    assertThat(pages.get("ghost")).isEqualTo(new EventPage(List.of(), 7L, false));
    assertThat(await(log.eventsForRuns(Map.of(), 2))).isEmpty();
  }

  @Test
  void shouldReturnAnEmptyPageWhenTheRunHasNoEvents() {
    EventPage page = await(log.eventsForRun("ghost", 7, 10));

    assertThat(page.events()).isEmpty();
    assertThat(page.cursor()).isEqualTo(7);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void shouldKeepEveryPayloadWhenEventsAreStoredAndRead() {
    ErrorSnapshot error =
        new ErrorSnapshot(
            "java.lang.IllegalStateException",
            "boom\nsecond line",
            List.of("at a.b(C.java:1)", "at d.e(F.java:2)"),
            ErrorSnapshot.of("java.io.IOException", "disk"),
            null);
    List<EventRecord> events =
        List.of(
            stepEvent("r1", "extract", 1, 0, DagsterEventType.STEP_START, null),
            stepEvent(
                "r1",
                "extract",
                1,
                1,
                DagsterEventType.STEP_OUTPUT,
                new StepOutputPayload(
                    "result",
                    "k1",
                    new TypeCheckSnapshot(true, null, List.of()),
                    List.of(
                        new MetadataEntrySnapshot("path", new MetadataValueSnapshot.Path("/tmp/x")),
                        new MetadataEntrySnapshot("n", new MetadataValueSnapshot.Float(1.5))))),
            materialization("r1", "extract", 2, ORDERS, "2026-01-04"),
            stepEvent(
                "r1",
                "extract",
                1,
                3,
                DagsterEventType.ASSET_OBSERVATION,
                new ObservationPayload(ORDERS, null, List.of(), null)),
            stepEvent(
                "r1",
                "extract",
                1,
                4,
                DagsterEventType.LOG_MESSAGE,
                new LogPayload(Map.of("user", "ada", "count", 3L))),
            stepEvent(
                "r1",
                "extract",
                1,
                5,
                DagsterEventType.STEP_FAILURE,
                new StepFailurePayload(
                    error, StepFailurePayload.ErrorSource.USER_CODE_ERROR, List.of())),
            new EventRecord(
                "r1",
                "extract",
                1,
                6,
                at(99),
                DagsterEventType.STEP_SUCCESS,
                EventLevel.WARNING,
                "unicode ✓ \u00e9",
                new StepSuccessPayload(1234)));
    await(log.ingest(new StepEventBatch("r1", "extract", 1, events)));
    List<StoredEvent> hostStored =
        await(
            log.append(
                List.of(
                    new EventRecord(
                        "r1",
                        null,
                        0,
                        0,
                        at(100),
                        DagsterEventType.RUN_FAILURE,
                        EventLevel.ERROR,
                        "failed",
                        new RunFailurePayload("step failed", List.of("extract"), error)))));

    List<EventRecord> read = all("r1").stream().map(StoredEvent::event).toList();

    assertThat(read.subList(0, events.size())).containsExactlyElementsOf(events);
    assertThat(read.get(events.size())).isEqualTo(hostStored.get(0).event());
  }

  @Test
  void shouldFilterAcrossRunsWhenQueried() {
    await(
        log.ingest(
            new StepEventBatch(
                "r1",
                "a",
                1,
                List.of(
                    materialization("r1", "a", 0, ORDERS, "p1"),
                    materialization("r1", "a", 1, ORDERS, "p2")))));
    await(
        log.ingest(
            new StepEventBatch(
                "r2",
                "a",
                1,
                List.of(
                    materialization("r2", "a", 0, ORDERS, "p1"),
                    materialization("r2", "a", 1, AssetKeySnapshot.of("other"), null)))));
    await(log.append(List.of(runEvent("r2", DagsterEventType.RUN_SUCCESS, 5))));
    List<StoredEvent> everything = await(log.query(query(Set.of(), null, null, null, 0, false)));

    List<StoredEvent> ordersNewestFirst =
        await(log.query(EventQuery.latest(DagsterEventType.ASSET_MATERIALIZATION, ORDERS, 10)));
    List<StoredEvent> p1Ascending =
        await(
            log.query(
                query(
                    Set.of(DagsterEventType.ASSET_MATERIALIZATION), ORDERS, "p1", null, 0, true)));
    List<StoredEvent> runSuccess =
        await(log.query(query(Set.of(DagsterEventType.RUN_SUCCESS), null, null, null, 0, true)));
    List<StoredEvent> ofRun2 = await(log.query(query(Set.of(), null, null, "r2", 0, true)));
    List<StoredEvent> afterSecond =
        await(log.query(query(Set.of(), null, null, null, everything.get(1).id(), true)));

    assertThat(everything).hasSize(5);
    assertThat(everything)
        .extracting(StoredEvent::id)
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(ordersNewestFirst)
        .extracting(e -> e.event().runId() + "/" + e.event().sequence())
        .containsExactly("r2/0", "r1/1", "r1/0");
    assertThat(p1Ascending).extracting(e -> e.event().runId()).containsExactly("r1", "r2");
    assertThat(runSuccess).extracting(e -> e.event().runId()).containsExactly("r2");
    assertThat(ofRun2).hasSize(3);
    assertThat(afterSecond).hasSize(1);
    assertThat(
            await(
                log.query(new EventQuery(Set.of(), null, null, null, 0, Long.MAX_VALUE, 2, true))))
        .hasSize(2);
    assertThat(
            await(
                log.query(
                    new EventQuery(
                        Set.of(), null, null, null, 0, everything.get(3).id(), 10, true))))
        .extracting(StoredEvent::id)
        .containsExactly(everything.get(4).id());
  }

  private static EventQuery query(
      Set<DagsterEventType> types,
      AssetKeySnapshot key,
      String partition,
      String runId,
      long afterId,
      boolean ascending) {
    return new EventQuery(types, key, partition, runId, afterId, Long.MAX_VALUE, 100, ascending);
  }

  @Test
  void shouldDeleteOnlyThatRunsEventsWhenARunIsDeleted() {
    await(log.ingest(logBatch("r1", "a", 1, 0, 4)));
    await(log.ingest(logBatch("r2", "a", 1, 0, 2)));

    assertThat(await(log.deleteRun("r1"))).isEqualTo(5);
    assertThat(all("r1")).isEmpty();
    assertThat(all("r2")).hasSize(3);
    assertThat(await(log.deleteRun("r1"))).isZero();
  }

  @Test
  void shouldDeleteOldEventsButKeepTheLatestMaterializationWhenRetentionRuns() {
    await(
        log.ingest(
            new StepEventBatch(
                "r1",
                "a",
                1,
                List.of(
                    materialization("r1", "a", 0, ORDERS, null),
                    materialization("r1", "a", 1, ORDERS, null),
                    stepEvent("r1", "a", 1, 2, DagsterEventType.LOG_MESSAGE, null),
                    stepEvent("r1", "a", 1, 30, DagsterEventType.LOG_MESSAGE, null)))));

    long deleted = await(log.deleteBefore(at(10)));

    assertThat(deleted).isEqualTo(2);
    assertThat(all("r1")).extracting(e -> e.event().sequence()).containsExactly(1L, 30L);
  }

  @Test
  void shouldNotifyListenersWhenEventsAreIngestedOrAppended() {
    AssertSubscriber<RunEventsAppended> listener =
        log.appended().subscribe().withSubscriber(AssertSubscriber.create(100));

    IngestResult first = await(log.ingest(logBatch("r1", "a", 1, 0, 2)));
    await(log.ingest(logBatch("r1", "a", 1, 0, 2)));
    List<StoredEvent> appended =
        await(log.append(List.of(runEvent("r2", DagsterEventType.RUN_START, 1))));

    listener.awaitItems(2, Duration.ofSeconds(10));
    assertThat(first.accepted()).isEqualTo(3);
    assertThat(listener.getItems().get(0).runId()).isEqualTo("r1");
    assertThat(listener.getItems().get(0).lastEventId()).isEqualTo(all("r1").get(2).id());
    assertThat(listener.getItems().get(1))
        .isEqualTo(new RunEventsAppended("r2", appended.get(0).id()));
    listener.cancel();
  }

  @Test
  void shouldGiveEachWriterItsOwnResultsWhenBatchesAreWrittenConcurrently() throws Exception {
    int writers = 6;
    int batches = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<IngestResult>>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String run = "w" + w;
        futures.add(
            pool.submit(
                () -> {
                  List<IngestResult> results = new ArrayList<>();
                  for (int b = 0; b < batches; b++) {
                    // Every batch overlaps the previous one by one event (a resend).
                    long from = Math.max(0, b * 5L - 1);
                    results.add(await(log.ingest(logBatch(run, "s", 1, from, b * 5L + 4))));
                    await(log.append(List.of(runEvent(run, DagsterEventType.ENGINE_EVENT, b))));
                  }
                  return results;
                }));
      }
      for (int w = 0; w < writers; w++) {
        List<IngestResult> results = futures.get(w).get(60, TimeUnit.SECONDS);
        for (int b = 0; b < batches; b++) {
          assertThat(results.get(b)).isEqualTo(new IngestResult(5, b == 0 ? 0 : 1, b * 5L + 4));
        }
        assertThat(all("w" + w)).hasSize(batches * 5 + batches);
        assertThat(all("w" + w))
            .filteredOn(e -> e.event().stepKey() != null)
            .extracting(e -> e.event().sequence())
            .isSorted()
            .doesNotHaveDuplicates();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldNeverSkipAnEventWhenAReaderFollowsConcurrentWriters() throws Exception {
    int writers = 4;
    int batches = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String run = "w" + w;
        futures.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    await(log.ingest(logBatch(run, "s", 1, b * 10L, b * 10L + 9)));
                  }
                }));
      }
      // A reader walks every run's events by cursor while they are written: an event committed
      // after a later id was read would be skipped for good.
      List<Long> seen = new ArrayList<>();
      long cursor = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < writers * batches * 10 && System.nanoTime() < deadline) {
        List<StoredEvent> page =
            await(
                log.query(
                    new EventQuery(Set.of(), null, null, null, cursor, Long.MAX_VALUE, 100, true)));
        for (StoredEvent e : page) {
          seen.add(e.id());
          cursor = e.id();
        }
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      List<Long> all = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        all("w" + w).forEach(e -> all.add(e.id()));
      }
      assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(all);
    } finally {
      pool.shutdownNow();
    }
  }
}
