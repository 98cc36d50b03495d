package io.pipewright.storage.postgres.internal;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Group commit: writes submitted while a write is in flight wait, and are then written together by
 * one call of the writer (one statement, one transaction, one take of the append lock).
 *
 * <p>Up to {@code maxInFlight} groups are in flight at once, so that the next group's statement is
 * sent, parsed and planned while the one before holds the append lock, rather than after it (the
 * lock's holder is the bottleneck of appends: everything the database does for a statement outside
 * the lock is then done in parallel with the holder). Items that must be written in submission
 * order ({@code ordered}: the hosts' appends, whose ids must follow the order of their calls) are
 * in at most one group in flight at a time; items that are not (ingests: each is idempotent and
 * whole on its own, and its attempt's recorded sequences decide what is new whatever the order) may
 * overtake each other. With {@code maxInFlight} 1, groups are written in submission order.
 *
 * <p>Why: appends are serialized anyway (the event log's append lock makes ids commit in order), so
 * concurrent requests would queue on the lock inside PostgreSQL, one statement each; coalescing
 * them pays the statement's fixed cost (round trip, lock hand-over, plan, notify, commit) once per
 * group instead of once per request.
 *
 * <p>A group that fails is written again one item at a time, so that one bad item (say, a value
 * PostgreSQL refuses) fails only its own caller.
 *
 * @param <I> an item to write
 * @param <O> what the writer answers for one item
 */
public final class GroupCommit<I, O> {

  private record Pending<I, O>(I item, UniEmitter<? super O> emitter) {}

  private final Function<List<I>, Uni<List<O>>> writer;
  private final ToIntFunction<I> weight;
  private final int maxWeight;
  private final int maxInFlight;
  private final Predicate<I> ordered;
  private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean orderedInFlight;

  /**
   * Creates a coalescer that writes one group at a time, in submission order.
   *
   * @param writer writes a group; answers one result per item, in the items' order
   * @param weight an item's size (its events)
   * @param maxWeight a group holds at most this much, unless its first item alone is heavier
   */
  public GroupCommit(
      Function<List<I>, Uni<List<O>>> writer, ToIntFunction<I> weight, int maxWeight) {
    this(writer, weight, maxWeight, 1, item -> true);
  }

  /**
   * Creates a coalescer that may write several groups at once.
   *
   * @param writer writes a group; answers one result per item, in the items' order
   * @param weight an item's size (its events)
   * @param maxWeight a group holds at most this much, unless its first item alone is heavier
   * @param maxInFlight at most this many groups are written at once; 1 or more
   * @param ordered the items that must be written in submission order among themselves
   */
  public GroupCommit(
      Function<List<I>, Uni<List<O>>> writer,
      ToIntFunction<I> weight,
      int maxWeight,
      int maxInFlight,
      Predicate<I> ordered) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "GroupCommit needs maxInFlight of 1 or more, got " + maxInFlight);
    }
    this.writer = writer;
    this.weight = weight;
    this.maxWeight = maxWeight;
    this.maxInFlight = maxInFlight;
    this.ordered = ordered;
  }

  /**
   * Writes an item with whatever else is waiting.
   *
   * @param item the item
   * @return its result, once its group is written
   */
  public Uni<O> submit(I item) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              synchronized (this) {
                queue.add(new Pending<>(item, emitter));
              }
              next();
            });
  }

  /**
   * Starts writing the next group when a slot is free and a group may go, or returns. Groups are
   * taken from the head of the queue, so an ordered item waiting for the ordered group in flight
   * holds back the items behind it.
   */
  private void next() {
    List<Pending<I, O>> group = new ArrayList<>();
    boolean holdsOrdered = false;
    synchronized (this) {
      if (inFlight >= maxInFlight) {
        return;
      }
      int total = 0;
      while (!queue.isEmpty()) {
        I item = queue.peek().item();
        int w = weight.applyAsInt(item);
        if (!group.isEmpty() && total + w > maxWeight) {
          break;
        }
        boolean isOrdered = ordered.test(item);
        if (isOrdered && orderedInFlight) {
          break;
        }
        group.add(queue.poll());
        total += w;
        holdsOrdered |= isOrdered;
      }
      if (group.isEmpty()) {
        return;
      }
      inFlight++;
      orderedInFlight |= holdsOrdered;
    }
    boolean releasesOrdered = holdsOrdered;
    write(group)
        .subscribe()
        .with(
            done -> finished(releasesOrdered),
            failure -> finished(releasesOrdered)); // write(...) never fails: callers get them.
    // Another slot may be free: fill it with what waits now.
    next();
  }

  /** Frees a group's slot, then starts what may go. */
  private void finished(boolean releasesOrdered) {
    synchronized (this) {
      inFlight--;
      if (releasesOrdered) {
        orderedInFlight = false;
      }
    }
    next();
  }

  /** Writes a group, or each of its items alone when the group fails; completes every caller. */
  private Uni<Void> write(List<Pending<I, O>> group) {
    List<I> items = new ArrayList<>(group.size());
    group.forEach(p -> items.add(p.item()));
    return call(items)
        .onItemOrFailure()
        .transformToUni(
            (results, failure) -> {
              if (failure == null && results.size() == group.size()) {
                for (int i = 0; i < group.size(); i++) {
                  group.get(i).emitter().complete(results.get(i));
                }
                return Uni.createFrom().voidItem();
              }
              if (group.size() == 1) {
                group
                    .get(0)
                    .emitter()
                    .fail(
                        failure != null
                            ? failure
                            : new IllegalStateException(
                                "The writer answered " + results.size() + " results for one item"));
                return Uni.createFrom().voidItem();
              }
              return alone(group, 0);
            });
  }

  private Uni<Void> alone(List<Pending<I, O>> group, int from) {
    if (from == group.size()) {
      return Uni.createFrom().voidItem();
    }
    return write(List.of(group.get(from))).chain(() -> alone(group, from + 1));
  }

  /** Calls the writer; a writer that throws is a failed write. */
  private Uni<List<O>> call(List<I> items) {
    try {
      return writer.apply(items);
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
  }
}
