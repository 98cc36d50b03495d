package io.pipewright.executor.k8s.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands launches to the creation threads once the caller's burst of launches is over, so that the
 * caller's {@code launch} only records the attempt and queues it.
 *
 * <p>Why: the daemon's loop launches every step a decision made ready (a thousand at a fan-out) one
 * after another on its single thread. Had each launch started a creation at once, the creation
 * threads (building pods, serialising them, calling the API server) would take the CPU the loop
 * still needs for the later launches: on a machine with few cores the last launch of a fan-out came
 * tens of milliseconds after the first. So a burst is queued, and one dispatcher thread hands it
 * over once no launch came for {@code quiet} (or the oldest waited {@code maxHold}, so that a
 * steady stream of launches is never held longer). {@link #flush} hands over at once: a caller that
 * gives its launches in one batch says when the batch is over. The creations are rate-limited
 * anyway: a few milliseconds at the start of a burst do not change how fast its pods are created.
 */
final class CreationHandoff implements AutoCloseable {

  /** A queued creation: what runs it, and what answers it when the launcher closed first. */
  record Creation(Runnable create, Runnable closed) {
    Creation {
      Objects.requireNonNull(create, "create");
      Objects.requireNonNull(closed, "closed");
    }
  }

  private final Consumer<Runnable> creators;
  private final long quietNanos;
  private final long maxHoldNanos;
  private final ExecutorService dispatcher;
  private final ConcurrentLinkedQueue<Creation> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong offered = new AtomicLong();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean flushNow;
  private volatile Thread dispatching;
  private volatile boolean closed;

  /**
   * Creates the hand-off.
   *
   * @param creators runs a creation on a creation thread; throws {@link RejectedExecutionException}
   *     when closed
   * @param quietNanos how long no launch must come before a burst is handed over
   * @param maxHoldNanos the longest a queued launch waits for its burst to end
   */
  CreationHandoff(Consumer<Runnable> creators, long quietNanos, long maxHoldNanos) {
    this.creators = Objects.requireNonNull(creators, "creators");
    this.quietNanos = quietNanos;
    this.maxHoldNanos = maxHoldNanos;
    this.dispatcher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pipewright-k8s-dispatch");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues a creation; it runs on a creation thread once the burst it belongs to is over. When the
   * hand-off is closed (now or before the creation was handed over), {@code closed} runs instead.
   *
   * @param creation the creation
   */
  void offer(Creation creation) {
    pending.add(creation);
    offered.incrementAndGet();
    if (closed) {
      drainClosed();
      return;
    }
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      try {
        dispatcher.execute(this::dispatch);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        drainClosed();
      }
    }
  }

  /** Hands everything queued over now, without waiting for the burst to be quiet. */
  void flush() {
    flushNow = true;
    Thread thread = dispatching;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void dispatch() {
    dispatching = Thread.currentThread();
    try {
      long start = System.nanoTime();
      long seen = offered.get();
      while (!closed && !flushNow) {
        LockSupport.parkNanos(quietNanos);
        long now = offered.get();
        if (now == seen || System.nanoTime() - start >= maxHoldNanos) {
          break;
        }
        seen = now;
      }
    } finally {
      dispatching = null;
    }
    flushNow = false;
    if (closed) {
      drainClosed();
      return;
    }
    // Cleared before the queue is drained: a creation queued after this is either drained below
    // or schedules the next dispatch.
    scheduled.set(false);
    Creation next;
    while ((next = pending.poll()) != null) {
      try {
        creators.accept(next.create());
      } catch (RejectedExecutionException e) {
        next.closed().run();
      }
    }
  }

  private void drainClosed() {
    Creation next;
    while ((next = pending.poll()) != null) {
      next.closed().run();
    }
  }

  /** Hands nothing more over; queued creations are answered as closed. */
  @Override
  public void close() {
    closed = true;
    Thread thread = dispatching;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
    dispatcher.shutdown();
    try {
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainClosed();
  }
}
