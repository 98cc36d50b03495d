package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.orchestration.RunProgress;
import io.pipewright.core.orchestration.StepView;
import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** What the orchestrator holds for one run it drives. Owned by the loop thread. */
final class RunState {

  private static final Logger LOG = Logger.getLogger(RunState.class);

  /** Own appends remembered per run: the parts of a big decision, with room to spare. */
  private static final int OWN_IDS = 64;

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

  /**
   * A decision's events are on their way to the log: the run is not decided again until they are
   * stored and the decision carried out.
   */
  boolean committing;

  /** News arrived while committing: drive the run once the decision is carried out. */
  boolean deferred;

  /**
   * A read of the run's new events is on its way: the run is not read again, nor decided, until it
   * is answered (then it is decided at once).
   */
  boolean reading;

  /**
   * The ids notified for the run while a read or a commit was on its way (its own append's among
   * them, maybe): whether they bring anything new is known once it is answered.
   */
  final List<Long> notifiedMeanwhile = new ArrayList<>();

  /**
   * The ids of the last events of this daemon's latest appends for the run, one per append (a big
   * decision is appended in parts, each notified): their notifications bring nothing new.
   */
  private final ArrayDeque<Long> ownIds = new ArrayDeque<>();

  /** The run's row may have been changed by someone else (a cancel): read it again. */
  boolean reloadRun;

  /** Adopted when this daemon took over: check its live attempts against the launcher once. */
  boolean reconcile;

  /** When a time-based decision falls due; null when none. */
  Instant wakeUpAt;

  final List<AttemptStatus> statuses = new ArrayList<>();
  final List<LaunchAnswer> answers = new ArrayList<>();

  /** Attempts whose worker may be running: launched, and not reported ended. */
  final RunningWorkers workersRunning = new RunningWorkers();

  /** The run's end, held until its workers exited ({@link EndGate}); null when none is. */
  EndGate.Held heldEnd;

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

  /**
   * Records an append of this daemon's for the run, stored.
   *
   * @param lastId the id of the run's last event in it
   */
  void stored(long lastId) {
    if (lastId > ownLastId) {
      ownLastId = lastId;
    }
    ownIds.addLast(lastId);
    while (ownIds.size() > OWN_IDS) {
      ownIds.removeFirst();
    }
  }

  /**
   * Tells whether a notified id is that of one of this daemon's own appends.
   *
   * @param notified the id notified
   * @return true when it is
   */
  boolean isOwn(long notified) {
    return notified > 0 && (notified == ownLastId || ownIds.contains(notified));
  }

  /**
   * Takes the notifications that arrived while a read or a commit was on its way: one that is
   * neither this daemon's own append nor read already means new events to read.
   */
  void takeNotified() {
    for (long notified : notifiedMeanwhile) {
      if (!isOwn(notified) && (notified <= 0 || notified > cursor)) {
        eventsPending = true; // Someone else's events: read them.
      }
    }
    notifiedMeanwhile.clear();
  }

  /**
   * After a takeover: the running attempts that the launcher's replay did not report are gone;
   * reports them {@link AttemptFailureReason#LOST} (an infrastructure failure).
   *
   * @param now the time of the report
   */
  void reportLost(Instant now) {
    for (AttemptId id : progress.liveAttempts()) {
      if (reported.contains(id)) {
        continue;
      }
      Optional<StepView> step = progress.step(id.stepKey());
      boolean running =
          step.isPresent()
              && step.get().attempts().size() == id.attempt()
              && step.get().attempts().get(id.attempt() - 1) == StepAttemptStatus.RUNNING;
      if (running) {
        LOG.warnf("%s ran under the previous daemon and the launcher no longer knows it", id);
        progress.apply(
            AttemptStatus.failed(
                id,
                now,
                AttemptFailureReason.LOST,
                null,
                "the launcher does not know this attempt after the daemon took over: its process"
                    + " or pod is gone",
                List.of()));
      }
    }
  }
}
