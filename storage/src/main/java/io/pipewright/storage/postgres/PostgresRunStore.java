package io.pipewright.storage.postgres;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunAlreadyExistsException;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStateMachine;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.storage.internal.Failures;
import io.pipewright.storage.internal.StringJson;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.pipewright.storage.postgres.internal.RunEntity;
import io.pipewright.storage.postgres.internal.RunRows;
import io.pipewright.storage.postgres.internal.RunTagEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@link RunStore} on PostgreSQL, with Hibernate Reactive Panache: tables {@code runs} and
 * {@code run_tags}.
 */
@ApplicationScoped
public class PostgresRunStore implements RunStore {

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresRunStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<Run> add(Run run) {
    return vertx
        .transaction(
            () -> {
              Uni<Void> chain = RunRows.fill(run, new RunEntity()).persist().replaceWithVoid();
              for (Map.Entry<String, String> tag : run.tags().entrySet()) {
                chain =
                    chain
                        .chain(() -> tag(run.runId(), tag.getKey(), tag.getValue()).persist())
                        .replaceWithVoid();
              }
              return chain.chain(Panache::flush).replaceWith(run);
            })
        .onFailure(PgErrors::isUniqueViolation)
        .transform(
            e ->
                new RunAlreadyExistsException(
                    run.runId(), "A run with id " + run.runId() + " exists already"));
  }

  private static RunTagEntity tag(String runId, String key, String value) {
    RunTagEntity t = new RunTagEntity();
    t.runId = runId;
    t.tagKey = key;
    t.tagValue = value;
    return t;
  }

  @Override
  public Uni<Optional<Run>> find(String runId) {
    return vertx.session(
        () ->
            RunEntity.<RunEntity>find("runId", runId)
                .firstResult()
                .map(e -> Optional.ofNullable(e).map(RunRows::toRun)));
  }

  @Override
  public Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit) {
    return vertx.session(
        () -> {
          Failures.requireLimit(limit);
          return Panache.getSession()
              .flatMap(
                  session ->
                      cursorId(session, afterRunId)
                          .flatMap(
                              cursor -> {
                                Map<String, Object> params = new HashMap<>();
                                String hql =
                                    "from RunEntity r where " + RunRows.where(filter, params);
                                if (cursor != null) {
                                  hql += " and r.id < :cursor";
                                  params.put("cursor", cursor);
                                }
                                var query =
                                    session.createSelectionQuery(
                                        hql + " order by r.id desc", RunEntity.class);
                                params.forEach(query::setParameter);
                                return query.setMaxResults(limit).getResultList();
                              }))
              .map(rows -> rows.stream().map(RunRows::toRun).toList());
        });
  }

  private static Uni<Long> cursorId(Mutiny.Session session, String runId) {
    if (runId == null) {
      return Uni.createFrom().nullItem();
    }
    return session
        .createSelectionQuery("select r.id from RunEntity r where r.runId = :id", Long.class)
        .setParameter("id", runId)
        .getSingleResultOrNull()
        .onItem()
        .ifNull()
        .failWith(() -> Failures.unknownRunCursor(runId));
  }

  @Override
  public Uni<Long> count(RunFilter filter) {
    return vertx.session(
        () ->
            Panache.getSession()
                .flatMap(
                    session -> {
                      Map<String, Object> params = new HashMap<>();
                      var query =
                          session.createSelectionQuery(
                              "select count(r) from RunEntity r where "
                                  + RunRows.where(filter, params),
                              Long.class);
                      params.forEach(query::setParameter);
                      return query.getSingleResult();
                    }));
  }

  @Override
  public Uni<List<Run>> queued(int limit) {
    return vertx.session(
        () -> {
          Failures.requireLimit(limit);
          return RunEntity.<RunEntity>find("status = ?1 order by id", RunStatus.QUEUED)
              .page(0, limit)
              .list()
              .map(rows -> rows.stream().map(RunRows::toRun).toList());
        });
  }

  @Override
  public Uni<Run> transition(String runId, RunStatus expected, RunStatus next, Instant at) {
    return vertx.transaction(
        () -> {
          RunStateMachine.transition(expected, next);
          return locked(runId)
              .map(
                  e -> {
                    if (e.status != expected) {
                      throw Failures.runConflict(runId, expected, e.status, next);
                    }
                    Run changed = RunRows.toRun(e).withStatus(next, at);
                    e.status = changed.status();
                    e.updateTime = changed.updateTime();
                    e.startTime = changed.startTime();
                    e.endTime = changed.endTime();
                    return changed;
                  });
        });
  }

  /** Reads a run's row for update: writers of one run queue up behind each other. */
  private static Uni<RunEntity> locked(String runId) {
    return RunEntity.<RunEntity>find("runId", runId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> Failures.runNotFound(runId));
  }

  @Override
  public Uni<Run> addTags(String runId, Map<String, String> tags) {
    return vertx.transaction(
        () ->
            locked(runId)
                .flatMap(
                    e -> {
                      Map<String, String> merged =
                          new LinkedHashMap<>(StringJson.parseObject(e.tags));
                      merged.putAll(tags);
                      e.tags = StringJson.object(merged);
                      Uni<Void> chain = Uni.createFrom().voidItem();
                      for (Map.Entry<String, String> tag : tags.entrySet()) {
                        chain =
                            chain.chain(
                                () ->
                                    Panache.getSession()
                                        .flatMap(
                                            s -> s.merge(tag(runId, tag.getKey(), tag.getValue())))
                                        .replaceWithVoid());
                      }
                      return chain.map(ignored -> RunRows.toRun(e));
                    }));
  }

  @Override
  public Uni<Boolean> delete(String runId) {
    // run_tags rows go with the run: their foreign key cascades.
    return vertx.transaction(() -> RunEntity.delete("runId", runId).map(deleted -> deleted > 0));
  }
}
