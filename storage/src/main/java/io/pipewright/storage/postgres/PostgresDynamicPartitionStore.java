package io.pipewright.storage.postgres;

import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.storage.internal.Keys;
import io.pipewright.storage.postgres.internal.DynamicPartitionEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link DynamicPartitionStore} on PostgreSQL, with Hibernate Reactive Panache: {@code
 * dynamic_partitions}, unique per (definition, key), ordered by id.
 */
@ApplicationScoped
public class PostgresDynamicPartitionStore implements DynamicPartitionStore {

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresDynamicPartitionStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<List<String>> keys(String definition) {
    return vertx.session(
        () ->
            DynamicPartitionEntity.<DynamicPartitionEntity>list(
                    "definition = ?1 order by id", definition)
                .map(rows -> rows.stream().map(r -> r.partitionKey).toList()));
  }

  @Override
  public Uni<Boolean> has(String definition, String key) {
    return vertx.session(
        () ->
            DynamicPartitionEntity.count("definition = ?1 and partitionKey = ?2", definition, key)
                .map(n -> n > 0));
  }

  @Override
  public Uni<Integer> add(String definition, List<String> keys) {
    // A concurrent add of the same key makes this one's insert conflict: try again, now seeing it.
    return insertNew(definition, keys).onFailure(PgErrors::isUniqueViolation).retry().atMost(3);
  }

  private Uni<Integer> insertNew(String definition, List<String> keys) {
    return vertx.transaction(
        () -> {
          Keys.checkPartitionKeys(definition, keys);
          return DynamicPartitionEntity.<DynamicPartitionEntity>list(
                  "definition = ?1 and partitionKey in ?2", definition, List.copyOf(keys))
              .flatMap(
                  present -> {
                    Set<String> existing = new HashSet<>();
                    present.forEach(p -> existing.add(p.partitionKey));
                    List<DynamicPartitionEntity> fresh = new ArrayList<>();
                    for (String key : new LinkedHashSet<>(keys)) {
                      if (!existing.contains(key)) {
                        DynamicPartitionEntity e = new DynamicPartitionEntity();
                        e.definition = definition;
                        e.partitionKey = key;
                        fresh.add(e);
                      }
                    }
                    if (fresh.isEmpty()) {
                      return Uni.createFrom().item(0);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DynamicPartitionEntity e : fresh) {
                      chain = chain.chain(() -> e.persist()).replaceWithVoid();
                    }
                    return chain.chain(Panache::flush).replaceWith(fresh.size());
                  });
        });
  }

  @Override
  public Uni<Integer> delete(String definition, List<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return vertx.transaction(
        () ->
            DynamicPartitionEntity.delete(
                    "definition = ?1 and partitionKey in ?2", definition, List.copyOf(keys))
                .map(Long::intValue));
  }
}
