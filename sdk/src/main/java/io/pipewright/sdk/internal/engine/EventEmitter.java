package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.event.EventData;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.RunEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates the run's events: numbers them, stamps them with the injected clock, keeps them in order
 * and hands each to the sink. Steps on several threads emit concurrently; one lock keeps sequence
 * numbers and list order identical.
 */
public final class EventEmitter {
  private final String runId;
  private final String jobName;
  private final Clock clock;
  private final Consumer<RunEvent> sink;
  private final List<RunEvent> events = new ArrayList<>();
  private long sequence;

  /**
   * Creates an emitter.
   *
   * @param runId the run's id
   * @param jobName the job's name
   * @param clock the clock events are stamped with
   * @param sink receives each event as it is emitted, in order
   */
  public EventEmitter(String runId, String jobName, Clock clock, Consumer<RunEvent> sink) {
    this.runId = runId;
    this.jobName = jobName;
    this.clock = clock;
    this.sink = sink;
  }

  /**
   * Emits an event.
   *
   * @param type the event type
   * @param level the level
   * @param stepKey the step, or {@code null} for run events
   * @param message a human-readable message
   * @param data the typed payload, or {@code null}
   * @return the event
   */
  public synchronized RunEvent emit(
      EventType type, LogLevel level, String stepKey, String message, EventData data) {
    RunEvent event =
        new RunEvent(
            ++sequence, runId, jobName, clock.instant(), type, level, stepKey, message, data);
    events.add(event);
    sink.accept(event);
    return event;
  }

  /**
   * Emits an INFO event.
   *
   * @param type the event type
   * @param stepKey the step, or {@code null}
   * @param message the message
   * @param data the payload, or {@code null}
   * @return the event
   */
  public RunEvent info(EventType type, String stepKey, String message, EventData data) {
    return emit(type, LogLevel.INFO, stepKey, message, data);
  }

  /**
   * A snapshot of the events so far.
   *
   * @return the events in order
   */
  public synchronized List<RunEvent> events() {
    return List.copyOf(events);
  }

  /**
   * The run's id.
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }

  /**
   * The job's name.
   *
   * @return the job name
   */
  public String jobName() {
    return jobName;
  }

  /**
   * The clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }
}
