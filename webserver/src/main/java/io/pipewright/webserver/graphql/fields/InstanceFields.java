package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.pool.PoolStore;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.InstanceViews;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The instance's root fields: {@code instance}, and the mutations of op concurrency pools. The
 * mutations answer {@code Boolean!} as Dagster's do; a bad argument is a GraphQL error naming it.
 */
@ApplicationScoped
public class InstanceFields implements RootFields {

  private final InstanceViews views;
  private final PoolStore pools;

  /**
   * Creates the fields.
   *
   * @param views the instance's GraphQL objects
   * @param pools the op concurrency pools
   */
  @Inject
  public InstanceFields(InstanceViews views, PoolStore pools) {
    this.views = views;
    this.pools = pools;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query("instance", env -> views.instance())
        .mutation(
            "setConcurrencyLimit",
            env -> setLimit(env.getArgument("concurrencyKey"), env.getArgument("limit")))
        .mutation(
            "deleteConcurrencyLimit",
            env -> {
              Await.of(pools.deleteLimit(key(env.getArgument("concurrencyKey"))));
              return true;
            })
        .mutation(
            "freeConcurrencySlotsForRun",
            env -> {
              Await.of(pools.freeRun(runId(env.getArgument("runId"))));
              return true;
            })
        .mutation(
            "freeConcurrencySlots",
            env -> {
              String runId = runId(env.getArgument("runId"));
              String stepKey = env.getArgument("stepKey");
              Await.of(stepKey == null ? pools.freeRun(runId) : pools.free(runId, stepKey));
              return true;
            });
  }

  private boolean setLimit(String key, int limit) {
    if (limit < InstanceViews.MIN_POOL_LIMIT || limit > InstanceViews.MAX_POOL_LIMIT) {
      throw new BadArgumentException(
          "limit of pool '"
              + key
              + "' must be "
              + InstanceViews.MIN_POOL_LIMIT
              + " to "
              + InstanceViews.MAX_POOL_LIMIT
              + " (0 pauses the pool), got "
              + limit);
    }
    Await.of(pools.setLimit(key(key), limit));
    return true;
  }

  private static String key(String key) {
    if (key == null || key.isBlank()) {
      throw new BadArgumentException("concurrencyKey must name a pool; got a blank key");
    }
    return key;
  }

  private static String runId(String runId) {
    if (runId == null || runId.isBlank()) {
      throw new BadArgumentException("runId must be a run's id; got a blank one");
    }
    return runId;
  }
}
