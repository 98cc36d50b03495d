package io.pipewright.sdk.testing;

import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.SensorEvaluation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assertions over the evaluation of a schedule or sensor tick. A failed assertion prints the whole
 * evaluation, and the user's error with its stack when the tick failed unexpectedly.
 *
 * <pre>{@code
 * EvaluationAssertions.assertThat(SensorTester.evaluate(newFiles, clock, null))
 *     .succeeded()
 *     .requestedRunKeys("a.csv", "b.csv")
 *     .hasCursor("b.csv");
 * EvaluationAssertions.assertThat(ScheduleTester.evaluate(holidays, christmas))
 *     .skippedWith("holiday");
 * }</pre>
 */
public final class EvaluationAssertions {
  private final Object evaluation;
  private final List<RunRequest> runRequests;
  private final String skipReason;
  private final ErrorInfo error;
  private final boolean hasCursor;
  private final String cursor;
  private final List<DynamicPartitionsRequest> dynamicPartitionsRequests;

  private EvaluationAssertions(
      Object evaluation,
      List<RunRequest> runRequests,
      String skipReason,
      ErrorInfo error,
      boolean hasCursor,
      String cursor,
      List<DynamicPartitionsRequest> dynamicPartitionsRequests) {
    this.evaluation = evaluation;
    this.runRequests = runRequests;
    this.skipReason = skipReason;
    this.error = error;
    this.hasCursor = hasCursor;
    this.cursor = cursor;
    this.dynamicPartitionsRequests = dynamicPartitionsRequests;
  }

  /**
   * Starts assertions on a schedule's tick.
   *
   * @param evaluation the evaluation
   * @return the assertions
   */
  public static EvaluationAssertions assertThat(ScheduleEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    return new EvaluationAssertions(
        evaluation,
        evaluation.runRequests(),
        evaluation.skipReason().orElse(null),
        evaluation.error().orElse(null),
        false,
        null,
        List.of());
  }

  /**
   * Starts assertions on a sensor's tick.
   *
   * @param evaluation the evaluation
   * @return the assertions
   */
  public static EvaluationAssertions assertThat(SensorEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    return new EvaluationAssertions(
        evaluation,
        evaluation.runRequests(),
        evaluation.skipReason().orElse(null),
        evaluation.error().orElse(null),
        true,
        evaluation.cursor().orElse(null),
        evaluation.dynamicPartitionsRequests());
  }

  /**
   * The evaluation did not fail.
   *
   * @return this
   */
  public EvaluationAssertions succeeded() {
    if (error != null) {
      fail("expected the tick not to fail, but it did:\n" + error.toDisplayString());
    }
    return this;
  }

  /**
   * The evaluation failed with an error whose message contains a text.
   *
   * @param messagePart the expected part of the message
   * @return this
   */
  public EvaluationAssertions failedWith(String messagePart) {
    if (error == null) {
      fail("expected the tick to fail with '" + messagePart + "', but it did not fail");
    } else if (!error.message().contains(messagePart)) {
      fail("expected the tick's error to contain '" + messagePart + "', got: " + error.message());
    }
    return this;
  }

  /**
   * The tick launches nothing and did not fail.
   *
   * @return this
   */
  public EvaluationAssertions skipped() {
    succeeded();
    if (!runRequests.isEmpty()) {
      fail("expected the tick to be skipped, but it requested " + runRequests.size() + " runs");
    }
    return this;
  }

  /**
   * The tick was skipped with a reason containing a text.
   *
   * @param reasonPart the expected part of the reason
   * @return this
   */
  public EvaluationAssertions skippedWith(String reasonPart) {
    skipped();
    if (skipReason == null || !skipReason.contains(reasonPart)) {
      fail("expected a skip reason containing '" + reasonPart + "', got " + skipReason);
    }
    return this;
  }

  /**
   * The tick requested exactly this many runs.
   *
   * @param count the number of run requests
   * @return this
   */
  public EvaluationAssertions requestedRuns(int count) {
    succeeded();
    if (runRequests.size() != count) {
      fail("expected " + count + " run requests, got " + runRequests.size());
    }
    return this;
  }

  /**
   * The tick requested runs with exactly these run keys, in this order.
   *
   * @param runKeys the run keys
   * @return this
   */
  public EvaluationAssertions requestedRunKeys(String... runKeys) {
    succeeded();
    List<String> actual = runRequests.stream().map(RunRequest::runKey).toList();
    if (!actual.equals(Arrays.asList(runKeys))) {
      fail("expected run keys " + Arrays.asList(runKeys) + ", got " + actual);
    }
    return this;
  }

  /**
   * The tick requested runs of exactly these partitions, in this order.
   *
   * @param partitionKeys the partition keys
   * @return this
   */
  public EvaluationAssertions requestedPartitions(String... partitionKeys) {
    succeeded();
    List<String> actual = runRequests.stream().map(RunRequest::partitionKey).toList();
    if (!actual.equals(Arrays.asList(partitionKeys))) {
      fail("expected runs of partitions " + Arrays.asList(partitionKeys) + ", got " + actual);
    }
    return this;
  }

  /**
   * The sensor's cursor after the tick is this one.
   *
   * @param expected the cursor, or null for none
   * @return this
   */
  public EvaluationAssertions hasCursor(String expected) {
    if (!hasCursor) {
      fail("schedules have no cursor; only sensor evaluations do");
    }
    if (!Objects.equals(cursor, expected)) {
      fail("expected the cursor " + quote(expected) + ", got " + quote(cursor));
    }
    return this;
  }

  /**
   * The tick asked for exactly these dynamic partition changes, in this order.
   *
   * @param expected the requests
   * @return this
   */
  public EvaluationAssertions requestedDynamicPartitions(DynamicPartitionsRequest... expected) {
    if (!dynamicPartitionsRequests.equals(Arrays.asList(expected))) {
      fail(
          "expected dynamic partitions requests "
              + Arrays.asList(expected)
              + ", got "
              + dynamicPartitionsRequests);
    }
    return this;
  }

  private static String quote(String s) {
    return s == null ? "none" : "'" + s + "'";
  }

  private void fail(String message) {
    throw new AssertionError(message + "\nEvaluation: " + evaluation);
  }
}
