package io.pipewright.storage.postgres;

import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.storage.internal.KeyValues;
import io.pipewright.storage.postgres.internal.KeyValueEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link KeyValueStore} on PostgreSQL, with Hibernate Reactive Panache for reads and the
 * reactive client for writes: {@code kvs}.
 */
@ApplicationScoped
public class PostgresKeyValueStore implements KeyValueStore {

  private final OnVertx vertx;
  private final Pool pool;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its Hibernate work on a Vert.x context
   * @param pool the reactive client's pool, for the one-statement upsert
   */
  public PostgresKeyValueStore(OnVertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public Uni<Map<String, String>> get(Set<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return vertx.session(
        () ->
            KeyValueEntity.<KeyValueEntity>list("entryKey in ?1", List.copyOf(keys))
                .map(
                    rows -> {
                      Map<String, String> out = new TreeMap<>();
                      rows.forEach(r -> out.put(r.entryKey, r.entryValue));
                      return Map.copyOf(out);
                    }));
  }

  /**
   * Writes every entry with one {@code INSERT ... ON CONFLICT DO UPDATE} over {@code unnest}ed
   * arrays: one round trip however many keys (the scheduler stores a tick's run requests here, ten
   * thousand per minute), and the keys sorted so that two writers lock shared rows in one order.
   */
  @Override
  public Uni<Void> put(Map<String, String> values) {
    if (values.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    try {
      KeyValues.check(values);
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
    TreeMap<String, String> sorted = new TreeMap<>(values);
    String[] keys = sorted.keySet().toArray(String[]::new);
    String[] vals = sorted.values().toArray(String[]::new);
    return pool.preparedQuery(
            "INSERT INTO kvs (key, value) SELECT * FROM unnest($1::text[], $2::text[])"
                + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
        .execute(Tuple.tuple().addValue(keys).addValue(vals))
        .replaceWithVoid();
  }

  @Override
  public Uni<Long> delete(Set<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(0L);
    }
    return vertx.transaction(() -> KeyValueEntity.delete("entryKey in ?1", List.copyOf(keys)));
  }
}
