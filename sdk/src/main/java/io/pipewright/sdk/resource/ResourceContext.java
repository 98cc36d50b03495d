package io.pipewright.sdk.resource;

import io.pipewright.sdk.OpLogger;

/**
 * What a resource sees while it is set up: its key, the run, its config and a logger. Config values
 * given as {@code {"env": "NAME"}} are already resolved here; they never appear in the run's stored
 * config or in logs.
 */
public interface ResourceContext {
  /**
   * The key the resource is bound to.
   *
   * @return the key
   */
  String resourceKey();

  /**
   * The run's id.
   *
   * @return the run id
   */
  String runId();

  /**
   * The resource's config, converted to the record class it declared.
   *
   * @return the config object, the raw tree for a schema-only resource, or {@code null}
   */
  Object config();

  /**
   * The resource's config converted to a class.
   *
   * @param type the config record class
   * @param <C> the config type
   * @return the config object
   */
  <C> C config(Class<C> type);

  /**
   * A logger whose lines go to the event log of the step (or run) being set up.
   *
   * @return the logger
   */
  OpLogger log();
}
