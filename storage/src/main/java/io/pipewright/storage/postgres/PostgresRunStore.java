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
import io.pipewright.storage.postgres.internal.RunSql;
import io.pipewright.storage.postgres.internal.RunTagEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RunStore} on PostgreSQL: tables {@code runs} and {@code run_tags}. Writes go through
 * Hibernate Reactive Panache; reads ({@code find}, {@code list}, {@code count}) are plain SQL on
 * the reactive client ({@link RunSql}), the webserver's hot path.
 */
@ApplicationScoped
public class PostgresRunStore implements RunStore {

  private final OnVertx vertx;
  private final Pool pool;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its (Hibernate) writes on a Vert.x context
   * @param pool the reactive client's pool, for reads
   */
  public PostgresRunStore(OnVertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
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
    return pool.preparedQuery(RunSql.FIND)
        .execute(Tuple.of(runId))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              return it.hasNext() ? Optional.of(RunSql.read(it.next())) : Optional.empty();
            });
  }

  /**
   * One statement on the reactive client (see {@link RunSql}); only an empty page after a cursor
   * costs a second one, to tell an unknown cursor from the end of the runs.
   */
  @Override
  public Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit) {
    return Uni.createFrom()
        .item(
            () -> {
              Failures.requireLimit(limit);
              return RunSql.page(filter, afterRunId, limit);
            })
        .flatMap(statement -> pool.preparedQuery(statement.sql()).execute(statement.params()))
        .flatMap(
            rows -> {
              List<Run> page = new ArrayList<>(rows.size());
              for (Row row : rows) {
                page.add(RunSql.read(row));
              }
              if (!page.isEmpty() || afterRunId == null) {
                return Uni.createFrom().item(page);
              }
              return pool.preparedQuery(RunSql.EXISTS)
                  .execute(Tuple.of(afterRunId))
                  .map(
                      found -> {
                        if (found.size() == 0) {
                          throw Failures.unknownRunCursor(afterRunId);
                        }
                        return page;
                      });
            });
  }

  @Override
  public Uni<Long> count(RunFilter filter) {
    return Uni.createFrom()
        .item(() -> RunSql.count(filter))
        .flatMap(statement -> pool.preparedQuery(statement.sql()).execute(statement.params()))
        .map(rows -> rows.iterator().next().getLong(0));
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
