package io.pipewright.daemon.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's garbage collections while the bench runs, with when each ended, to tell whether a slow
 * fan-out had a collection inside its few tens of milliseconds (the collectors' counters say only
 * how many ran since some earlier time).
 *
 * <p>A collection's end is when its notification arrives (a few milliseconds late at most), its
 * start that minus its duration: close enough to say whether it overlapped a window.
 */
final class GcPauses implements AutoCloseable {

  /** One collection: when its notification arrived (nanoTime), its duration, its collector. */
  private record Pause(long endedNanos, long millis, String collector) {}

  private final ConcurrentLinkedQueue<Pause> pauses = new ConcurrentLinkedQueue<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;

  GcPauses() {
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (bean instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    pauses.add(new Pause(System.nanoTime(), info.getGcInfo().getDuration(), info.getGcAction()));
  }

  /**
   * The collections that overlapped a window.
   *
   * @param from the window's start (nanoTime)
   * @param to its end (nanoTime)
   * @return "none", or how many, their milliseconds and kinds
   */
  String during(long from, long to) {
    int count = 0;
    long millis = 0;
    List<String> kinds = new ArrayList<>();
    for (Pause p : pauses) {
      long started = p.endedNanos() - p.millis() * 1_000_000;
      if (p.endedNanos() >= from && started <= to) {
        count++;
        millis += p.millis();
        kinds.add(p.collector() + " " + p.millis() + " ms");
      }
    }
    return count == 0
        ? "none"
        : String.format(Locale.ROOT, "%d, %d ms (%s)", count, millis, String.join(", ", kinds));
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // Not added, nothing to remove.
      }
    }
  }
}
