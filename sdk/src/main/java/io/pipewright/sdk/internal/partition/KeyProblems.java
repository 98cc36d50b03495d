package io.pipewright.sdk.internal.partition;

import java.time.Instant;

/**
 * Explains why a string is not a partition key of time-window partitions: not in the format, not a
 * window start, before the first partition, after the end, or not ended yet; with the key of the
 * window the string probably meant and the valid range. Error paths only.
 */
public final class KeyProblems {

  private KeyProblems() {}

  /**
   * Why a key is not a partition, and what it probably should have been.
   *
   * @param message the full message
   * @param suggestion the key the user probably meant, or null
   */
  public record KeyProblem(String message, String suggestion) {}

  /**
   * Explains why {@code key} is not a partition.
   *
   * @param p the partitions
   * @param key the key
   * @param now the instant the partitions are listed at
   * @param useNow whether "now" bounds the partitions; if not, only the start and end do
   * @return the message and the suggestion
   */
  static KeyProblem explain(TimeWindowPartitions p, String key, long now, boolean useNow) {
    TimeGrid grid = p.grid();
    KeyFormat format = p.format();
    long firstStart = p.firstStart();
    long end = p.end();
    // Ignoring now, the partitions run to the end, or to the end of time.
    long lastEnd =
        useNow ? p.lastEnd(now) : grid.floor(Math.min(end, TimeWindowPartitions.MAX_EPOCH));
    boolean any = lastEnd > firstStart;
    String reason;
    String suggestion = null;
    long b = p.boundaryOf(key);
    if (b == TimeWindowPartitions.NOT_A_KEY) {
      long instant;
      if (format.parse(key) != null) {
        reason = "it is not the start of a window";
        instant = instantOfAnyForm(p, key);
      } else {
        reason = "it is not a time in format " + format.pattern();
        instant = instantOfAnyForm(p, key);
        if (instant == TimeWindowPartitions.NOT_A_KEY) {
          String repaired = format.repair(key);
          instant =
              repaired == null ? TimeWindowPartitions.NOT_A_KEY : instantOfAnyForm(p, repaired);
        }
      }
      if (instant != TimeWindowPartitions.NOT_A_KEY) {
        long containing = grid.floor(instant);
        if (any && containing >= firstStart && containing < lastEnd) {
          suggestion = p.keyOf(containing);
        }
      }
    } else if (b < firstStart) {
      reason = "it is before the first partition";
    } else if (end != TimeWindowPartitions.NO_END && grid.next(b) > end) {
      reason = "it is at or after the end, " + p.endText();
    } else if (grid.next(b) > Math.min(now, TimeWindowPartitions.MAX_EPOCH) && p.endOffset() <= 0) {
      reason =
          "its window ends at "
              + Instant.ofEpochSecond(grid.next(b))
              + ", after now ("
              + Instant.ofEpochSecond(now)
              + "), and the definition has no positive end offset";
    } else {
      reason = "it is after the last partition (end offset " + p.endOffset() + ")";
    }
    StringBuilder message =
        new StringBuilder("Partition key '")
            .append(key)
            .append("' is not a partition of ")
            .append(p.description())
            .append(": ")
            .append(reason)
            .append('.');
    if (suggestion != null) {
      message.append(" Did you mean '").append(suggestion).append("'?");
    }
    if (useNow) {
      message.append(' ').append(rangeSentence(p, now));
    } else {
      message
          .append(" Keys are window starts from ")
          .append(p.keyOf(firstStart))
          .append(end == TimeWindowPartitions.NO_END ? "" : " to before " + p.endText())
          .append(", in format ")
          .append(format.pattern())
          .append('.');
    }
    return new KeyProblem(message.toString(), suggestion);
  }

  /** Returns e.g. {@code Valid keys run from A to B (N partitions as of NOW), in format F.} */
  static String rangeSentence(TimeWindowPartitions p, long now) {
    TimeGrid grid = p.grid();
    long firstStart = p.firstStart();
    long lastEnd = p.lastEnd(now);
    if (lastEnd <= firstStart) {
      return "There are no partitions as of "
          + Instant.ofEpochSecond(now)
          + ": the first one, "
          + p.keyOf(firstStart)
          + ", exists once its window ends at "
          + Instant.ofEpochSecond(grid.next(firstStart))
          + ".";
    }
    return "Valid keys run from "
        + p.keyOf(firstStart)
        + " to "
        + p.keyOf(grid.previous(lastEnd))
        + " ("
        + grid.count(firstStart, lastEnd)
        + " partitions as of "
        + Instant.ofEpochSecond(now)
        + "), in format "
        + p.format().pattern()
        + ".";
  }

  /** Parses a key in the definition's format, or failing that as yyyy-MM-dd; NOT_A_KEY if not. */
  private static long instantOfAnyForm(TimeWindowPartitions p, String text) {
    KeyFormat format = p.format();
    KeyFormat.Parsed parsed = format.parse(text);
    if (parsed == null) {
      parsed = TimeWindowPartitions.ISO_DATE_FORMAT.parse(text);
    }
    return parsed == null ? TimeWindowPartitions.NOT_A_KEY : p.toInstant(parsed);
  }
}
