package io.pipewright.daemon.schedule;

import io.pipewright.core.instigation.Tick;

/**
 * Points in the life of a tick where tests inject a crash (by throwing an {@link Error}, which the
 * loops do not catch: like a dead process, nothing more is written). Production uses {@link #NONE}.
 */
public interface TickHooks {

  /** No hooks. */
  TickHooks NONE = new TickHooks() {};

  /**
   * Called once the tick is stored (created, or found when resuming).
   *
   * @param tick the tick
   */
  default void afterTickCreated(Tick tick) {}

  /**
   * Called once the tick's run ids are reserved and stored, before any run is created.
   *
   * @param tick the tick
   */
  default void afterRunIdsReserved(Tick tick) {}

  /**
   * Called after each run is created and recorded on the tick.
   *
   * @param tick the tick
   * @param runId the run
   */
  default void afterRunCreated(Tick tick, String runId) {}
}
