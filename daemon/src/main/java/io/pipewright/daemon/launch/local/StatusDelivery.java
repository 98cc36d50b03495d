package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.StatusWatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Keeps the latest status of every attempt and delivers statuses to listeners on one thread, in the
 * order they were published, so that listener calls never overlap. A new watch gets the latest
 * statuses first and then every later one, each exactly once: every status carries a sequence
 * number, and a watch skips those its replay already covered.
 */
final class StatusDelivery implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StatusDelivery.class);

  private record Numbered(AttemptStatus status, long sequence) {}

  private final class Subscriber implements StatusWatch {
    final AttemptStatusListener listener;
    long since;
    volatile boolean closed;

    Subscriber(AttemptStatusListener listener) {
      this.listener = listener;
    }

    void deliver(AttemptStatus status) {
      if (closed) {
        return;
      }
      try {
        listener.onStatus(status);
      } catch (RuntimeException e) {
        LOG.warnf(
            e,
            "A status listener failed on the status of %s; it keeps its watch",
            status.attempt());
      }
    }

    @Override
    public void close() {
      closed = true;
      subscribers.remove(this);
    }
  }

  private final Object lock = new Object();
  private final Map<AttemptId, Numbered> latest = new LinkedHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pipewright-launcher-status");
            t.setDaemon(true);
            return t;
          });
  private long sequence;

  /**
   * Records a status and queues its delivery.
   *
   * @param status the status
   */
  void publish(AttemptStatus status) {
    synchronized (lock) {
      Numbered numbered = new Numbered(status, ++sequence);
      latest.put(status.attempt(), numbered);
      if (thread.isShutdown()) {
        return; // Closed: nobody listens any more.
      }
      thread.execute(
          () -> {
            for (Subscriber subscriber : subscribers) {
              if (numbered.sequence > subscriber.since) {
                subscriber.deliver(status);
              }
            }
          });
    }
  }

  /**
   * Records a status without delivering it: what a restarted launcher found on disk, which new
   * watches replay.
   *
   * @param status the status
   */
  void remember(AttemptStatus status) {
    synchronized (lock) {
      latest.put(status.attempt(), new Numbered(status, ++sequence));
    }
  }

  /**
   * The latest status of an attempt.
   *
   * @param attempt the attempt
   * @return the status, or null
   */
  AttemptStatus latest(AttemptId attempt) {
    synchronized (lock) {
      Numbered numbered = latest.get(attempt);
      return numbered == null ? null : numbered.status;
    }
  }

  /**
   * Forgets attempts, once they are deleted.
   *
   * @param attempts the attempts
   */
  void forget(List<AttemptId> attempts) {
    synchronized (lock) {
      for (AttemptId attempt : attempts) {
        latest.remove(attempt);
      }
    }
  }

  /**
   * Subscribes a listener; returns once the replay was delivered.
   *
   * @param listener the listener
   * @return the watch
   */
  StatusWatch watch(AttemptStatusListener listener) {
    Subscriber subscriber = new Subscriber(listener);
    Future<?> replay =
        thread.submit(
            () -> {
              List<AttemptStatus> snapshot;
              synchronized (lock) {
                snapshot = new ArrayList<>(latest.size());
                for (Numbered numbered : latest.values()) {
                  snapshot.add(numbered.status);
                }
                subscriber.since = sequence;
                subscribers.add(subscriber);
              }
              for (AttemptStatus status : snapshot) {
                subscriber.deliver(status);
              }
            });
    try {
      replay.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while replaying the launcher's statuses", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not replay the launcher's statuses", e.getCause());
    }
    return subscriber;
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
