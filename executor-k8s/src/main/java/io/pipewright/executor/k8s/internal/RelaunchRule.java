package io.pipewright.executor.k8s.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a launch the launcher's book does not know may create the attempt's pod: the decision
 * that keeps a restarted launcher from running a step twice. Pure: the facts in (the launcher's
 * start and the run's, both from injected clocks; what the API server and the event log said so
 * far), the next thing to do out; {@link RelaunchCheck} gathers the facts it asks for.
 *
 * <p>The launcher remembers the attempts it created in memory only. After a restart (a new daemon,
 * or this daemon leading again) a launch of an attempt recorded earlier reaches a launcher that
 * does not know it. If its pod still exists, the informer shows it (and the create answers
 * AlreadyExists); if someone deleted it before the new launcher listed the pods, nothing in
 * Kubernetes tells that it ever existed. Only the event log does: the step worker stores {@code
 * STEP_WORKER_STARTED} before it runs any of the step's code.
 *
 * <table>
 *   <caption>The cases, in the order they are decided</caption>
 *   <tr><th>run started before the launcher</th><th>pod (read from the API server)</th>
 *       <th>worker reported (event log, read after the pod)</th><th>verdict</th></tr>
 *   <tr><td>no (not started, or started since)</td><td>-</td><td>-</td><td>{@link Verdict#CREATE}:
 *       the daemon moves a run to STARTED before it launches any of its steps, so only this
 *       launcher can have created the attempt's pod, and its book would know it</td></tr>
 *   <tr><td>yes</td><td>not read</td><td>-</td><td>{@link Verdict#READ_POD}</td></tr>
 *   <tr><td>yes</td><td>present, this attempt's</td><td>-</td><td>{@link Verdict#ADOPT}: launched,
 *       no create; the informer reports it</td></tr>
 *   <tr><td>yes</td><td>present, another attempt's</td><td>-</td><td>{@link Verdict#CREATE}: the
 *       create answers AlreadyExists and reports the name collision</td></tr>
 *   <tr><td>yes</td><td>absent</td><td>not asked</td><td>{@link Verdict#ASK_WORKER}</td></tr>
 *   <tr><td>yes</td><td>absent</td><td>nothing</td><td>{@link Verdict#CREATE}: the step's code
 *       never ran, and no pod of it can run any more</td></tr>
 *   <tr><td>yes</td><td>absent</td><td>something</td><td>{@link Verdict#LOST}: the pod was deleted
 *       while its worker ran; never a second pod</td></tr>
 *   <tr><td>yes</td><td>absent</td><td>cannot tell (no history, the read failed)</td>
 *       <td>{@link Verdict#REFUSE}: not created, the launch is rejected</td></tr>
 * </table>
 *
 * <p>The pod is read before the event log, never after: a pod absent at the read cannot come back
 * (only the launcher creates it), so a worker acknowledged before it went away is in the log when
 * the log is read. Read the other way round, a worker acknowledged between the two reads would be
 * missed.
 */
public final class RelaunchRule {

  /** What the API server said of the attempt's pod. */
  public enum Pod {
    /** Not read yet. */
    NOT_READ,
    /** It exists, with this attempt's run, step, attempt and instance. */
    PRESENT,
    /** A pod of that name exists for something else (a hash collision). */
    OTHER_ATTEMPT,
    /** There is none. */
    ABSENT
  }

  /** What the event log said of the attempt's worker. */
  public enum Worker {
    /** Not asked yet. */
    NOT_ASKED,
    /** Some event of the attempt's worker is stored. */
    REPORTED,
    /** No event of the attempt's worker is stored. */
    SILENT,
    /** It cannot be told: no history was given to the launcher, or reading it failed. */
    UNKNOWN
  }

  /** What to do next. */
  public enum Verdict {
    /** Create the pod (the usual path: AlreadyExists still counts as launched). */
    CREATE,
    /** Read the attempt's pod from the API server, then decide again. */
    READ_POD,
    /** Ask the event log whether the attempt's worker reported, then decide again. */
    ASK_WORKER,
    /** The pod exists: launched, without a create. */
    ADOPT,
    /** The pod is gone after its worker reported: launched, and reported {@code LOST}. */
    LOST,
    /** Whether the step ran cannot be told: nothing is created, the launch is rejected. */
    REFUSE;

    /** Whether the decision is made (the check is over). */
    public boolean isFinal() {
      return this != READ_POD && this != ASK_WORKER;
    }
  }

  /**
   * What is known when deciding.
   *
   * @param launcherStartedAt when this launcher started (before its informer listed the pods)
   * @param runStartedAt when the attempt's run became STARTED; null when it has not, or the run
   *     lookup does not say
   * @param pod what the API server said of the pod
   * @param worker what the event log said of the worker
   */
  public record Facts(Instant launcherStartedAt, Instant runStartedAt, Pod pod, Worker worker) {

    /** Validates the components. */
    public Facts {
      Objects.requireNonNull(launcherStartedAt, "launcherStartedAt");
      Objects.requireNonNull(pod, "pod");
      Objects.requireNonNull(worker, "worker");
    }

    /**
     * The facts before anything was read.
     *
     * @param launcherStartedAt when this launcher started
     * @param runStartedAt when the run started, or null
     * @return the facts
     */
    public static Facts of(Instant launcherStartedAt, Instant runStartedAt) {
      return new Facts(launcherStartedAt, runStartedAt, Pod.NOT_READ, Worker.NOT_ASKED);
    }

    /**
     * These facts, with the pod read.
     *
     * @param read what the API server said
     * @return the facts
     */
    public Facts withPod(Pod read) {
      return new Facts(launcherStartedAt, runStartedAt, read, worker);
    }

    /**
     * These facts, with the worker asked about.
     *
     * @param asked what the event log said
     * @return the facts
     */
    public Facts withWorker(Worker asked) {
      return new Facts(launcherStartedAt, runStartedAt, pod, asked);
    }
  }

  private RelaunchRule() {}

  /**
   * Decides the next thing to do (the table above).
   *
   * @param facts what is known
   * @return the verdict
   * @throws IllegalStateException when the worker was asked about before the pod was read, or about
   *     a pod that exists: the facts were gathered in the wrong order
   */
  public static Verdict decide(Facts facts) {
    if (facts.runStartedAt() == null || !facts.runStartedAt().isBefore(facts.launcherStartedAt())) {
      return Verdict.CREATE;
    }
    if (facts.worker() != Worker.NOT_ASKED && facts.pod() != Pod.ABSENT) {
      throw new IllegalStateException(
          "the worker's reports are read only after the pod was read and found absent, got "
              + facts);
    }
    return switch (facts.pod()) {
      case NOT_READ -> Verdict.READ_POD;
      case PRESENT -> Verdict.ADOPT;
      case OTHER_ATTEMPT -> Verdict.CREATE;
      case ABSENT ->
          switch (facts.worker()) {
            case NOT_ASKED -> Verdict.ASK_WORKER;
            case SILENT -> Verdict.CREATE;
            case REPORTED -> Verdict.LOST;
            case UNKNOWN -> Verdict.REFUSE;
          };
    };
  }
}
