package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes which assets are fresh, stale or missing, as Dagster does, from the assets' current code
 * versions and their latest materializations. A pure function: it reads no clock and no storage.
 *
 * <p>The rules, applied to every asset of {@link AssetGraphView#keys()}:
 *
 * <ol>
 *   <li>An asset without a materialization is {@link StalenessStatus#MISSING}, with no causes.
 *   <li>A materialized asset is {@link StalenessStatus#STALE} if at least one of these holds, and
 *       {@link StalenessStatus#FRESH} otherwise. Its causes are listed in this order, the upstream
 *       ones in the order of {@link AssetGraphView#upstreamOf(AssetKey)}:
 *       <ul>
 *         <li>{@link StaleCause.CodeVersionChanged}: its current code version differs from the one
 *             it was materialized with. When either is null (absent from {@code
 *             currentCodeVersions}, or not recorded) there is nothing to compare, and no cause, as
 *             in Dagster.
 *         <li>{@link StaleCause.UpstreamMissing}: an upstream asset of the graph has no
 *             materialization.
 *         <li>{@link StaleCause.UpstreamNewer}: an upstream asset's latest materialization is newer
 *             (has a larger event id) than the one this asset used, as recorded in {@link
 *             MaterializationRecord#upstreamEventIds()}. When that map has no entry for the
 *             upstream asset (empty because it was not recorded, or the dependency is new), the
 *             upstream materialization is compared with this asset's own event id instead: an
 *             upstream materialized after this asset is newer.
 *         <li>{@link StaleCause.UpstreamStale}: an upstream asset is itself stale. Staleness thus
 *             propagates down the graph: everything downstream of a stale asset is stale too.
 *       </ul>
 * </ol>
 *
 * <p>External assets, which {@link AssetGraphView#upstreamOf(AssetKey)} names but {@link
 * AssetGraphView#keys()} does not contain or that it reports as {@link
 * AssetGraphView#isExternal(AssetKey) external}, are data that Pipewright does not produce. They
 * are never missing or stale and get no entry in the result: without a materialization record they
 * cause nothing (Pipewright cannot tell when their data changed), and with one they can make their
 * downstream assets stale through {@link StaleCause.UpstreamNewer}.
 *
 * <p>Assets are processed in topological order with an iterative algorithm, so each asset is
 * visited once and arbitrarily long chains are no problem.
 */
public final class Staleness {

  /** How many keys a cycle error names at most. */
  private static final int MAX_LISTED_KEYS = 10;

  private Staleness() {}

  /**
   * Computes the staleness of every asset of {@code graph}.
   *
   * @param graph the asset graph; must have no cycles
   * @param currentCodeVersions the code version of each asset's current definition; assets without
   *     one may be absent (or map to null)
   * @param latestMaterializations the latest materialization of each asset that has one, keyed by
   *     the record's own key; may include external assets
   * @return the staleness of each asset of {@link AssetGraphView#keys()}, in that order;
   *     unmodifiable
   * @throws NullPointerException if an argument is null or a map holds a null record
   * @throws IllegalArgumentException if a record is filed under another asset's key, or the graph
   *     has a cycle
   */
  public static Map<AssetKey, AssetStaleness> compute(
      AssetGraphView graph,
      Map<AssetKey, String> currentCodeVersions,
      Map<AssetKey, MaterializationRecord> latestMaterializations) {
    Objects.requireNonNull(graph, "graph must not be null");
    Objects.requireNonNull(currentCodeVersions, "currentCodeVersions must not be null");
    Objects.requireNonNull(latestMaterializations, "latestMaterializations must not be null");
    checkRecords(latestMaterializations);

    // External assets are upstream-only data: they take no part in the result (see above).
    AssetKey[] keys =
        graph.keys().stream().filter(k -> !graph.isExternal(k)).toArray(AssetKey[]::new);
    int size = keys.length;
    Map<AssetKey, Integer> index = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      index.put(keys[i], i);
    }
    int[] order = topologicalOrder(graph, keys, index);

    StalenessStatus[] statuses = new StalenessStatus[size];
    AssetStaleness[] results = new AssetStaleness[size];
    for (int i : order) {
      AssetStaleness staleness =
          assess(graph, keys[i], index, statuses, currentCodeVersions, latestMaterializations);
      statuses[i] = staleness.status();
      results[i] = staleness;
    }
    Map<AssetKey, AssetStaleness> byKey = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      byKey.put(keys[i], results[i]);
    }
    return Collections.unmodifiableMap(byKey);
  }

  /** Applies the rules to one asset, whose upstream assets of the graph are already assessed. */
  private static AssetStaleness assess(
      AssetGraphView graph,
      AssetKey key,
      Map<AssetKey, Integer> index,
      StalenessStatus[] statuses,
      Map<AssetKey, String> currentCodeVersions,
      Map<AssetKey, MaterializationRecord> latestMaterializations) {
    MaterializationRecord latest = latestMaterializations.get(key);
    if (latest == null) {
      return AssetStaleness.missing(key);
    }
    List<StaleCause> causes = null;
    String current = currentCodeVersions.get(key);
    if (current != null && latest.codeVersion() != null && !current.equals(latest.codeVersion())) {
      causes = add(causes, new StaleCause.CodeVersionChanged(key, latest.codeVersion(), current));
    }
    for (AssetKey upstream : graph.upstreamOf(key)) {
      MaterializationRecord upstreamLatest = latestMaterializations.get(upstream);
      Integer upstreamIndex = index.get(upstream);
      if (upstreamLatest == null) {
        if (upstreamIndex != null) {
          causes = add(causes, new StaleCause.UpstreamMissing(key, upstream));
        }
        continue;
      }
      Long used = latest.upstreamEventIds().get(upstream);
      long baseline = used != null ? used : latest.eventId();
      if (upstreamLatest.eventId() > baseline) {
        causes = add(causes, new StaleCause.UpstreamNewer(key, upstream));
      }
      if (upstreamIndex != null && statuses[upstreamIndex] == StalenessStatus.STALE) {
        causes = add(causes, new StaleCause.UpstreamStale(key, upstream));
      }
    }
    return causes == null ? AssetStaleness.fresh(key) : AssetStaleness.stale(key, causes);
  }

  private static List<StaleCause> add(List<StaleCause> causes, StaleCause cause) {
    List<StaleCause> list = causes == null ? new ArrayList<>(2) : causes;
    list.add(cause);
    return list;
  }

  private static void checkRecords(Map<AssetKey, MaterializationRecord> latestMaterializations) {
    for (Map.Entry<AssetKey, MaterializationRecord> entry : latestMaterializations.entrySet()) {
      MaterializationRecord record =
          Objects.requireNonNull(
              entry.getValue(), "latestMaterializations maps " + entry.getKey() + " to null");
      if (!record.key().equals(entry.getKey())) {
        throw new IllegalArgumentException(
            "latestMaterializations maps "
                + entry.getKey()
                + " to a materialization of "
                + record.key()
                + "; key each record by its own key");
      }
    }
  }

  /**
   * Orders the assets so that each comes after its upstream assets of the graph (Kahn's algorithm,
   * roots taken in the order of {@code keys}, so the order is deterministic).
   *
   * @throws IllegalArgumentException if the graph has a cycle
   */
  private static int[] topologicalOrder(
      AssetGraphView graph, AssetKey[] keys, Map<AssetKey, Integer> index) {
    int size = keys.length;
    int[] pending = new int[size];
    int[][] downstream = downstreamIndexes(graph, keys, index, pending);
    int[] order = new int[size];
    int tail = 0;
    for (int i = 0; i < size; i++) {
      if (pending[i] == 0) {
        order[tail++] = i;
      }
    }
    for (int head = 0; head < tail; head++) {
      for (int next : downstream[order[head]]) {
        if (--pending[next] == 0) {
          order[tail++] = next;
        }
      }
    }
    if (tail < size) {
      throw cycle(keys, pending);
    }
    return order;
  }

  /**
   * Returns, for each asset, the indexes of its downstream assets, derived from {@link
   * AssetGraphView#upstreamOf(AssetKey)} alone; fills {@code upstreamCounts} along the way.
   */
  private static int[][] downstreamIndexes(
      AssetGraphView graph, AssetKey[] keys, Map<AssetKey, Integer> index, int[] upstreamCounts) {
    int size = keys.length;
    int[][] upstream = new int[size][];
    int[] downstreamCounts = new int[size];
    for (int i = 0; i < size; i++) {
      Set<AssetKey> ups = graph.upstreamOf(keys[i]);
      int[] indexes = new int[ups.size()];
      int count = 0;
      for (AssetKey up : ups) {
        Integer j = index.get(up);
        if (j != null) {
          indexes[count++] = j;
          downstreamCounts[j]++;
        }
      }
      upstream[i] = count == indexes.length ? indexes : Arrays.copyOf(indexes, count);
      upstreamCounts[i] = count;
    }
    int[][] downstream = new int[size][];
    for (int i = 0; i < size; i++) {
      downstream[i] = new int[downstreamCounts[i]];
      downstreamCounts[i] = 0;
    }
    for (int i = 0; i < size; i++) {
      for (int j : upstream[i]) {
        downstream[j][downstreamCounts[j]++] = i;
      }
    }
    return downstream;
  }

  private static IllegalArgumentException cycle(AssetKey[] keys, int[] pending) {
    List<String> involved = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < keys.length; i++) {
      if (pending[i] > 0) {
        total++;
        if (involved.size() < MAX_LISTED_KEYS) {
          involved.add(keys[i].toUserString());
        }
      }
    }
    return new IllegalArgumentException(
        "Cannot compute staleness: the asset graph has a cycle. These "
            + total
            + " assets are on it or downstream of it: "
            + String.join(", ", involved)
            + (total > involved.size() ? " (and " + (total - involved.size()) + " more)" : "")
            + ". Remove the dependency that closes the cycle.");
  }
}
