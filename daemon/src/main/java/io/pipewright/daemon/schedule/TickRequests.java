package io.pipewright.daemon.schedule;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.protocol.mapping.InstigatorMapper;
import io.pipewright.protocol.v1.TickResult;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run requests of a tick in progress, kept beside the tick (in the key-value store) from the
 * moment its run ids are reserved until it finishes: a tick resumed after a crash creates the
 * reserved runs from the very requests the evaluation returned, without evaluating again (a
 * sensor's world may have moved on). Stored before the reservation, so a reserved tick always has
 * them; deleted when the tick finishes.
 */
public final class TickRequests {

  private static final String PREFIX = "pipewright/tick-requests/";

  private final KeyValueStore store;
  private final Duration timeout;

  /**
   * Creates the accessor.
   *
   * @param store the key-value store
   * @param timeout how long one call may take
   */
  public TickRequests(KeyValueStore store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  /**
   * Stores a tick's requests.
   *
   * @param tickId the tick
   * @param requests the requests, in the order of its reserved run ids
   */
  public void put(long tickId, List<RunRequestSnapshot> requests) {
    store.put(Map.of(PREFIX + tickId, encode(requests))).await().atMost(timeout);
  }

  /**
   * Stores the requests of many ticks in one call.
   *
   * @param byTick each tick's requests, in the order of its reserved run ids
   */
  public void putAll(Map<Long, List<RunRequestSnapshot>> byTick) {
    if (byTick.isEmpty()) {
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    byTick.forEach((tickId, requests) -> values.put(PREFIX + tickId, encode(requests)));
    store.put(values).await().atMost(timeout);
  }

  /**
   * Deletes the requests of many finished ticks in one call.
   *
   * @param tickIds the ticks
   */
  public void deleteAll(List<Long> tickIds) {
    if (tickIds.isEmpty()) {
      return;
    }
    Set<String> keys = new HashSet<>();
    tickIds.forEach(id -> keys.add(PREFIX + id));
    store.delete(keys).await().atMost(timeout);
  }

  private static String encode(List<RunRequestSnapshot> requests) {
    byte[] body = InstigatorMapper.toProto(InstigatorEvaluation.runs(requests)).toByteArray();
    return Base64.getEncoder().encodeToString(body);
  }

  /**
   * Reads a tick's requests.
   *
   * @param tickId the tick
   * @return the requests, or empty when none are stored
   * @throws IllegalStateException when the stored value cannot be read
   */
  public Optional<List<RunRequestSnapshot>> get(long tickId) {
    String key = PREFIX + tickId;
    String value = store.get(Set.of(key)).await().atMost(timeout).get(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          InstigatorMapper.toCore(TickResult.parseFrom(Base64.getDecoder().decode(value)))
              .runRequests());
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "The run requests stored for tick " + tickId + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes a finished tick's requests.
   *
   * @param tickId the tick
   */
  public void delete(long tickId) {
    store.delete(Set.of(PREFIX + tickId)).await().atMost(timeout);
  }
}
