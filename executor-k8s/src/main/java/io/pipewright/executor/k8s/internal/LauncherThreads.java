package io.pipewright.executor.k8s.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The launcher's threads. Creations run on a pool of {@code createConcurrency}; log copies and
 * deletions on a clean-up pool a quarter that size (at least 2), so that when both queue for the
 * rate limiter, creations get most tokens; the {@link AttemptBook} and every listener call live on
 * one delivery thread, which keeps statuses in order and listener calls apart; the sweep has its
 * own thread, since it asks the run lookup and may block.
 */
final class LauncherThreads implements AutoCloseable {

  private final ExecutorService creators;
  private final ExecutorService cleaners;
  private final ExecutorService delivery;
  private final ScheduledExecutorService housekeeping;

  LauncherThreads(int createConcurrency) {
    this.creators = Executors.newFixedThreadPool(createConcurrency, threads("create"));
    this.cleaners =
        Executors.newFixedThreadPool(Math.max(2, createConcurrency / 4), threads("cleanup"));
    this.delivery = Executors.newSingleThreadExecutor(threads("delivery"));
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(threads("sweep"));
  }

  /** Runs a creation; throws {@link RejectedExecutionException} when closed. */
  void create(Runnable task) {
    creators.execute(task);
  }

  /** Runs a task on the delivery thread; nothing happens when closed. */
  void onDelivery(Runnable task) {
    run(delivery, task, null);
  }

  /** Runs a task on the delivery thread; when closed, fails {@code failWhenClosed}. */
  void onDelivery(Runnable task, CompletableFuture<?> failWhenClosed) {
    run(delivery, task, failWhenClosed);
  }

  /** Runs a task on the delivery thread and waits for its result. */
  <T> T awaitOnDelivery(Supplier<T> task) {
    try {
      return CompletableFuture.supplyAsync(task, delivery).join();
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the Kubernetes step launcher is closed", e);
    }
  }

  /** Runs a task on a clean-up thread; nothing happens when closed. */
  void onCleanup(Runnable task) {
    run(cleaners, task, null);
  }

  /** Runs a task on a clean-up thread; when closed, fails {@code failWhenClosed}. */
  void onCleanup(Runnable task, CompletableFuture<?> failWhenClosed) {
    run(cleaners, task, failWhenClosed);
  }

  /** Runs a task every period on the sweep thread. */
  void every(Duration period, Runnable task) {
    long millis = period.toMillis();
    housekeeping.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void run(ExecutorService pool, Runnable task, CompletableFuture<?> failed) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: nothing more happens; a caller waiting on it learns why.
      if (failed != null) {
        failed.completeExceptionally(
            new IllegalStateException("the Kubernetes step launcher is closed"));
      }
    }
  }

  /** Stops the sweep at once; creations and clean-ups in flight get a few seconds to finish. */
  @Override
  public void close() {
    housekeeping.shutdownNow();
    creators.shutdown();
    cleaners.shutdown();
    try {
      creators.awaitTermination(5, TimeUnit.SECONDS);
      cleaners.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    creators.shutdownNow();
    cleaners.shutdownNow();
    delivery.shutdown();
  }

  private static ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "pipewright-k8s-" + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
