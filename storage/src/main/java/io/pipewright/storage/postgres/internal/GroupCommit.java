package io.pipewright.storage.postgres.internal;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit: writes submitted while a write is in flight wait, and are then written together by
 * one call of the writer (one statement, one transaction, one take of the append lock). At most one
 * write is in flight at a time, so the groups are written in submission order.
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
  private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
  private boolean writing;

  /**
   * Creates the coalescer.
   *
   * @param writer writes a group; answers one result per item, in the items' order
   * @param weight an item's size (its events)
   * @param maxWeight a group holds at most this much, unless its first item alone is heavier
   */
  public GroupCommit(
      Function<List<I>, Uni<List<O>>> writer, ToIntFunction<I> weight, int maxWeight) {
    this.writer = writer;
    this.weight = weight;
    this.maxWeight = maxWeight;
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
                if (writing) {
                  return;
                }
                writing = true;
              }
              next();
            });
  }

  /** Writes the next group, or stops when none waits. */
  private void next() {
    List<Pending<I, O>> group = new ArrayList<>();
    synchronized (this) {
      int total = 0;
      while (!queue.isEmpty()) {
        int w = weight.applyAsInt(queue.peek().item());
        if (!group.isEmpty() && total + w > maxWeight) {
          break;
        }
        group.add(queue.poll());
        total += w;
      }
      if (group.isEmpty()) {
        writing = false;
        return;
      }
    }
    write(group)
        .subscribe()
        .with(
            done -> next(),
            failure -> next()); // write(...) never fails: failures go to the callers.
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
