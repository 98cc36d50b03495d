package io.pipewright.core.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which queued runs start now: Dagster's {@code QueuedRunCoordinator} admission, pure.
 *
 * <p>Order: highest {@link RunPriority} first, then oldest {@link QueuedRun#enqueuedAt()}, then the
 * order given. Walking that order, a run is admitted when a concurrent run slot is free and none of
 * the tag limits it matches is full; admitted runs count against the limits at once. A run held by
 * a tag limit does not hold the runs behind it: they are considered in turn, so one busy tenant
 * cannot stall the whole queue. Costs O(n log n) for n queued runs (the sort) plus O(n * t) for t
 * tags per run.
 */
public final class RunQueue {

  private RunQueue() {}

  /**
   * Decides one admission cycle.
   *
   * @param queued the runs in the queue, in any order (ties keep this order)
   * @param active the runs in progress (STARTING, STARTED, CANCELING), which hold their places
   * @param limits the limits
   * @return the runs to start now, in order, and the runs that stay queued, with their reasons
   */
  public static Admission admit(
      List<QueuedRun> queued, Collection<ActiveRun> active, RunQueueLimits limits) {
    Objects.requireNonNull(queued, "queued: the queued runs must not be null");
    Objects.requireNonNull(active, "active: the runs in progress must not be null");
    Objects.requireNonNull(limits, "limits: the queue limits must not be null");
    Counter counter = new Counter(limits.tagLimits());
    for (ActiveRun run : active) {
      counter.add(run.tags());
    }
    int max = limits.maxConcurrentRuns();
    long free = max == RunQueueLimits.UNLIMITED ? Long.MAX_VALUE : (long) max - active.size();

    Entry[] order = new Entry[queued.size()];
    for (int i = 0; i < order.length; i++) {
      QueuedRun run = queued.get(i);
      order[i] = new Entry(run, run.priority(), i);
    }
    Arrays.sort(order, ORDER);

    List<QueuedRun> admitted = new ArrayList<>();
    List<HeldRun> held = new ArrayList<>();
    for (Entry entry : order) {
      if (admitted.size() >= free) {
        held.add(new HeldRun(entry.run, null, max));
        continue;
      }
      TagConcurrencyLimit blocking = counter.blocking(entry.run.tags());
      if (blocking != null) {
        held.add(new HeldRun(entry.run, blocking, max));
        continue;
      }
      admitted.add(entry.run);
      counter.add(entry.run.tags());
    }
    return new Admission(admitted, held);
  }

  private record Entry(QueuedRun run, int priority, int index) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt((Entry e) -> -e.priority)
          .thenComparing(e -> e.run.enqueuedAt())
          .thenComparingInt(e -> e.index);

  /**
   * Counts in-progress runs per tag, for the tags some limit mentions (Dagster's {@code
   * TagConcurrencyLimitsCounter}).
   */
  private static final class Counter {
    private final Map<String, TagConcurrencyLimit> keyLimits = new HashMap<>();
    private final Map<String, Map<String, TagConcurrencyLimit>> valueLimits = new HashMap<>();
    private final Map<String, TagConcurrencyLimit> uniqueValueLimits = new HashMap<>();
    private final Map<String, Integer> keyCounts = new HashMap<>();
    private final Map<String, Map<String, Integer>> valueCounts = new HashMap<>();

    Counter(List<TagConcurrencyLimit> limits) {
      for (TagConcurrencyLimit limit : limits) {
        if (limit.perUniqueValue()) {
          uniqueValueLimits.put(limit.key(), limit);
        } else if (limit.value() == null) {
          keyLimits.put(limit.key(), limit);
        } else {
          valueLimits.computeIfAbsent(limit.key(), k -> new HashMap<>()).put(limit.value(), limit);
        }
      }
    }

    private boolean limited(String key) {
      return keyLimits.containsKey(key)
          || valueLimits.containsKey(key)
          || uniqueValueLimits.containsKey(key);
    }

    void add(Map<String, String> tags) {
      if (tags.isEmpty()) {
        return;
      }
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        String key = tag.getKey();
        if (!limited(key)) {
          continue;
        }
        keyCounts.merge(key, 1, Integer::sum);
        valueCounts
            .computeIfAbsent(key, k -> new HashMap<>())
            .merge(tag.getValue(), 1, Integer::sum);
      }
    }

    /** The first full limit the tags match, or null. */
    TagConcurrencyLimit blocking(Map<String, String> tags) {
      if (tags.isEmpty()) {
        return null;
      }
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        String key = tag.getKey();
        if (!limited(key)) {
          continue;
        }
        TagConcurrencyLimit limit = keyLimits.get(key);
        if (limit != null && keyCounts.getOrDefault(key, 0) >= limit.limit()) {
          return limit;
        }
        int sameValue = valueCount(key, tag.getValue());
        Map<String, TagConcurrencyLimit> byValue = valueLimits.get(key);
        limit = byValue == null ? null : byValue.get(tag.getValue());
        if (limit != null && sameValue >= limit.limit()) {
          return limit;
        }
        limit = uniqueValueLimits.get(key);
        if (limit != null && sameValue >= limit.limit()) {
          return limit;
        }
      }
      return null;
    }

    private int valueCount(String key, String value) {
      Map<String, Integer> counts = valueCounts.get(key);
      return counts == null ? 0 : counts.getOrDefault(value, 0);
    }
  }
}
