package io.pipewright.sdk.testing;

import io.pipewright.sdk.event.EventFormatter;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assertions over an in-process run. A failed assertion prints the run's whole event log, so the
 * cause is visible without a debugger.
 *
 * <pre>{@code
 * RunAssertions.assertThat(result)
 *     .succeeded()
 *     .stepSucceeded("extract")
 *     .stepEvents("extract", STEP_START, STEP_OUTPUT, HANDLED_OUTPUT, STEP_SUCCESS)
 *     .outputEquals("load", List.of(1, 2, 3));
 * }</pre>
 */
public final class RunAssertions {
  private final ExecutionResult result;

  private RunAssertions(ExecutionResult result) {
    this.result = result;
  }

  /**
   * Starts assertions on a run.
   *
   * @param result the run
   * @return the assertions
   */
  public static RunAssertions assertThat(ExecutionResult result) {
    return new RunAssertions(Objects.requireNonNull(result, "result"));
  }

  /**
   * The run ended with RUN_SUCCESS.
   *
   * @return this
   */
  public RunAssertions succeeded() {
    if (!result.isSuccess()) {
      fail("expected the run to succeed, but steps failed: " + result.failedSteps());
    }
    return this;
  }

  /**
   * The run ended with RUN_FAILURE.
   *
   * @return this
   */
  public RunAssertions failed() {
    if (result.isSuccess()) {
      fail("expected the run to fail, but it succeeded");
    }
    return this;
  }

  /**
   * A step ended with STEP_SUCCESS.
   *
   * @param stepKey the step
   * @return this
   */
  public RunAssertions stepSucceeded(String stepKey) {
    return hasStepEvent(stepKey, EventType.STEP_SUCCESS);
  }

  /**
   * A step ended with STEP_FAILURE.
   *
   * @param stepKey the step
   * @return this
   */
  public RunAssertions stepFailed(String stepKey) {
    return hasStepEvent(stepKey, EventType.STEP_FAILURE);
  }

  /**
   * A step was skipped.
   *
   * @param stepKey the step
   * @return this
   */
  public RunAssertions stepSkipped(String stepKey) {
    return hasStepEvent(stepKey, EventType.STEP_SKIPPED);
  }

  /**
   * A step has an event of a type.
   *
   * @param stepKey the step
   * @param type the type
   * @return this
   */
  public RunAssertions hasStepEvent(String stepKey, EventType type) {
    for (RunEvent event : result.eventsForStep(stepKey)) {
      if (event.type() == type) {
        return this;
      }
    }
    fail("expected step '" + stepKey + "' to have a " + type + " event");
    return this;
  }

  /**
   * A step's events, filtered to the given types, are exactly these, in this order.
   *
   * @param stepKey the step
   * @param expected the expected types
   * @return this
   */
  public RunAssertions stepEvents(String stepKey, EventType... expected) {
    List<EventType> wanted = Arrays.asList(expected);
    List<EventType> actual = new ArrayList<>();
    for (RunEvent event : result.eventsForStep(stepKey)) {
      if (wanted.contains(event.type())) {
        actual.add(event.type());
      }
    }
    if (!actual.equals(wanted)) {
      fail("expected step '" + stepKey + "' to have events " + wanted + " but had " + actual);
    }
    return this;
  }

  /**
   * The run's events contain these types in this order (other events may come between).
   *
   * @param expected the types
   * @return this
   */
  public RunAssertions eventsInOrder(EventType... expected) {
    int i = 0;
    for (RunEvent event : result.events()) {
      if (i < expected.length && event.type() == expected[i]) {
        i++;
      }
    }
    if (i < expected.length) {
      fail(
          "expected events in order "
              + Arrays.toString(expected)
              + " but "
              + expected[i]
              + " (position "
              + i
              + ") did not follow");
    }
    return this;
  }

  /**
   * A step's output, read back through its IO manager, equals a value.
   *
   * @param stepKey the step
   * @param expected the value
   * @return this
   */
  public RunAssertions outputEquals(String stepKey, Object expected) {
    Object actual = result.outputFor(stepKey);
    if (!Objects.equals(actual, expected)) {
      fail(
          "expected output of '" + stepKey + "' to be <" + expected + "> but was <" + actual + ">");
    }
    return this;
  }

  /**
   * A step failed with an error whose message contains a text.
   *
   * @param stepKey the step
   * @param text the text
   * @return this
   */
  public RunAssertions stepFailedWith(String stepKey, String text) {
    String message =
        result
            .failureOf(stepKey)
            .map(e -> e.message())
            .orElseThrow(() -> new AssertionError(describe("step '" + stepKey + "' did not fail")));
    if (!message.contains(text)) {
      fail(
          "expected the failure of '"
              + stepKey
              + "' to mention \""
              + text
              + "\" but was: "
              + message);
    }
    return this;
  }

  private void fail(String message) {
    throw new AssertionError(describe(message));
  }

  private String describe(String message) {
    StringBuilder sb =
        new StringBuilder(message).append("\nEvent log of run ").append(result.runId());
    for (RunEvent event : result.events()) {
      sb.append("\n  ").append(EventFormatter.format(event));
    }
    return sb.toString();
  }
}
