package io.pipewright.core.run;

import static io.pipewright.core.run.RunStatus.CANCELED;
import static io.pipewright.core.run.RunStatus.CANCELING;
import static io.pipewright.core.run.RunStatus.FAILURE;
import static io.pipewright.core.run.RunStatus.MANAGED;
import static io.pipewright.core.run.RunStatus.NOT_STARTED;
import static io.pipewright.core.run.RunStatus.QUEUED;
import static io.pipewright.core.run.RunStatus.STARTED;
import static io.pipewright.core.run.RunStatus.STARTING;
import static io.pipewright.core.run.RunStatus.SUCCESS;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The run lifecycle as one explicit transition table: which {@link RunStatus} may follow which.
 *
 * <p>Only the daemon changes run state; it must go through {@link #transition} so that an illegal
 * change (a finished run restarting, a running run skipping cancellation) fails loudly instead of
 * being persisted. The table is rendered to {@code docs/diagrams/run-lifecycle.md} by {@link
 * #toMermaid()}, and a test keeps that diagram in step with this class.
 */
public final class RunStateMachine {

  /** Allowed targets per status. Every status has exactly one row; terminal rows are empty. */
  private static final Map<RunStatus, Set<RunStatus>> ALLOWED =
      table(
          // Created, not yet submitted. It is queued (the normal path), launched directly when no
          // queue applies (in-process and test launches), canceled before anything ran (no pod to
          // stop, so no CANCELING), or failed because it could not even be submitted.
          row(NOT_STARTED, QUEUED, STARTING, CANCELED, FAILURE),
          // Waiting for admission. The queue admits it (STARTING) or fails it (launch error). A
          // cancel of a run nobody picked up is immediate (CANCELED); a cancel that races with the
          // daemon's admission must first stop what the admission may have launched (CANCELING).
          row(QUEUED, STARTING, CANCELING, CANCELED, FAILURE),
          // Being launched. Execution begins (STARTED) or the launch fails. A cancel goes through
          // CANCELING once a step may have been launched, straight to CANCELED when none was.
          row(STARTING, STARTED, FAILURE, CANCELING, CANCELED),
          // Executing. It ends by its steps' outcome. Steps may be running in pods, so a cancel
          // must
          // always pass through CANCELING: going straight to CANCELED could leave pods behind.
          row(STARTED, SUCCESS, FAILURE, CANCELING),
          // Stopping its steps. It ends CANCELED once they are stopped, or FAILURE when stopping
          // fails (a pod that cannot be deleted must surface, not hang in CANCELING forever).
          row(CANCELING, CANCELED, FAILURE),
          // Run by an outside system that only reports to us: it may report progress or any end,
          // and may skip phases we never see. It never enters our queue or our cancellation.
          row(MANAGED, STARTED, SUCCESS, FAILURE, CANCELED),
          // Terminal: a finished run is history. Re-executing it creates a new run.
          row(SUCCESS),
          row(FAILURE),
          row(CANCELED));

  private RunStateMachine() {}

  /**
   * Tells whether a run may move from one status to another.
   *
   * @param from the run's current status
   * @param to the status the run would move to
   * @return {@code true} when the transition table allows {@code from -> to}
   * @throws NullPointerException when either status is {@code null}
   */
  public static boolean canTransition(RunStatus from, RunStatus to) {
    Objects.requireNonNull(from, "from: the run's current status must not be null");
    Objects.requireNonNull(to, "to: the target status must not be null");
    return ALLOWED.get(from).contains(to);
  }

  /**
   * Checks a transition and returns its target, so that callers can write {@code status =
   * RunStateMachine.transition(status, next)}.
   *
   * @param from the run's current status
   * @param to the status the run should move to
   * @return {@code to}, when the transition is allowed
   * @throws IllegalRunTransitionException when the table does not allow {@code from -> to}; its
   *     message names both statuses and lists the allowed targets
   * @throws NullPointerException when either status is {@code null}
   */
  public static RunStatus transition(RunStatus from, RunStatus to) {
    if (!canTransition(from, to)) {
      throw new IllegalRunTransitionException(from, to, ALLOWED.get(from));
    }
    return to;
  }

  /**
   * Lists the statuses a run may move to from the given one.
   *
   * @param from the run's current status
   * @return an unmodifiable set in {@link RunStatus} declaration order; empty for terminal statuses
   * @throws NullPointerException when {@code from} is {@code null}
   */
  public static Set<RunStatus> allowedFrom(RunStatus from) {
    Objects.requireNonNull(from, "from: the run's current status must not be null");
    return ALLOWED.get(from);
  }

  /**
   * Renders the transition table as a Mermaid {@code stateDiagram-v2}.
   *
   * <p>The output is deterministic (rows and targets in {@link RunStatus} declaration order, {@code
   * \n} line endings), so that it can be committed and compared. Terminal statuses point to the end
   * state {@code [*]}.
   *
   * @return the diagram source, ending with a line break
   */
  public static String toMermaid() {
    StringBuilder out = new StringBuilder(1024).append("stateDiagram-v2\n");
    for (Map.Entry<RunStatus, Set<RunStatus>> row : ALLOWED.entrySet()) {
      for (RunStatus to : row.getValue()) {
        out.append("    ").append(row.getKey()).append(" --> ").append(to).append('\n');
      }
    }
    for (RunStatus status : ALLOWED.keySet()) {
      if (status.isTerminal()) {
        out.append("    ").append(status).append(" --> [*]\n");
      }
    }
    return out.toString();
  }

  private static Map.Entry<RunStatus, Set<RunStatus>> row(RunStatus from, RunStatus... to) {
    Set<RunStatus> targets = EnumSet.noneOf(RunStatus.class);
    Collections.addAll(targets, to);
    return Map.entry(from, Collections.unmodifiableSet(targets));
  }

  /**
   * Builds the table and checks it is complete and consistent with {@link RunStatus#isTerminal()},
   * so that a new status added without a row fails at class load, not at the first transition.
   */
  @SafeVarargs
  private static Map<RunStatus, Set<RunStatus>> table(
      Map.Entry<RunStatus, Set<RunStatus>>... rows) {
    Map<RunStatus, Set<RunStatus>> table = new EnumMap<>(RunStatus.class);
    for (Map.Entry<RunStatus, Set<RunStatus>> row : rows) {
      if (table.put(row.getKey(), row.getValue()) != null) {
        throw new IllegalStateException(
            "Run transition table has two rows for " + row.getKey() + "; merge them into one.");
      }
    }
    for (RunStatus status : RunStatus.values()) {
      Set<RunStatus> targets = table.get(status);
      if (targets == null) {
        throw new IllegalStateException(
            "Run transition table has no row for "
                + status
                + "; add one to RunStateMachine (an empty row if it is terminal).");
      }
      if (status.isTerminal() != targets.isEmpty()) {
        throw new IllegalStateException(
            "Run transition table disagrees with RunStatus.isTerminal() for "
                + status
                + ": terminal statuses must have an empty row, and only they.");
      }
    }
    return Collections.unmodifiableMap(table);
  }
}
