package io.pipewright.executor.k8s.internal;

import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.StatusWatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's subscriptions: a new watch gets the latest status of every known attempt, then
 * every status the {@link AttemptBook} accepts as news. Everything but {@link #watch} and {@link
 * StatusWatch#close()} runs on the delivery thread, so listener calls never overlap.
 */
final class StatusDeliveries {

  private static final Logger LOG = LoggerFactory.getLogger(StatusDeliveries.class);

  private final AttemptBook book;
  private final LauncherThreads threads;
  private final Clock clock;
  // Delivery thread only.
  private final List<Subscription> subscriptions = new ArrayList<>();

  StatusDeliveries(AttemptBook book, LauncherThreads threads, Clock clock) {
    this.book = book;
    this.threads = threads;
    this.clock = clock;
  }

  StatusWatch watch(AttemptStatusListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    Subscription subscription = new Subscription(listener);
    threads.onDelivery(
        () -> {
          if (subscription.closed) {
            return;
          }
          for (AttemptStatus status : book.latest()) {
            subscription.tell(status);
          }
          subscriptions.add(subscription);
        });
    return subscription;
  }

  /** On the delivery thread: reports a status if the book takes it as news. */
  void deliver(AttemptStatus status) {
    if (!book.offer(status, clock.instant())) {
      return;
    }
    for (Subscription subscription : subscriptions) {
      subscription.tell(status);
    }
  }

  private final class Subscription implements StatusWatch {
    private final AttemptStatusListener listener;
    private volatile boolean closed;

    private Subscription(AttemptStatusListener listener) {
      this.listener = listener;
    }

    private void tell(AttemptStatus status) {
      if (closed) {
        return;
      }
      try {
        listener.onStatus(status);
      } catch (RuntimeException e) {
        // The port says listeners must not throw; one that does must not stop the others.
        LOG.error("Attempt status listener failed on {}: {}", status.attempt(), e.toString(), e);
      }
    }

    @Override
    public void close() {
      closed = true;
      threads.onDelivery(() -> subscriptions.remove(this));
    }
  }
}
