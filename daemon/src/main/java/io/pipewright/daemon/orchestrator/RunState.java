package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.orchestration.RunProgress;
import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the orchestrator holds for one run it drives. Owned by the loop thread. */
final class RunState {

  /** A launch answer waiting to be applied. */
  record LaunchAnswer(AttemptId attempt, LaunchResult result, Instant at) {}

  Run run;
  final ExecutionPlanSnapshot plan;
  final RunProgress progress;
  final KnownOutputs outputs;

  /** The id of the last event read. */
  long cursor;

  /** New events may be waiting in the log. */
  boolean eventsPending = true;

  /**
   * The id of the last event this daemon appended for the run. Its notification brings nothing new
   * (the view applied those events when it decided them): the events are read back with the next
   * read the run needs anyway.
   */
  long ownLastId;

  /** The run's row may have been changed by someone else (a cancel): read it again. */
  boolean reloadRun;

  /** Adopted when this daemon took over: check its live attempts against the launcher once. */
  boolean reconcile;

  /** When a time-based decision falls due; null when none. */
  Instant wakeUpAt;

  final List<AttemptStatus> statuses = new ArrayList<>();
  final List<LaunchAnswer> answers = new ArrayList<>();

  /** Attempts the launcher has reported since this daemon watches it. */
  final Set<AttemptId> reported = new HashSet<>();

  RunState(Run run, ExecutionPlanSnapshot plan, RunProgress progress) {
    this.run = run;
    this.plan = plan;
    this.progress = progress;
    this.outputs = new KnownOutputs(plan);
  }

  String runId() {
    return run.runId();
  }
}
