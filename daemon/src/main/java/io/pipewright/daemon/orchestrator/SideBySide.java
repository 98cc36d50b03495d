package io.pipewright.daemon.orchestrator;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Store calls sent side by side, a bounded number at a time, without waiting on the caller's
 * thread.
 *
 * <p>Not {@code Uni.join().all(calls).usingConcurrencyOf(n)}, nor chunks chained with {@code
 * chain}: when the calls answer at once on the subscribing thread (the in-memory stores), each
 * answer subscribes the next call or chunk from inside the previous one's callback, so the stack
 * grows with every call, and an admission of 1,000 queued runs overflowed the loop thread's stack
 * (its cycle failed, and the runs waited for the retry 2 s later). Here a chunk of calls is joined
 * without a limit (its calls are subscribed one after another, not nested), and the next chunk is
 * sent by a trampoline: a chunk that answers at once only tells the loop below it to go on.
 */
public final class SideBySide {

  private SideBySide() {}

  /**
   * Sends every call, {@code width} at a time, and collects their answers in order.
   *
   * @param calls the calls, not subscribed yet
   * @param width how many are on their way at once
   * @param <T> an answer
   * @return the answers in the order of the calls, once all answered; fails once every call of the
   *     failing chunk landed, with its failures collected, and sends no further chunk
   */
  public static <T> Uni<List<T>> all(List<Uni<T>> calls, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be 1 or more, got " + width);
    }
    List<Uni<T>> copy = List.copyOf(calls);
    return Uni.createFrom().emitter(emitter -> new Chunks<>(copy, width, emitter).drain());
  }

  /** Sends one chunk after another; {@code pending} counts the requests to go on (trampoline). */
  private static final class Chunks<T> {
    private final List<Uni<T>> calls;
    private final int width;
    private final UniEmitter<? super List<T>> emitter;
    private final List<T> answers;
    private final AtomicInteger pending = new AtomicInteger();
    private int next;

    Chunks(List<Uni<T>> calls, int width, UniEmitter<? super List<T>> emitter) {
      this.calls = calls;
      this.width = width;
      this.emitter = emitter;
      this.answers = new ArrayList<>(calls.size());
    }

    void drain() {
      if (pending.getAndIncrement() != 0) {
        return; // The loop below this call (same or other thread) sends the next chunk.
      }
      do {
        if (next >= calls.size()) {
          emitter.complete(answers);
          return;
        }
        List<Uni<T>> chunk = calls.subList(next, Math.min(calls.size(), next + width));
        next += chunk.size();
        Uni.join()
            .all(chunk)
            .andCollectFailures()
            .subscribe()
            .with(
                answered -> {
                  answers.addAll(answered);
                  drain();
                },
                emitter::fail);
      } while (pending.decrementAndGet() != 0);
    }
  }
}
