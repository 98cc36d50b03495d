package io.pipewright.core.orchestration;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.core.step.StepAttemptStateMachine;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One concrete step of a run (a plain step, or one instance of a mapped step) with its attempts.
 * Mutable, owned by one {@link RunProgress}; identity equality, so it can sit in hash sets.
 */
final class StepNode {
  final StepSnapshot template;
  final String key;
  final String mappingKey;
  final int priority;
  final String pool;

  StepStatus status = StepStatus.WAITING;
  boolean afterFailure;
  String skipReason;

  /** Upstream steps and groups not finished yet. */
  int pending;

  final List<StepNode> dependents = new ArrayList<>(2);

  /** The group of a mapped step's instance; null otherwise. */
  Group group;

  /** On success: output name to mapping keys (empty for a regular output). */
  Map<String, List<String>> produced = Map.of();

  final List<Attempt> attempts = new ArrayList<>(1);
  int retriesUsed;
  int infrastructureRetriesUsed;
  Instant retryAt;
  AttemptOrigin nextOrigin = AttemptOrigin.FIRST;

  boolean slotGranted;
  Instant readySince;
  long readySequence;

  /** Queued for the run-or-skip decision; guards against queuing twice. */
  boolean queuedToDecide;

  StepNode(StepSnapshot template, String mappingKey, int priority, String pool) {
    this.template = template;
    this.mappingKey = mappingKey;
    this.key = template.instanceKey(mappingKey);
    this.priority = priority;
    this.pool = pool;
  }

  boolean isDone() {
    return status.isTerminal();
  }

  boolean failedOrAfterFailure() {
    return status == StepStatus.FAILED || (status == StepStatus.SKIPPED && afterFailure);
  }

  boolean hasOutput(String name) {
    if (status != StepStatus.SUCCEEDED) {
      return false;
    }
    if (produced.containsKey(name)) {
      return true;
    }
    // A dynamic output with no values has no STEP_OUTPUT event: it was produced, empty.
    return template.outputs().stream().anyMatch(o -> o.dynamic() && o.name().equals(name));
  }

  Attempt lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  Attempt attempt(int number) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      Attempt attempt = attempts.get(i);
      if (attempt.number() == number) {
        return attempt;
      }
      if (attempt.number() < number) {
        return null;
      }
    }
    return null;
  }

  /** One attempt of a step. */
  static final class Attempt {
    final StepNode node;
    final AttemptId id;
    final AttemptOrigin origin;
    StepAttemptStatus status = StepAttemptStatus.PENDING_LAUNCH;

    /** When the launch was decided (or recorded, for attempts read back from the log). */
    final Instant launchedAt;

    /**
     * Whether this daemon process issued the launch; false for attempts read back after a restart.
     */
    boolean launchIssued;

    /** Outputs reported so far: name to mapping keys. */
    final Map<String, Set<String>> outputs = new LinkedHashMap<>();

    /** The launcher's report of the process's end, while EXITED. */
    AttemptStatus exit;

    /** When an EXITED attempt's outcome is decided without a final event. */
    Instant decideAt;

    Instant terminatingSince;

    /** A status showed the attempt alive after it was asked to stop: ask again. */
    boolean terminateAgain;

    /**
     * Stopped on cancel without a final event: a STEP_FAILURE (interrupt) is still to be written.
     */
    boolean interruptPending;

    Attempt(StepNode node, int number, AttemptOrigin origin, Instant launchedAt, String runId) {
      this.node = node;
      this.id = new AttemptId(runId, node.key, number);
      this.origin = origin;
      this.launchedAt = launchedAt;
    }

    int number() {
      return id.attempt();
    }

    void moveTo(StepAttemptStatus target) {
      status = StepAttemptStateMachine.transition(status, target);
    }

    Map<String, List<String>> producedOutputs() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      outputs.forEach((name, keys) -> copy.put(name, List.copyOf(keys)));
      return copy;
    }

    void recordOutput(String name, String mappingKey) {
      Set<String> keys = outputs.computeIfAbsent(name, n -> new LinkedHashSet<>());
      if (mappingKey != null) {
        keys.add(mappingKey);
      }
    }
  }

  /**
   * All instances of a mapped step; done once its dynamic step has finished and every instance is
   * done.
   */
  static final class Group {
    boolean resolved;
    boolean rootFailed;
    int pending;
    final List<StepNode> instances = new ArrayList<>();
    final List<StepNode> waiters = new ArrayList<>(1);

    boolean isDone() {
      return resolved && pending == 0;
    }
  }
}
