package io.pipewright.storage.postgres;

import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.storage.internal.KeyValues;
import io.pipewright.storage.postgres.internal.KeyValueEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The {@link KeyValueStore} on PostgreSQL, with Hibernate Reactive Panache: {@code kvs}. */
@ApplicationScoped
public class PostgresKeyValueStore implements KeyValueStore {

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresKeyValueStore(OnVertx vertx) {
    this.vertx = vertx;
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

  @Override
  public Uni<Void> put(Map<String, String> values) {
    return write(values).onFailure(PgErrors::isUniqueViolation).recoverWithUni(() -> write(values));
  }

  private Uni<Void> write(Map<String, String> values) {
    return vertx.transaction(
        () -> {
          KeyValues.check(values);
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            KeyValueEntity e = new KeyValueEntity();
            e.entryKey = entry.getKey();
            e.entryValue = entry.getValue();
            chain =
                chain.chain(() -> Panache.getSession().flatMap(s -> s.merge(e))).replaceWithVoid();
          }
          return chain;
        });
  }

  @Override
  public Uni<Long> delete(Set<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(0L);
    }
    return vertx.transaction(() -> KeyValueEntity.delete("entryKey in ?1", List.copyOf(keys)));
  }
}
