package io.pipewright.storage.memory;

import io.pipewright.core.asset.AssetCheckExecution;
import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.Failures;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link AssetIndex} in memory, over the state its {@link InMemoryEventLog} keeps. */
public final class InMemoryAssetIndex implements AssetIndex {

  private final EventState state;

  InMemoryAssetIndex(EventState state) {
    this.state = state;
  }

  @Override
  public Uni<Optional<AssetRecord>> asset(AssetKeySnapshot assetKey) {
    return state.guard.call(
        () ->
            Optional.ofNullable(state.assets.get(assetKey.toUserString()))
                .map(EventState.AssetRow::toRecord));
  }

  @Override
  public Uni<List<AssetRecord>> list(AssetKeySnapshot afterKey, int limit) {
    return state.guard.call(
        () -> {
          Failures.requireLimit(limit);
          var rows =
              afterKey == null
                  ? state.assets
                  : state.assets.tailMap(afterKey.toUserString(), false);
          return rows.values().stream().limit(limit).map(EventState.AssetRow::toRecord).toList();
        });
  }

  @Override
  public Uni<Map<String, Long>> latestEventIdByPartition(
      AssetKeySnapshot assetKey, DagsterEventType type) {
    return state.guard.call(
        () -> {
          String key = assetKey.toUserString();
          Map<String, Long> latest = new TreeMap<>();
          for (EventState.Entry e : state.byId.values()) {
            if (key.equals(e.assetKey) && e.partition != null && e.event().type() == type) {
              latest.put(e.partition, e.id());
            }
          }
          return java.util.Collections.unmodifiableMap(latest);
        });
  }

  @Override
  public Uni<List<AssetCheckExecution>> checkExecutions(
      AssetKeySnapshot assetKey, String checkName, long beforeEventId, int limit) {
    return state.guard.call(
        () -> {
          Failures.requireLimit(limit);
          List<AssetCheckExecution> out = new ArrayList<>();
          for (AssetCheckExecution c : state.checks) {
            if (c.assetKey().equals(assetKey)
                && c.checkName().equals(checkName)
                && c.evaluationEventId() < beforeEventId) {
              out.add(c);
            }
          }
          out.sort(Comparator.comparingLong(AssetCheckExecution::evaluationEventId).reversed());
          return List.copyOf(out.subList(0, Math.min(limit, out.size())));
        });
  }

  @Override
  public Uni<Integer> wipe(List<AssetKeySnapshot> assetKeys) {
    return state.guard.call(
        () -> {
          int known = 0;
          for (AssetKeySnapshot key : assetKeys) {
            if (state.wipe(key.toUserString())) {
              known++;
            }
          }
          return known;
        });
  }
}
