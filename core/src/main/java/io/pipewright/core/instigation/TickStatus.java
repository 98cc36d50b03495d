package io.pipewright.core.instigation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of a tick (Dagster's {@code TickStatus}, the GraphQL {@code InstigationTickStatus}),
 * with the tick lifecycle as an explicit transition table: a tick is created {@link #STARTED} and
 * ends once, {@link #SKIPPED}, {@link #SUCCESS} or {@link #FAILURE}. A started tick may be updated
 * many times while it stays started (run ids reserved, runs submitted), which is not a transition.
 */
public enum TickStatus {
  /** Evaluating, or submitting the runs it reserved. The only status a tick is created with. */
  STARTED,
  /** Evaluated without requesting a run (with a skip reason). Terminal. */
  SKIPPED,
  /** Evaluated and every requested run submitted. Terminal. */
  SUCCESS,
  /** The evaluation or a submission failed (with the error). Terminal. */
  FAILURE;

  private static final Map<TickStatus, Set<TickStatus>> ALLOWED = table();

  private static Map<TickStatus, Set<TickStatus>> table() {
    Map<TickStatus, Set<TickStatus>> table = new EnumMap<>(TickStatus.class);
    table.put(STARTED, Collections.unmodifiableSet(EnumSet.of(SKIPPED, SUCCESS, FAILURE)));
    table.put(SKIPPED, Set.of());
    table.put(SUCCESS, Set.of());
    table.put(FAILURE, Set.of());
    return Collections.unmodifiableMap(table);
  }

  /**
   * Tells whether a tick in this status is finished.
   *
   * @return true for every status but {@link #STARTED}
   */
  public boolean isTerminal() {
    return this != STARTED;
  }

  /**
   * Tells whether a tick may move from this status to another.
   *
   * @param next the status to move to
   * @return true when the table allows {@code this -> next}
   */
  public boolean canTransitionTo(TickStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  /**
   * Lists the statuses a tick may move to from this one.
   *
   * @return an unmodifiable set; empty for terminal statuses
   */
  public Set<TickStatus> allowedTargets() {
    return ALLOWED.get(this);
  }
}
