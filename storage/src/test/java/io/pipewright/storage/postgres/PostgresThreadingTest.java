package io.pipewright.storage.postgres;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static io.pipewright.storage.contract.Fixtures.logBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.Fixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL adapters serve callers on any thread: Vert.x event loops (the webserver), Vert.x
 * workers, and plain threads (daemon loops); and notifications survive a lost connection.
 */
@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresThreadingTest {

  @Inject RunStore runs;
  @Inject EventLog events;
  @Inject InstigatorStore instigators;
  @Inject Vertx vertx;
  @Inject Pool pool;
  @Inject Tables tables;

  @BeforeEach
  void empty() {
    tables.truncate();
  }

  private static Run run(String id) {
    return Fixtures.run(id, "orders", RunStatus.QUEUED, 0).build();
  }

  /** Subscribes to the port's result on an event loop, as a GraphQL resolver would. */
  private <T> T onEventLoop(Supplier<Uni<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(
        ignored -> call.get().subscribe().with(result::complete, result::completeExceptionally));
    return result.get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldServeEveryAdapterKindWhenCalledFromAnEventLoop() throws Exception {
    assertThat(onEventLoop(() -> runs.add(run("loop")))).isEqualTo(run("loop"));
    assertThat(onEventLoop(() -> runs.find("loop"))).contains(run("loop"));
    assertThat(onEventLoop(() -> events.ingest(logBatch("loop", "s", 1, 0, 2))).accepted())
        .isEqualTo(3);
    assertThat(
            onEventLoop(
                    () ->
                        instigators.updateState(
                            InstigatorSelector.of("etl", "daily"),
                            InstigatorType.SCHEDULE,
                            at(0),
                            s -> s.withStatus(InstigatorStatus.RUNNING, at(1))))
                .status())
        .isEqualTo(InstigatorStatus.RUNNING);
  }

  @Test
  void shouldServeCallsWhenAwaitedOnAVertxWorker() throws Exception {
    CompletableFuture<Run> result = new CompletableFuture<>();
    vertx
        .executeBlocking(
            () -> {
              await(runs.add(run("worker")));
              return await(runs.find("worker")).orElseThrow();
            },
            false)
        .onComplete(
            done -> {
              if (done.succeeded()) {
                result.complete(done.result());
              } else {
                result.completeExceptionally(done.cause());
              }
            });

    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(run("worker"));
  }

  @Test
  void shouldServeCallsWhenAwaitedOnAPlainThread() throws Exception {
    CompletableFuture<Run> result = new CompletableFuture<>();
    Thread daemonLoop =
        new Thread(
            () -> {
              try {
                await(runs.add(run("plain")));
                result.complete(
                    await(runs.transition("plain", RunStatus.QUEUED, RunStatus.STARTING, at(1))));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    daemonLoop.start();

    assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.STARTING);
  }

  @Test
  void shouldKeepNotifyingWhenTheListeningConnectionIsKilled() throws Exception {
    AssertSubscriber<RunEventsAppended> listener =
        events.appended().subscribe().withSubscriber(AssertSubscriber.create(100));

    List<Integer> listeners = new ArrayList<>();
    await(
            pool.query(
                    "SELECT pid FROM pg_stat_activity"
                        + " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
                .execute())
        .forEach(row -> listeners.add(row.getInteger("pid")));
    long killed = listeners.size();
    for (int pid : listeners) {
      await(pool.query("SELECT pg_terminate_backend(" + pid + ")").execute());
    }
    // A terminated backend lingers in pg_stat_activity for a moment, so wait for a new one.
    waitForListener(listeners);
    await(events.ingest(logBatch("after-kill", "s", 1, 0, 0)));

    listener.awaitItems(1, Duration.ofSeconds(10));
    assertThat(killed).isEqualTo(1);
    assertThat(listener.getItems()).extracting(RunEventsAppended::runId).contains("after-kill");
    listener.cancel();
  }

  /** Waits until the subscriber's connection is back and listening. */
  private void waitForListener(List<Integer> killedPids) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      long sessions = 0;
      for (var row :
          await(
              pool.query(
                      "SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                          + " AND state = 'idle'")
                  .execute())) {
        if (!killedPids.contains(row.getInteger("pid"))) {
          sessions++;
        }
      }
      if (sessions > 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The event notification connection did not come back in 20 s");
  }
}
