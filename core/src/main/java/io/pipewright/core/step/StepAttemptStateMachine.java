package io.pipewright.core.step;

import static io.pipewright.core.step.StepAttemptStatus.EXITED;
import static io.pipewright.core.step.StepAttemptStatus.FAILED;
import static io.pipewright.core.step.StepAttemptStatus.INFRA_FAILED;
import static io.pipewright.core.step.StepAttemptStatus.LAUNCHED;
import static io.pipewright.core.step.StepAttemptStatus.PENDING_LAUNCH;
import static io.pipewright.core.step.StepAttemptStatus.RUNNING;
import static io.pipewright.core.step.StepAttemptStatus.SUCCEEDED;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATED;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATING;
import static io.pipewright.core.step.StepAttemptStatus.UP_FOR_RETRY;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The step attempt lifecycle as one explicit transition table: which {@link StepAttemptStatus} may
 * follow which.
 *
 * <p>Two sources move an attempt: the worker's events (the truth about the step's outcome) and the
 * launcher's reports (the truth about the process). Events may overtake reports, so the table lets
 * a final event arrive in any live status. The daemon consults {@link #transition} before every
 * change; the table is rendered to {@code docs/diagrams/step-attempt-lifecycle.md} by {@link
 * #toMermaid()}, and a test keeps that diagram in step with this class.
 */
public final class StepAttemptStateMachine {

  private static final Map<StepAttemptStatus, Set<StepAttemptStatus>> ALLOWED =
      table(
          // Recorded, not confirmed by the launcher. The launcher confirms it (LAUNCHED), or the
          // worker's first event or final event overtakes the confirmation. The launcher may report
          // its end at once (a rejected launch: EXITED, decided right away as nothing ran). It
          // never
          // started in time: INFRA_FAILED (start timeout). A cancel stops it (TERMINATING), since
          // the launch may have happened before a daemon restart.
          row(
              PENDING_LAUNCH,
              LAUNCHED,
              RUNNING,
              EXITED,
              TERMINATING,
              SUCCEEDED,
              FAILED,
              UP_FOR_RETRY,
              INFRA_FAILED),
          // Created, waiting for a node or an image. The same ways out as above.
          row(
              LAUNCHED,
              RUNNING,
              EXITED,
              TERMINATING,
              SUCCEEDED,
              FAILED,
              UP_FOR_RETRY,
              INFRA_FAILED),
          // Running. It ends by its final event, or its process ends first (EXITED), or a cancel
          // stops it. Infrastructure ends of a running attempt go through EXITED too, so that a
          // final event already on its way still wins.
          row(RUNNING, EXITED, TERMINATING, SUCCEEDED, FAILED, UP_FOR_RETRY),
          // The process ended; waiting for the final event. It arrives (SUCCEEDED, FAILED,
          // UP_FOR_RETRY), or the grace period ends and the daemon decides from the launcher's
          // reason: the op's retry policy (UP_FOR_RETRY or FAILED) or the infrastructure budget
          // (INFRA_FAILED). A cancel has nothing left to stop (TERMINATED).
          row(EXITED, SUCCEEDED, FAILED, UP_FOR_RETRY, INFRA_FAILED, TERMINATED),
          // Being stopped. It stops (TERMINATED), or its final event arrives first.
          row(TERMINATING, TERMINATED, SUCCEEDED, FAILED, UP_FOR_RETRY),
          // Terminal: a retry is a new attempt with the next number.
          row(SUCCEEDED),
          row(FAILED),
          row(UP_FOR_RETRY),
          row(INFRA_FAILED),
          row(TERMINATED));

  private StepAttemptStateMachine() {}

  /**
   * Tells whether an attempt may move from one status to another.
   *
   * @param from the attempt's current status
   * @param to the status it would move to
   * @return {@code true} when the table allows {@code from -> to}
   * @throws NullPointerException when either status is {@code null}
   */
  public static boolean canTransition(StepAttemptStatus from, StepAttemptStatus to) {
    Objects.requireNonNull(from, "from: the attempt's current status must not be null");
    Objects.requireNonNull(to, "to: the target status must not be null");
    return ALLOWED.get(from).contains(to);
  }

  /**
   * Checks a transition and returns its target.
   *
   * @param from the attempt's current status
   * @param to the status it should move to
   * @return {@code to}, when the transition is allowed
   * @throws IllegalStepAttemptTransitionException when the table does not allow {@code from -> to}
   * @throws NullPointerException when either status is {@code null}
   */
  public static StepAttemptStatus transition(StepAttemptStatus from, StepAttemptStatus to) {
    if (!canTransition(from, to)) {
      throw new IllegalStepAttemptTransitionException(from, to, ALLOWED.get(from));
    }
    return to;
  }

  /**
   * Lists the statuses an attempt may move to from the given one.
   *
   * @param from the attempt's current status
   * @return an unmodifiable set in declaration order; empty for terminal statuses
   * @throws NullPointerException when {@code from} is {@code null}
   */
  public static Set<StepAttemptStatus> allowedFrom(StepAttemptStatus from) {
    Objects.requireNonNull(from, "from: the attempt's current status must not be null");
    return ALLOWED.get(from);
  }

  /**
   * Renders the table as a Mermaid {@code stateDiagram-v2}: deterministic (declaration order,
   * {@code \n} line endings), terminal statuses pointing to {@code [*]}.
   *
   * @return the diagram source, ending with a line break
   */
  public static String toMermaid() {
    StringBuilder out = new StringBuilder(2048).append("stateDiagram-v2\n");
    out.append("    [*] --> ").append(PENDING_LAUNCH).append('\n');
    for (Map.Entry<StepAttemptStatus, Set<StepAttemptStatus>> row : ALLOWED.entrySet()) {
      for (StepAttemptStatus to : row.getValue()) {
        out.append("    ").append(row.getKey()).append(" --> ").append(to).append('\n');
      }
    }
    for (StepAttemptStatus status : ALLOWED.keySet()) {
      if (status.isTerminal()) {
        out.append("    ").append(status).append(" --> [*]\n");
      }
    }
    return out.toString();
  }

  private static Map.Entry<StepAttemptStatus, Set<StepAttemptStatus>> row(
      StepAttemptStatus from, StepAttemptStatus... to) {
    Set<StepAttemptStatus> targets = EnumSet.noneOf(StepAttemptStatus.class);
    Collections.addAll(targets, to);
    return Map.entry(from, Collections.unmodifiableSet(targets));
  }

  /**
   * Builds the table and checks it is complete and agrees with {@link
   * StepAttemptStatus#isTerminal()}.
   */
  @SafeVarargs
  private static Map<StepAttemptStatus, Set<StepAttemptStatus>> table(
      Map.Entry<StepAttemptStatus, Set<StepAttemptStatus>>... rows) {
    Map<StepAttemptStatus, Set<StepAttemptStatus>> table = new EnumMap<>(StepAttemptStatus.class);
    for (Map.Entry<StepAttemptStatus, Set<StepAttemptStatus>> row : rows) {
      if (table.put(row.getKey(), row.getValue()) != null) {
        throw new IllegalStateException(
            "Step attempt transition table has two rows for " + row.getKey() + "; merge them.");
      }
    }
    for (StepAttemptStatus status : StepAttemptStatus.values()) {
      Set<StepAttemptStatus> targets = table.get(status);
      if (targets == null) {
        throw new IllegalStateException(
            "Step attempt transition table has no row for "
                + status
                + "; add one to StepAttemptStateMachine (an empty row if it is terminal).");
      }
      if (status.isTerminal() != targets.isEmpty()) {
        throw new IllegalStateException(
            "Step attempt transition table disagrees with StepAttemptStatus.isTerminal() for "
                + status
                + ": terminal statuses must have an empty row, and only they.");
      }
    }
    return Collections.unmodifiableMap(table);
  }
}
