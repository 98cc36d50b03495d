package io.pipewright.webserver.run;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's statistics and per-step outcomes, derived from its events (Dagster's {@code
 * RunStatsSnapshot} and {@code RunStepStats}). Pure: feed it the run's events in order.
 */
public final class RunEventSummary {

  /** How a step ended (Dagster's {@code StepEventStatus}). */
  public enum StepStatus {
    /** Skipped. */
    SKIPPED,
    /** Succeeded. */
    SUCCESS,
    /** Failed for good. */
    FAILURE,
    /** Started and not ended yet (or up for retry). */
    IN_PROGRESS
  }

  /**
   * One attempt of a step: from its start to its end (success, failure or retry).
   *
   * @param start when it started; null when unknown
   * @param end when it ended; null while it runs
   */
  public record Attempt(Instant start, Instant end) {}

  /** One step's outcome so far. */
  public static final class Step {
    private final String key;
    private StepStatus status;
    private Instant start;
    private Instant end;
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<StoredEvent> materializations = new ArrayList<>();
    private final List<StoredEvent> expectations = new ArrayList<>();

    Step(String key) {
      this.key = key;
    }

    /**
     * Returns the step key.
     *
     * @return the key
     */
    public String key() {
      return key;
    }

    /**
     * Returns how the step ended, or null when it has no status event yet.
     *
     * @return the status
     */
    public StepStatus status() {
      return status;
    }

    /**
     * Returns when the step first started.
     *
     * @return the time, or null
     */
    public Instant start() {
      return start;
    }

    /**
     * Returns when the step ended.
     *
     * @return the time, or null
     */
    public Instant end() {
      return end;
    }

    /**
     * Returns the step's attempts, in order.
     *
     * @return the attempts
     */
    public List<Attempt> attempts() {
      return List.copyOf(attempts);
    }

    /**
     * Returns the step's materialization events.
     *
     * @return the events
     */
    public List<StoredEvent> materializations() {
      return List.copyOf(materializations);
    }

    /**
     * Returns the step's expectation events.
     *
     * @return the events
     */
    public List<StoredEvent> expectations() {
      return List.copyOf(expectations);
    }

    private void endAttempt(Instant at) {
      if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).end() == null) {
        Attempt open = attempts.remove(attempts.size() - 1);
        attempts.add(new Attempt(open.start(), at));
      }
    }
  }

  private int stepsSucceeded;
  private int stepsFailed;
  private int materializations;
  private int expectations;
  private Instant enqueued;
  private Instant launched;
  private Instant started;
  private Instant ended;
  private final Map<String, Step> steps = new LinkedHashMap<>();

  /**
   * Adds the next event of the run.
   *
   * @param stored the event
   */
  public void add(StoredEvent stored) {
    EventRecord event = stored.event();
    Instant at = event.timestamp();
    switch (event.type()) {
      case RUN_ENQUEUED -> enqueued = at;
      case RUN_STARTING -> launched = at;
      case RUN_START -> started = at;
      case RUN_SUCCESS, RUN_FAILURE, RUN_CANCELED -> ended = at;
      default -> {}
    }
    if (event.stepKey() == null) {
      return;
    }
    Step step = steps.computeIfAbsent(event.stepKey(), Step::new);
    DagsterEventType type = event.type();
    switch (type) {
      case STEP_START -> {
        step.status = StepStatus.IN_PROGRESS;
        if (step.start == null) {
          step.start = at;
        }
        step.attempts.add(new Attempt(at, null));
      }
      case STEP_UP_FOR_RETRY -> {
        step.status = StepStatus.IN_PROGRESS;
        step.endAttempt(at);
      }
      case STEP_SUCCESS -> {
        step.status = StepStatus.SUCCESS;
        step.end = at;
        step.endAttempt(at);
        stepsSucceeded++;
      }
      case STEP_FAILURE -> {
        step.status = StepStatus.FAILURE;
        step.end = at;
        step.endAttempt(at);
        stepsFailed++;
      }
      case STEP_SKIPPED -> {
        step.status = StepStatus.SKIPPED;
        step.end = at;
      }
      case ASSET_MATERIALIZATION -> {
        step.materializations.add(stored);
        materializations++;
      }
      case STEP_EXPECTATION_RESULT -> {
        step.expectations.add(stored);
        expectations++;
      }
      default -> {}
    }
  }

  /**
   * Returns how many steps succeeded.
   *
   * @return the count
   */
  public int stepsSucceeded() {
    return stepsSucceeded;
  }

  /**
   * Returns how many steps failed for good.
   *
   * @return the count
   */
  public int stepsFailed() {
    return stepsFailed;
  }

  /**
   * Returns how many materializations the run reported.
   *
   * @return the count
   */
  public int materializations() {
    return materializations;
  }

  /**
   * Returns how many expectation results the run reported.
   *
   * @return the count
   */
  public int expectations() {
    return expectations;
  }

  /**
   * Returns when the run was queued.
   *
   * @return the time, or null
   */
  public Instant enqueued() {
    return enqueued;
  }

  /**
   * Returns when the run was launched.
   *
   * @return the time, or null
   */
  public Instant launched() {
    return launched;
  }

  /**
   * Returns when the run started executing.
   *
   * @return the time, or null
   */
  public Instant started() {
    return started;
  }

  /**
   * Returns when the run ended.
   *
   * @return the time, or null
   */
  public Instant ended() {
    return ended;
  }

  /**
   * Returns the steps that have events, in the order they first appeared.
   *
   * @return the steps
   */
  public List<Step> steps() {
    return List.copyOf(steps.values());
  }
}
