package io.pipewright.core.asset;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the asset index: a read view of the event log per asset, which the event log's
 * adapter keeps in the same transaction as the events it stores (so the two never disagree). The
 * events themselves are read through {@code EventLog.query} with an asset key.
 *
 * <p>Every adapter passes the same contract test suite; methods may be called from any thread.
 */
public interface AssetIndex {

  /**
   * Reads one asset.
   *
   * @param assetKey the asset
   * @return the record, or empty when no event about it is stored (or it was wiped)
   */
  Uni<Optional<AssetRecord>> asset(AssetKeySnapshot assetKey);

  /**
   * Lists assets in key order ({@code assetsOrError}), by their user strings ({@code a/b}).
   *
   * @param afterKey the cursor: the last key of the previous page; null for the first page
   * @param limit at most this many; 1 or more
   * @return the page
   */
  Uni<List<AssetRecord>> list(AssetKeySnapshot afterKey, int limit);

  /**
   * Reads, per partition, the storage id of the latest event of one type about an asset: which
   * partitions are materialized (or planned, or observed), for partition status.
   *
   * @param assetKey the asset
   * @param type the event type, such as {@link DagsterEventType#ASSET_MATERIALIZATION}
   * @return partition key to the latest event id; partitionless events are left out
   */
  Uni<Map<String, Long>> latestEventIdByPartition(AssetKeySnapshot assetKey, DagsterEventType type);

  /**
   * Lists executions of one asset check, newest first.
   *
   * @param assetKey the asset
   * @param checkName the check
   * @param beforeEventId the cursor: only executions with a smaller evaluation event id; {@link
   *     Long#MAX_VALUE} for the first page
   * @param limit at most this many; 1 or more
   * @return the executions
   */
  Uni<List<AssetCheckExecution>> checkExecutions(
      AssetKeySnapshot assetKey, String checkName, long beforeEventId, int limit);

  /**
   * Wipes assets ({@code wipeAssets}): forgets their records and check executions, and detaches
   * their events from them, so that asset queries no longer find those events. The runs' event logs
   * keep every event.
   *
   * @param assetKeys the assets
   * @return how many of them were known
   */
  Uni<Integer> wipe(List<AssetKeySnapshot> assetKeys);
}
