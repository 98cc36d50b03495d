package io.pipewright.core.queue;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run queue's limits: Dagster's {@code QueuedRunCoordinator} config.
 *
 * @param maxConcurrentRuns how many runs may be in progress at once; {@link #UNLIMITED} (-1) for no
 *     limit; 0 pauses the queue
 * @param tagLimits the tag concurrency limits; at most one per key and value form
 */
public record RunQueueLimits(int maxConcurrentRuns, List<TagConcurrencyLimit> tagLimits) {

  /** The value of {@link #maxConcurrentRuns()} that means no limit. */
  public static final int UNLIMITED = -1;

  /** Dagster's default: 10 concurrent runs, no tag limits. */
  public static final RunQueueLimits DEFAULT = new RunQueueLimits(10, List.of());

  /** Validates and copies the components. */
  public RunQueueLimits {
    if (maxConcurrentRuns < UNLIMITED) {
      throw new IllegalArgumentException(
          "RunQueueLimits needs maxConcurrentRuns of -1 (unlimited), 0 (paused) or more, got "
              + maxConcurrentRuns);
    }
    tagLimits = Checks.list(tagLimits, "RunQueueLimits", "tagLimits");
    Set<String> forms = new HashSet<>();
    for (TagConcurrencyLimit limit : tagLimits) {
      String form = limit.perUniqueValue() + "\u0000" + limit.key() + "\u0000" + limit.value();
      if (!forms.add(form)) {
        throw new IllegalArgumentException(
            "RunQueueLimits has two tag limits for "
                + limit.toString().substring(0, limit.toString().lastIndexOf(':'))
                + "; keep one");
      }
    }
  }

  /**
   * Returns limits with a maximum and tag limits.
   *
   * @param maxConcurrentRuns the maximum, -1 for none
   * @param tagLimits the tag limits
   * @return the limits
   */
  public static RunQueueLimits of(int maxConcurrentRuns, TagConcurrencyLimit... tagLimits) {
    return new RunQueueLimits(maxConcurrentRuns, List.of(tagLimits));
  }
}
