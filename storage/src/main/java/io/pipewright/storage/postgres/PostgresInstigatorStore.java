package io.pipewright.storage.postgres;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickAlreadyExistsException;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickNotFoundException;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.storage.internal.Updates;
import io.pipewright.storage.postgres.internal.InstigatorEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.pipewright.storage.postgres.internal.TickEntity;
import io.pipewright.storage.postgres.internal.TickRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link InstigatorStore} on PostgreSQL, with Hibernate Reactive Panache: {@code instigators}
 * and {@code ticks} (unique per schedule and scheduled time).
 */
@ApplicationScoped
public class PostgresInstigatorStore implements InstigatorStore {

  private static final String ONE_TICK_PER_TIME = "ticks_once_per_scheduled_time";

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresInstigatorStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<Optional<InstigatorState>> state(InstigatorSelector selector) {
    return vertx.session(
        () ->
            InstigatorEntity.<InstigatorEntity>findById(key(selector))
                .map(e -> Optional.ofNullable(e).map(TickRows::toState)));
  }

  private static InstigatorEntity.Key key(InstigatorSelector selector) {
    return new InstigatorEntity.Key(selector.codeLocation(), selector.name());
  }

  @Override
  public Uni<List<InstigatorState>> states(String codeLocation, InstigatorType type) {
    return vertx.session(
        () -> {
          List<String> clauses = new ArrayList<>();
          Map<String, Object> params = new HashMap<>();
          if (codeLocation != null) {
            clauses.add("codeLocation = :location");
            params.put("location", codeLocation);
          }
          if (type != null) {
            clauses.add("type = :type");
            params.put("type", type);
          }
          String where = clauses.isEmpty() ? "" : String.join(" and ", clauses) + " ";
          return InstigatorEntity.<InstigatorEntity>list(
                  where + "order by codeLocation, name", params)
              .map(rows -> rows.stream().map(TickRows::toState).toList());
        });
  }

  @Override
  public Uni<InstigatorState> updateState(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change) {
    // The first update of an instigator inserts its row; two first updates at once make one
    // insert conflict, and that one runs again as an update of the other's row.
    return applyUpdate(selector, type, at, change)
        .onFailure(PgErrors::isUniqueViolation)
        .retry()
        .atMost(3);
  }

  private Uni<InstigatorState> applyUpdate(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change) {
    return vertx.transaction(
        () ->
            InstigatorEntity.<InstigatorEntity>findById(
                    key(selector), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(
                    stored -> {
                      InstigatorState current =
                          stored == null
                              ? InstigatorState.initial(selector, type, at)
                              : TickRows.toState(stored);
                      InstigatorState next =
                          Updates.checkState(selector, current.type(), change.apply(current));
                      InstigatorEntity row = stored == null ? new InstigatorEntity() : stored;
                      TickRows.fill(next, row);
                      Uni<?> write = stored == null ? row.persistAndFlush() : Panache.flush();
                      return write.replaceWith(next);
                    }));
  }

  @Override
  public Uni<Boolean> deleteState(InstigatorSelector selector) {
    return vertx.transaction(() -> InstigatorEntity.deleteById(key(selector)));
  }

  @Override
  public Uni<Tick> startTick(
      InstigatorSelector instigator,
      InstigatorType type,
      Instant timestamp,
      Instant scheduledTime) {
    return vertx
        .transaction(
            () -> {
              TickEntity e =
                  TickRows.fill(
                      Tick.started(1, instigator, type, timestamp, scheduledTime),
                      new TickEntity());
              e.id = null;
              return e.persistAndFlush().map(ignored -> TickRows.toTick(e));
            })
        .onFailure(f -> PgErrors.isUniqueViolation(f, ONE_TICK_PER_TIME))
        .recoverWithUni(
            () ->
                existingTick(instigator, scheduledTime)
                    .map(
                        id -> {
                          if (id == null) {
                            // The conflicting tick was purged in between: report the conflict
                            // without an id rather than start a second tick for the time.
                            throw new TickAlreadyExistsException(instigator, scheduledTime, 0);
                          }
                          throw new TickAlreadyExistsException(instigator, scheduledTime, id);
                        }));
  }

  private Uni<Long> existingTick(InstigatorSelector instigator, Instant scheduledTime) {
    return vertx.session(
        () ->
            TickEntity.<TickEntity>find(
                    "codeLocation = ?1 and name = ?2 and scheduledTime = ?3",
                    instigator.codeLocation(),
                    instigator.name(),
                    scheduledTime)
                .firstResult()
                .map(e -> e.id));
  }

  @Override
  public Uni<Tick> updateTick(Tick tick) {
    return vertx.transaction(
        () ->
            TickEntity.<TickEntity>findById(tick.id(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(
                    stored -> {
                      if (stored == null) {
                        throw new TickNotFoundException(tick.id());
                      }
                      Updates.checkTick(TickRows.toTick(stored), tick);
                      TickRows.fill(tick, stored);
                      return Panache.flush().replaceWith(tick);
                    }));
  }

  @Override
  public Uni<Optional<Tick>> tick(long tickId) {
    return vertx.session(
        () ->
            TickEntity.<TickEntity>findById(tickId)
                .map(e -> Optional.ofNullable(e).map(TickRows::toTick)));
  }

  @Override
  public Uni<List<Tick>> ticks(InstigatorSelector instigator, TickFilter filter) {
    return vertx.session(
        () -> {
          StringBuilder hql = new StringBuilder("codeLocation = :location and name = :name");
          Map<String, Object> params = new HashMap<>();
          params.put("location", instigator.codeLocation());
          params.put("name", instigator.name());
          if (!filter.statuses().isEmpty()) {
            hql.append(" and status in :statuses");
            params.put("statuses", List.copyOf(filter.statuses()));
          }
          if (filter.after() != null) {
            hql.append(" and timestamp > :after");
            params.put("after", filter.after());
          }
          if (filter.before() != null) {
            hql.append(" and timestamp < :before");
            params.put("before", filter.before());
          }
          hql.append(" order by timestamp desc, id desc");
          return TickEntity.<TickEntity>find(hql.toString(), params)
              .page(0, filter.limit())
              .list()
              .map(rows -> rows.stream().map(TickRows::toTick).toList());
        });
  }

  @Override
  public Uni<Long> deleteTicksBefore(Instant before, Set<TickStatus> statuses) {
    Set<TickStatus> doomed = EnumSet.of(TickStatus.SKIPPED, TickStatus.SUCCESS, TickStatus.FAILURE);
    if (!statuses.isEmpty()) {
      doomed.retainAll(statuses);
    }
    if (doomed.isEmpty()) {
      return Uni.createFrom().item(0L);
    }
    List<TickStatus> list = List.copyOf(doomed);
    return vertx.transaction(
        () -> TickEntity.delete("timestamp < ?1 and status in ?2", before, list));
  }
}
