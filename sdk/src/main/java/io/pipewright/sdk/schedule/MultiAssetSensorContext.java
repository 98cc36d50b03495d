package io.pipewright.sdk.schedule;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.schedule.MultiAssetCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a multi-asset sensor's function sees (Dagster's {@code MultiAssetSensorEvaluationContext}):
 * the materializations of each monitored asset that it has not consumed yet, and a cursor per asset
 * that it advances when it has handled them.
 *
 * <p>A materialization is <em>unconsumed</em> while its event id is above the asset's cursor.
 * Advancing an asset's cursor to an event consumes it and every earlier one of that asset; what is
 * not consumed is offered again on the next tick. So a sensor that waits for all of several assets
 * advances only when all have new materializations:
 *
 * <pre>{@code
 * Map<AssetKey, MaterializationEvent> latest = ctx.latestMaterializationsByKey();
 * if (latest.keySet().containsAll(ctx.monitoredAssets())) {
 *   ctx.advanceAllCursors();
 *   return SensorResult.runs(RunRequest.of());
 * }
 * return SensorResult.skip("waiting for " + ctx.monitoredAssets().size() + " assets");
 * }</pre>
 *
 * <p>The sensor's cursor is the JSON object of {@link MultiAssetSensorDefinition}. A context is
 * made for one evaluation and is not thread-safe.
 */
public final class MultiAssetSensorContext {
  private final SensorContext base;
  private final List<AssetKey> monitoredAssets;
  private final Map<AssetKey, List<MaterializationEvent>> events;
  private final Map<AssetKey, Long> consumed;

  private MultiAssetSensorContext(
      SensorContext base,
      List<AssetKey> monitoredAssets,
      Map<AssetKey, List<MaterializationEvent>> events,
      Map<AssetKey, Long> consumed) {
    this.base = base;
    this.monitoredAssets = monitoredAssets;
    this.events = events;
    this.consumed = consumed;
  }

  /**
   * Creates a context from a sensor context (whose cursor is the JSON cursor) and the
   * materializations after it. Events of other assets and events already consumed are ignored.
   *
   * @param base the sensor's context
   * @param monitoredAssets the monitored assets
   * @param materializations the materializations of the monitored assets, in any order
   * @return the context
   * @throws IllegalArgumentException if the cursor is not the JSON object described in {@link
   *     MultiAssetSensorDefinition}
   */
  public static MultiAssetSensorContext of(
      SensorContext base,
      List<AssetKey> monitoredAssets,
      List<MaterializationEvent> materializations) {
    Objects.requireNonNull(base, "base");
    List<AssetKey> monitored = List.copyOf(monitoredAssets);
    Map<AssetKey, Long> consumed = MultiAssetCursor.parse(base.cursor().orElse(null));
    Map<AssetKey, List<MaterializationEvent>> byKey = new LinkedHashMap<>();
    for (AssetKey key : monitored) {
      byKey.put(key, new ArrayList<>());
    }
    for (MaterializationEvent event : materializations) {
      List<MaterializationEvent> list = byKey.get(event.assetKey());
      if (list != null && event.eventId() > consumed.getOrDefault(event.assetKey(), -1L)) {
        list.add(event);
      }
    }
    for (List<MaterializationEvent> list : byKey.values()) {
      list.sort(Comparator.comparingLong(MaterializationEvent::eventId));
    }
    return new MultiAssetSensorContext(base, monitored, byKey, consumed);
  }

  /**
   * Returns the underlying sensor context: cursor, last tick, clock and resources.
   *
   * @return the context
   */
  public SensorContext sensorContext() {
    return base;
  }

  /**
   * Returns the sensor's name.
   *
   * @return the name
   */
  public String sensorName() {
    return base.sensorName();
  }

  /**
   * Returns the current time.
   *
   * @return now, from the injected clock
   */
  public Instant now() {
    return base.now();
  }

  /**
   * Returns a resource.
   *
   * @param key the resource key
   * @param type the resource's type
   * @param <T> the resource's type
   * @return the resource
   * @throws java.util.NoSuchElementException if there is no such resource
   */
  public <T> T resource(String key, Class<T> type) {
    return base.resource(key, type);
  }

  /**
   * Returns the monitored assets.
   *
   * @return the keys, in the order given
   */
  public List<AssetKey> monitoredAssets() {
    return monitoredAssets;
  }

  /**
   * Returns the unconsumed materializations of an asset.
   *
   * @param key a monitored asset
   * @return the events, oldest first
   * @throws IllegalArgumentException if the asset is not monitored
   */
  public List<MaterializationEvent> materializations(AssetKey key) {
    List<MaterializationEvent> all = eventsOf(key);
    long after = consumed.getOrDefault(key, -1L);
    int first = 0;
    while (first < all.size() && all.get(first).eventId() <= after) {
      first++;
    }
    return Collections.unmodifiableList(all.subList(first, all.size()));
  }

  /**
   * Returns the newest unconsumed materialization of an asset.
   *
   * @param key a monitored asset
   * @return the event; empty when there is none
   * @throws IllegalArgumentException if the asset is not monitored
   */
  public Optional<MaterializationEvent> latestMaterialization(AssetKey key) {
    List<MaterializationEvent> unconsumed = materializations(key);
    return unconsumed.isEmpty()
        ? Optional.empty()
        : Optional.of(unconsumed.get(unconsumed.size() - 1));
  }

  /**
   * Returns the newest unconsumed materialization of each monitored asset that has one.
   *
   * @return the events by asset, in the order of {@link #monitoredAssets()}; assets without
   *     unconsumed materializations are absent
   */
  public Map<AssetKey, MaterializationEvent> latestMaterializationsByKey() {
    Map<AssetKey, MaterializationEvent> latest = new LinkedHashMap<>();
    for (AssetKey key : monitoredAssets) {
      latestMaterialization(key).ifPresent(event -> latest.put(key, event));
    }
    return Collections.unmodifiableMap(latest);
  }

  /**
   * Consumes materializations: each event's asset cursor moves to the event, consuming it and the
   * earlier events of that asset. A cursor never moves back.
   *
   * @param consumedEvents the events, each of a monitored asset
   * @throws IllegalArgumentException if an event's asset is not monitored
   */
  public void advanceCursor(MaterializationEvent... consumedEvents) {
    for (MaterializationEvent event : consumedEvents) {
      eventsOf(event.assetKey());
      consumed.merge(event.assetKey(), event.eventId(), Math::max);
    }
  }

  /** Consumes every materialization offered: each asset's cursor moves to its newest event. */
  public void advanceAllCursors() {
    for (AssetKey key : monitoredAssets) {
      latestMaterialization(key).ifPresent(this::advanceCursor);
    }
  }

  /**
   * Returns the event id an asset's cursor is at.
   *
   * @param key a monitored asset
   * @return the id of its last consumed materialization; empty when none was ever consumed
   */
  public OptionalLong consumedEventId(AssetKey key) {
    eventsOf(key);
    Long id = consumed.get(key);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * Returns the sensor's cursor with the advances made so far.
   *
   * @return the JSON cursor; the one the tick started with when nothing was ever consumed
   */
  public Optional<String> updatedCursor() {
    return consumed.isEmpty() ? base.cursor() : Optional.of(MultiAssetCursor.write(consumed));
  }

  private List<MaterializationEvent> eventsOf(AssetKey key) {
    List<MaterializationEvent> list = events.get(key);
    if (list == null) {
      throw new IllegalArgumentException(
          "Sensor '"
              + base.sensorName()
              + "' does not monitor asset "
              + key
              + "; it monitors "
              + monitoredAssets);
    }
    return list;
  }
}
