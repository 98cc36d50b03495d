package io.pipewright.storage.postgres.internal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work on a Vert.x context, from any thread.
 *
 * <p>Hibernate Reactive insists on a Vert.x context (its session is bound to one), and Quarkus
 * Panache on a duplicated context marked safe. Daemon loops and tests call the ports from plain
 * threads, the webserver from event loops; so every call switches onto a fresh, safe, duplicated
 * context of its own and runs one transaction there. A fresh context per call also means a call
 * never joins a session the caller happens to have open.
 */
@ApplicationScoped
public class OnVertx {

  private final Vertx vertx;

  /**
   * Creates the helper.
   *
   * @param vertx Quarkus's Vert.x instance
   */
  public OnVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Runs work in one transaction (commit on success, rollback on failure).
   *
   * @param work the work; it runs on a Vert.x context with a Panache session
   * @param <T> the result type
   * @return the result, subscribed on the context
   */
  public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
    return onContext(() -> Panache.withTransaction(work));
  }

  /**
   * Runs read-only work in a session without a transaction.
   *
   * @param work the work
   * @param <T> the result type
   * @return the result
   */
  public <T> Uni<T> session(Supplier<Uni<T>> work) {
    return onContext(() -> Panache.withSession(work));
  }

  private <T> Uni<T> onContext(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .<T>deferred(() -> work.get())
        .runSubscriptionOn(
            task -> {
              Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
              VertxContextSafetyToggle.setContextSafe(context, true);
              context.runOnContext(ignored -> task.run());
            });
  }
}
