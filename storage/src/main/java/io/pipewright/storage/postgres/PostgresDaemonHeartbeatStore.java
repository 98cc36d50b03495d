package io.pipewright.storage.postgres;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.storage.postgres.internal.Bodies;
import io.pipewright.storage.postgres.internal.HeartbeatEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * The {@link DaemonHeartbeatStore} on PostgreSQL, with Hibernate Reactive Panache: {@code
 * daemon_heartbeats}, one row per daemon type.
 */
@ApplicationScoped
public class PostgresDaemonHeartbeatStore implements DaemonHeartbeatStore {

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresDaemonHeartbeatStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<Void> beat(DaemonHeartbeat heartbeat) {
    return write(heartbeat)
        // Two daemons writing the first heartbeat of a type at once: the loser writes again,
        // now as an update.
        .onFailure(PgErrors::isUniqueViolation)
        .recoverWithUni(() -> write(heartbeat));
  }

  private Uni<Void> write(DaemonHeartbeat heartbeat) {
    return vertx.transaction(
        () -> {
          Objects.requireNonNull(heartbeat, "heartbeat: give the heartbeat to store");
          HeartbeatEntity e = new HeartbeatEntity();
          e.daemonType = heartbeat.daemonType();
          e.daemonId = heartbeat.daemonId();
          e.timestamp = heartbeat.timestamp();
          e.errors = Bodies.errors(heartbeat.errors());
          return Panache.getSession().flatMap(s -> s.merge(e)).replaceWithVoid();
        });
  }

  @Override
  public Uni<List<DaemonHeartbeat>> latest() {
    return vertx.session(
        () ->
            HeartbeatEntity.<HeartbeatEntity>find("order by daemonType")
                .list()
                .map(
                    rows ->
                        rows.stream()
                            .map(
                                e ->
                                    new DaemonHeartbeat(
                                        e.daemonType,
                                        e.daemonId,
                                        e.timestamp,
                                        Bodies.errors(e.errors)))
                            .toList()));
  }
}
