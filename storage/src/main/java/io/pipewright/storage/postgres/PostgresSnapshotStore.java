package io.pipewright.storage.postgres;

import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.pipewright.storage.postgres.internal.SnapshotEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;

/** The {@link SnapshotStore} on PostgreSQL, with Hibernate Reactive Panache: {@code snapshots}. */
@ApplicationScoped
public class PostgresSnapshotStore implements SnapshotStore {

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresSnapshotStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<Void> put(String snapshotId, SnapshotKind kind, byte[] body) {
    return vertx
        .transaction(
            () -> {
              if (snapshotId == null || snapshotId.isBlank()) {
                throw new IllegalArgumentException("A snapshot needs a non-blank id");
              }
              Objects.requireNonNull(kind, "kind: what the snapshot is must be given");
              Objects.requireNonNull(body, "body: the snapshot's bytes must be given");
              return SnapshotEntity.<SnapshotEntity>findById(snapshotId)
                  .flatMap(
                      existing -> {
                        if (existing != null) {
                          return Uni.createFrom().voidItem();
                        }
                        SnapshotEntity e = new SnapshotEntity();
                        e.snapshotId = snapshotId;
                        e.kind = kind.name();
                        e.body = body;
                        return e.persistAndFlush().replaceWithVoid();
                      });
            })
        // Content-addressed: a concurrent writer of the same id stored the same body.
        .onFailure(PgErrors::isUniqueViolation)
        .recoverWithNull();
  }

  @Override
  public Uni<Optional<byte[]>> get(String snapshotId) {
    return vertx.session(
        () ->
            SnapshotEntity.<SnapshotEntity>findById(snapshotId)
                .map(e -> Optional.ofNullable(e).map(s -> s.body)));
  }
}
