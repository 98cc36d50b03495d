package io.pipewright.storage.memory;

import io.pipewright.core.asset.AssetCheckExecution;
import io.pipewright.core.asset.AssetCheckExecutionStatus;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.EventFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state behind the in-memory event log and asset index: the events, and the per-asset facts
 * kept up to date with every stored event, as the PostgreSQL adapter keeps its tables in the
 * ingest's transaction. Not thread-safe: its users hold {@link #guard}.
 */
final class EventState {

  /** One stored event with what is indexed about it; the asset is cleared when wiped. */
  static final class Entry {
    final StoredEvent stored;
    final Long workerSequence;
    String assetKey;
    final String partition;

    Entry(StoredEvent stored, Long workerSequence, String assetKey, String partition) {
      this.stored = stored;
      this.workerSequence = workerSequence;
      this.assetKey = assetKey;
      this.partition = partition;
    }

    EventRecord event() {
      return stored.event();
    }

    long id() {
      return stored.id();
    }
  }

  /** The asset index's row of one asset. */
  static final class AssetRow {
    final AssetKeySnapshot key;
    Long materializationId;
    String materializationRunId;
    java.time.Instant materializationTime;
    Long observationId;
    java.time.Instant observationTime;

    AssetRow(AssetKeySnapshot key) {
      this.key = key;
    }

    AssetRecord toRecord() {
      return new AssetRecord(
          key,
          materializationId,
          materializationRunId,
          materializationTime,
          observationId,
          observationTime);
    }
  }

  /** (run, step, attempt) of an ingested event. */
  record Attempt(String runId, String stepKey, int attempt) {}

  final Guard guard = new Guard();
  long lastId;
  final TreeMap<Long, Entry> byId = new TreeMap<>();
  final Map<String, TreeMap<Long, Entry>> byRun = new HashMap<>();
  final Map<Attempt, TreeMap<Long, Long>> sequences = new HashMap<>();
  final TreeMap<String, AssetRow> assets = new TreeMap<>();
  final List<AssetCheckExecution> checks = new ArrayList<>();

  /** Stores one event and indexes it; returns the entry. */
  Entry store(EventRecord event, Long workerSequence) {
    AssetKeySnapshot key = EventFacts.assetKey(event);
    Entry entry =
        new Entry(
            new StoredEvent(++lastId, event),
            workerSequence,
            key == null ? null : key.toUserString(),
            key == null ? null : EventFacts.partition(event));
    byId.put(entry.id(), entry);
    byRun.computeIfAbsent(event.runId(), r -> new TreeMap<>()).put(entry.id(), entry);
    if (workerSequence != null) {
      sequences
          .computeIfAbsent(
              new Attempt(event.runId(), event.stepKey(), event.attempt()), a -> new TreeMap<>())
          .put(workerSequence, entry.id());
    }
    if (key != null) {
      index(key, entry);
    }
    return entry;
  }

  private void index(AssetKeySnapshot key, Entry entry) {
    AssetRow row = assets.computeIfAbsent(entry.assetKey, k -> new AssetRow(key));
    EventRecord event = entry.event();
    if (event.type() == DagsterEventType.ASSET_MATERIALIZATION) {
      row.materializationId = entry.id();
      row.materializationRunId = event.runId();
      row.materializationTime = event.timestamp();
    } else if (event.type() == DagsterEventType.ASSET_OBSERVATION) {
      row.observationId = entry.id();
      row.observationTime = event.timestamp();
    } else if (event.payload() instanceof AssetCheckEvaluationPayload check) {
      checks.add(
          new AssetCheckExecution(
              key,
              check.checkName(),
              check.partition(),
              event.runId(),
              check.passed()
                  ? AssetCheckExecutionStatus.SUCCEEDED
                  : AssetCheckExecutionStatus.FAILED,
              entry.id(),
              event.timestamp()));
    }
  }

  /** Removes entries (a run's, or retention's) and repairs the index of the assets they named. */
  long remove(List<Entry> doomed) {
    Set<String> touched = new HashSet<>();
    for (Entry e : doomed) {
      byId.remove(e.id());
      TreeMap<Long, Entry> run = byRun.get(e.event().runId());
      if (run != null) {
        run.remove(e.id());
        if (run.isEmpty()) {
          byRun.remove(e.event().runId());
        }
      }
      if (e.workerSequence != null) {
        Attempt a = new Attempt(e.event().runId(), e.event().stepKey(), e.event().attempt());
        TreeMap<Long, Long> seqs = sequences.get(a);
        if (seqs != null) {
          seqs.remove(e.workerSequence);
          if (seqs.isEmpty()) {
            sequences.remove(a);
          }
        }
      }
      if (e.assetKey != null) {
        touched.add(e.assetKey);
      }
    }
    for (String key : touched) {
      reindex(key);
    }
    return doomed.size();
  }

  /** Recomputes one asset's row from its remaining events; drops it when none remain. */
  private void reindex(String key) {
    AssetRow old = assets.remove(key);
    if (old == null) {
      return;
    }
    AssetRow row = new AssetRow(old.key);
    boolean any = false;
    for (Entry e : byId.values()) {
      if (!key.equals(e.assetKey)) {
        continue;
      }
      any = true;
      if (e.event().type() == DagsterEventType.ASSET_MATERIALIZATION) {
        row.materializationId = e.id();
        row.materializationRunId = e.event().runId();
        row.materializationTime = e.event().timestamp();
      } else if (e.event().type() == DagsterEventType.ASSET_OBSERVATION) {
        row.observationId = e.id();
        row.observationTime = e.event().timestamp();
      }
    }
    if (any) {
      assets.put(key, row);
    }
  }

  /** Removes a run's check executions. */
  void removeChecksOfRun(String runId) {
    checks.removeIf(c -> c.runId().equals(runId));
  }

  /** Forgets an asset: its row, its check executions, and its events' link to it. */
  boolean wipe(String key) {
    AssetRow row = assets.remove(key);
    checks.removeIf(c -> c.assetKey().toUserString().equals(key));
    for (Iterator<Entry> it = byId.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (key.equals(e.assetKey)) {
        e.assetKey = null;
      }
    }
    return row != null;
  }

  /** The ids the asset index points at, which retention keeps. */
  Set<Long> pinned() {
    Set<Long> ids = new HashSet<>();
    for (AssetRow row : assets.values()) {
      if (row.materializationId != null) {
        ids.add(row.materializationId);
      }
      if (row.observationId != null) {
        ids.add(row.observationId);
      }
    }
    return ids;
  }
}
