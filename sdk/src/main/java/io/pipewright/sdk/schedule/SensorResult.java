package io.pipewright.sdk.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sensor's tick produces (Dagster's {@code SensorResult}): run requests or a skip with its
 * reason, plus optionally a new cursor and requests to add or delete dynamic partitions.
 *
 * <pre>{@code
 * List<String> files = inbox.listAfter(ctx.cursor().orElse(""));
 * if (files.isEmpty()) {
 *   return SensorResult.skip("no new files");
 * }
 * return SensorResult.runs(files.stream().map(RunRequest::withKey).toList())
 *     .withCursor(files.get(files.size() - 1));
 * }</pre>
 *
 * Instances are immutable; the {@code with} methods return new results. A result without a new
 * cursor keeps the old one.
 */
public final class SensorResult {
  private final List<RunRequest> runRequests;
  private final String skipReason;
  private final String cursor;
  private final List<DynamicPartitionsRequest> dynamicPartitionsRequests;

  private SensorResult(
      List<RunRequest> runRequests,
      String skipReason,
      String cursor,
      List<DynamicPartitionsRequest> dynamicPartitionsRequests) {
    this.runRequests = runRequests;
    this.skipReason = skipReason;
    this.cursor = cursor;
    this.dynamicPartitionsRequests = dynamicPartitionsRequests;
  }

  /**
   * Returns a result that requests runs; with none, the tick is recorded as skipped.
   *
   * @param requests the run requests
   * @return the result
   */
  public static SensorResult runs(RunRequest... requests) {
    return runs(List.of(requests));
  }

  /**
   * Returns a result that requests runs; with none, the tick is recorded as skipped.
   *
   * @param requests the run requests
   * @return the result
   * @throws NullPointerException if the list or a request is null
   */
  public static SensorResult runs(List<RunRequest> requests) {
    return new SensorResult(List.copyOf(requests), null, null, List.of());
  }

  /**
   * Returns a result that requests nothing, with the reason shown on the tick.
   *
   * @param reason why, e.g. {@code "no new files"}
   * @return the result
   * @throws IllegalArgumentException if the reason is null or blank
   */
  public static SensorResult skip(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "A skipped tick needs a reason that says why, e.g. SensorResult.skip(\"no new files\")");
    }
    return new SensorResult(List.of(), reason, null, List.of());
  }

  /**
   * Returns this result with a new cursor, which the next tick gets as {@link
   * SensorContext#cursor()}.
   *
   * @param newCursor the cursor
   * @return the new result
   */
  public SensorResult withCursor(String newCursor) {
    return new SensorResult(
        runRequests,
        skipReason,
        Objects.requireNonNull(newCursor, "newCursor"),
        dynamicPartitionsRequests);
  }

  /**
   * Returns this result with requests to add or delete dynamic partitions, after those it has.
   *
   * @param requests the requests
   * @return the new result
   */
  public SensorResult withDynamicPartitions(DynamicPartitionsRequest... requests) {
    List<DynamicPartitionsRequest> all = new ArrayList<>(dynamicPartitionsRequests);
    all.addAll(List.of(requests));
    return new SensorResult(runRequests, skipReason, cursor, List.copyOf(all));
  }

  /**
   * Returns the runs to launch.
   *
   * @return the requests, in order
   */
  public List<RunRequest> runRequests() {
    return runRequests;
  }

  /**
   * Returns why the tick was skipped.
   *
   * @return the reason; empty unless made with {@link #skip(String)}
   */
  public Optional<String> skipReason() {
    return Optional.ofNullable(skipReason);
  }

  /**
   * Returns the new cursor.
   *
   * @return the cursor; empty to keep the old one
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Returns the requests to add or delete dynamic partitions.
   *
   * @return the requests, in order
   */
  public List<DynamicPartitionsRequest> dynamicPartitionsRequests() {
    return dynamicPartitionsRequests;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensorResult other
        && runRequests.equals(other.runRequests)
        && Objects.equals(skipReason, other.skipReason)
        && Objects.equals(cursor, other.cursor)
        && dynamicPartitionsRequests.equals(other.dynamicPartitionsRequests);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runRequests, skipReason, cursor, dynamicPartitionsRequests);
  }

  @Override
  public String toString() {
    return "SensorResult["
        + (skipReason != null ? "skip: " + skipReason : "runs: " + runRequests)
        + (cursor != null ? ", cursor " + cursor : "")
        + (dynamicPartitionsRequests.isEmpty() ? "" : ", " + dynamicPartitionsRequests)
        + "]";
  }
}
