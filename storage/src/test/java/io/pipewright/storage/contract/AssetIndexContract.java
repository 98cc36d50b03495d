package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static io.pipewright.storage.contract.Fixtures.materialization;
import static io.pipewright.storage.contract.Fixtures.stepEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.asset.AssetCheckExecution;
import io.pipewright.core.asset.AssetCheckExecutionStatus;
import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AssetIndex}, which its {@link EventLog} keeps: every adapter's test
 * extends this class.
 */
public abstract class AssetIndexContract {

  private static final AssetKeySnapshot ORDERS = AssetKeySnapshot.of("raw", "orders");
  private static final AssetKeySnapshot USERS = AssetKeySnapshot.of("raw", "users");

  /** The event log and the asset index it keeps, of one storage. */
  public record Storage(EventLog events, AssetIndex assets) {}

  /** The event log under test, empty before each test. */
  protected EventLog log;

  /** The asset index under test, empty before each test. */
  protected AssetIndex index;

  /**
   * Returns the adapters under test, with nothing stored.
   *
   * @return the event log and its asset index
   */
  protected abstract Storage emptyStorage();

  @BeforeEach
  void createStorage() {
    Storage storage = emptyStorage();
    log = storage.events();
    index = storage.assets();
  }

  private List<StoredEvent> ingest(String runId, EventRecord... events) {
    await(log.ingest(new StepEventBatch(runId, events[0].stepKey(), 1, List.of(events))));
    return await(log.eventsForRun(runId, 0, 1000)).events();
  }

  private static EventRecord observation(String runId, long seq, AssetKeySnapshot key) {
    return stepEvent(
        runId,
        "a",
        1,
        seq,
        DagsterEventType.ASSET_OBSERVATION,
        new ObservationPayload(key, null, List.of(), null));
  }

  private static EventRecord check(String runId, long seq, String name, boolean passed) {
    return stepEvent(
        runId,
        "a",
        1,
        seq,
        DagsterEventType.ASSET_CHECK_EVALUATION,
        new AssetCheckEvaluationPayload(
            ORDERS,
            name,
            passed,
            AssetCheckEvaluationPayload.Severity.ERROR,
            true,
            null,
            List.of(),
            null));
  }

  @Test
  void shouldRecordTheLatestMaterializationWhenMaterialized() {
    ingest("r1", materialization("r1", "a", 0, ORDERS, null));
    List<StoredEvent> second = ingest("r2", materialization("r2", "a", 5, ORDERS, null));

    assertThat(await(index.asset(ORDERS)))
        .contains(new AssetRecord(ORDERS, second.get(0).id(), "r2", at(5), null, null));
  }

  @Test
  void shouldRecordObservationsApartFromMaterializations() {
    List<StoredEvent> stored =
        ingest("r1", materialization("r1", "a", 0, ORDERS, null), observation("r1", 1, ORDERS));

    AssetRecord record = await(index.asset(ORDERS)).orElseThrow();

    assertThat(record.lastMaterializationEventId()).isEqualTo(stored.get(0).id());
    assertThat(record.lastObservationEventId()).isEqualTo(stored.get(1).id());
    assertThat(record.lastObservationTime()).isEqualTo(at(1));
  }

  @Test
  void shouldKnowAnAssetWhenOnlyAPlannedMaterializationIsStored() {
    ingest(
        "r1",
        stepEvent(
            "r1",
            "a",
            1,
            0,
            DagsterEventType.ASSET_MATERIALIZATION_PLANNED,
            new MaterializationPlannedPayload(USERS, null)));

    assertThat(await(index.asset(USERS)))
        .contains(new AssetRecord(USERS, null, null, null, null, null));
    assertThat(await(index.asset(ORDERS))).isEmpty();
  }

  @Test
  void shouldListAssetsInKeyOrderWhenPaging() {
    AssetKeySnapshot a = AssetKeySnapshot.of("a");
    AssetKeySnapshot b = AssetKeySnapshot.of("b", "x");
    AssetKeySnapshot c = AssetKeySnapshot.of("c");
    ingest(
        "r1",
        materialization("r1", "a", 0, c, null),
        materialization("r1", "a", 1, a, null),
        materialization("r1", "a", 2, b, null));

    assertThat(await(index.list(null, 2))).extracting(AssetRecord::assetKey).containsExactly(a, b);
    assertThat(await(index.list(b, 2))).extracting(AssetRecord::assetKey).containsExactly(c);
  }

  @Test
  void shouldGiveTheLatestEventPerPartitionWhenAsked() {
    List<StoredEvent> stored =
        ingest(
            "r1",
            materialization("r1", "a", 0, ORDERS, "2026-01-01"),
            materialization("r1", "a", 1, ORDERS, "2026-01-02"),
            materialization("r1", "a", 2, ORDERS, "2026-01-01"),
            materialization("r1", "a", 3, ORDERS, null),
            materialization("r1", "a", 4, USERS, "2026-01-03"));

    assertThat(
            await(index.latestEventIdByPartition(ORDERS, DagsterEventType.ASSET_MATERIALIZATION)))
        .containsOnly(
            java.util.Map.entry("2026-01-01", stored.get(2).id()),
            java.util.Map.entry("2026-01-02", stored.get(1).id()));
    assertThat(await(index.latestEventIdByPartition(ORDERS, DagsterEventType.ASSET_OBSERVATION)))
        .isEmpty();
  }

  @Test
  void shouldListCheckExecutionsNewestFirstWhenChecksAreEvaluated() {
    List<StoredEvent> stored =
        ingest(
            "r1",
            check("r1", 0, "not_empty", true),
            check("r1", 1, "fresh", false),
            check("r1", 2, "not_empty", false));

    List<AssetCheckExecution> page =
        await(index.checkExecutions(ORDERS, "not_empty", Long.MAX_VALUE, 10));
    List<AssetCheckExecution> older =
        await(index.checkExecutions(ORDERS, "not_empty", stored.get(2).id(), 10));

    assertThat(page)
        .containsExactly(
            new AssetCheckExecution(
                ORDERS,
                "not_empty",
                null,
                "r1",
                AssetCheckExecutionStatus.FAILED,
                stored.get(2).id(),
                at(2)),
            new AssetCheckExecution(
                ORDERS,
                "not_empty",
                null,
                "r1",
                AssetCheckExecutionStatus.SUCCEEDED,
                stored.get(0).id(),
                at(0)));
    assertThat(older)
        .extracting(AssetCheckExecution::evaluationEventId)
        .containsExactly(stored.get(0).id());
    assertThat(await(index.checkExecutions(ORDERS, "not_empty", Long.MAX_VALUE, 1))).hasSize(1);
  }

  @Test
  void shouldForgetAnAssetButKeepRunLogsWhenWiped() {
    ingest(
        "r1",
        materialization("r1", "a", 0, ORDERS, "p"),
        check("r1", 1, "c", true),
        materialization("r1", "a", 2, USERS, null));

    int wiped = await(index.wipe(List.of(ORDERS, AssetKeySnapshot.of("unknown"))));

    assertThat(wiped).isEqualTo(1);
    assertThat(await(index.asset(ORDERS))).isEmpty();
    assertThat(await(index.asset(USERS))).isPresent();
    assertThat(await(index.checkExecutions(ORDERS, "c", Long.MAX_VALUE, 10))).isEmpty();
    assertThat(
            await(log.query(EventQuery.latest(DagsterEventType.ASSET_MATERIALIZATION, ORDERS, 10))))
        .isEmpty();
    assertThat(
            await(index.latestEventIdByPartition(ORDERS, DagsterEventType.ASSET_MATERIALIZATION)))
        .isEmpty();
    assertThat(await(log.eventsForRun("r1", 0, 10)).events()).hasSize(3);

    List<StoredEvent> again = ingest("r2", materialization("r2", "a", 0, ORDERS, null));
    assertThat(await(index.asset(ORDERS)).orElseThrow().lastMaterializationEventId())
        .isEqualTo(again.get(0).id());
  }

  @Test
  void shouldFallBackToTheEarlierMaterializationWhenTheLatestRunIsDeleted() {
    List<StoredEvent> first = ingest("r1", materialization("r1", "a", 0, ORDERS, null));
    ingest("r2", materialization("r2", "a", 1, ORDERS, null), check("r2", 2, "c", true));
    ingest("r3", materialization("r3", "a", 0, USERS, null));

    await(log.deleteRun("r2"));
    await(log.deleteRun("r3"));

    assertThat(await(index.asset(ORDERS)))
        .contains(new AssetRecord(ORDERS, first.get(0).id(), "r1", at(0), null, null));
    assertThat(await(index.checkExecutions(ORDERS, "c", Long.MAX_VALUE, 10))).isEmpty();
    assertThat(await(index.asset(USERS))).isEmpty();
  }

  @Test
  void shouldKeepTheIndexWhenRetentionDeletesOldEvents() {
    List<StoredEvent> stored =
        ingest(
            "r1",
            materialization("r1", "a", 0, ORDERS, null),
            observation("r1", 1, ORDERS),
            materialization("r1", "a", 2, ORDERS, null));

    await(log.deleteBefore(at(100)));

    assertThat(await(index.asset(ORDERS)))
        .contains(
            new AssetRecord(ORDERS, stored.get(2).id(), "r1", at(2), stored.get(1).id(), at(1)));
    assertThat(await(log.eventsForRun("r1", 0, 10)).events())
        .extracting(StoredEvent::id)
        .containsExactly(stored.get(1).id(), stored.get(2).id());
  }
}
