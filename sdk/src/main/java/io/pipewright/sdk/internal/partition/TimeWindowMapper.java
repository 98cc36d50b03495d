package io.pipewright.sdk.internal.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arithmetic of Dagster's {@code TimeWindowPartitionMapping}: a downstream partition depends on
 * every upstream partition whose window overlaps the downstream window, after the downstream
 * window's start and end are moved by the offsets, counted in downstream windows.
 *
 * <p>Offsets never move a window past the upstream partitions (a window is clamped to them), and
 * upstream windows outside the upstream partitions at "now" are dropped rather than reported, as
 * Dagster does with {@code allow_nonexistent_upstream_partitions}. The reverse direction inverts
 * the relation exactly: upstream partition {@code u} maps to the downstream partitions whose
 * upstream set contains {@code u}.
 */
public final class TimeWindowMapper {

  private TimeWindowMapper() {}

  /**
   * Returns the upstream keys that downstream windows depend on, oldest first.
   *
   * @param down the downstream partitions
   * @param up the upstream partitions
   * @param downstreamStarts the window starts of downstream partitions
   * @param startOffset the shift of each window's start, in downstream windows
   * @param endOffset the shift of each window's end, in downstream windows
   * @param now the instant partitions are listed at
   * @return the upstream keys, without duplicates
   */
  public static Set<String> upstream(
      TimeWindowPartitions down,
      TimeWindowPartitions up,
      Collection<Long> downstreamStarts,
      int startOffset,
      int endOffset,
      long now) {
    long first = up.firstStart();
    long last = up.lastEnd(now);
    if (last <= first) {
      return Set.of();
    }
    TimeGrid downGrid = down.grid();
    TimeGrid upGrid = up.grid();
    List<long[]> spans = new ArrayList<>(downstreamStarts.size());
    for (long start : downstreamStarts) {
      long from = shift(downGrid, start, startOffset, first, last);
      long to = shift(downGrid, downGrid.next(start), endOffset, first, last);
      if (from >= to) {
        continue;
      }
      // Widen to the upstream windows that overlap [from, to), then keep those that exist.
      long spanStart = Math.max(upGrid.floor(from), first);
      long spanEnd = Math.min(upGrid.ceil(to), last);
      if (spanStart < spanEnd) {
        spans.add(new long[] {spanStart, spanEnd});
      }
    }
    return keys(up, spans);
  }

  /**
   * Returns the downstream keys that depend on upstream windows, oldest first.
   *
   * @param up the upstream partitions
   * @param down the downstream partitions
   * @param upstreamStarts the window starts of upstream partitions
   * @param startOffset the mapping's start offset, in downstream windows
   * @param endOffset the mapping's end offset, in downstream windows
   * @param now the instant partitions are listed at
   * @return the downstream keys, without duplicates
   */
  public static Set<String> downstream(
      TimeWindowPartitions up,
      TimeWindowPartitions down,
      Collection<Long> upstreamStarts,
      int startOffset,
      int endOffset,
      long now) {
    long first = down.firstStart();
    long last = down.lastEnd(now);
    if (last <= first) {
      return Set.of();
    }
    TimeGrid downGrid = down.grid();
    TimeGrid upGrid = up.grid();
    List<long[]> spans = new ArrayList<>(upstreamStarts.size());
    for (long start : upstreamStarts) {
      // The downstream windows overlapping the upstream window, moved back by the offsets: a
      // downstream window whose end moved by endOffset reaches this one, and so on.
      long overlapStart = downGrid.floor(start);
      long overlapEnd = downGrid.ceil(upGrid.next(start));
      long from = Math.max(shift(downGrid, overlapStart, -endOffset, first, last), first);
      long to = Math.min(shift(downGrid, overlapEnd, -startOffset, first, last), last);
      if (from < to) {
        spans.add(new long[] {from, to});
      }
    }
    return keys(down, spans);
  }

  /** Moves boundary {@code b} by {@code n} windows without leaving {@code [first, last]}. */
  private static long shift(TimeGrid grid, long b, int n, long first, long last) {
    if (n == 0) {
      return b;
    }
    long moved = grid.shift(b, n);
    return n < 0 ? Math.max(moved, first) : Math.min(moved, last);
  }

  private static Set<String> keys(TimeWindowPartitions partitions, List<long[]> spans) {
    spans.sort((a, b) -> Long.compare(a[0], b[0]));
    Set<String> keys = new LinkedHashSet<>();
    long mergedStart = 0;
    long mergedEnd = Long.MIN_VALUE;
    for (long[] span : spans) {
      if (span[0] <= mergedEnd) {
        mergedEnd = Math.max(mergedEnd, span[1]);
        continue;
      }
      if (mergedEnd != Long.MIN_VALUE) {
        keys.addAll(partitions.keysBetween(mergedStart, mergedEnd));
      }
      mergedStart = span[0];
      mergedEnd = span[1];
    }
    if (mergedEnd != Long.MIN_VALUE) {
      keys.addAll(partitions.keysBetween(mergedStart, mergedEnd));
    }
    return keys;
  }
}
