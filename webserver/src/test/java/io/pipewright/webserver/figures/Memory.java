package io.pipewright.webserver.figures;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The webserver's memory while a figure is measured, sampled a few times a second on a thread of
 * its own: the heap in use after the last collection (what the live objects hold, summed over the
 * heap's pools), the heap's committed and maximum size, the non-heap in use (metaspace, code cache)
 * and the process's resident set ({@code VmRSS}, and its peak {@code VmHWM}, from {@code
 * /proc/self/status}; Linux only).
 *
 * <p>The load generator runs in the same JVM as the webserver: its clients, their buffers and
 * latencies are in these figures too (a few megabytes at most for 8 clients).
 */
final class Memory implements AutoCloseable {

  private static final long MB = 1024 * 1024;
  private static final long EVERY_MS = 200;

  private final Thread sampler;
  private volatile boolean running = true;
  private long samples;
  private long maxAfterGc;
  private long sumAfterGc;
  private long maxUsed;
  private long maxCommitted;
  private long maxNonHeap;
  private long maxRss;
  private long sumRss;

  private Memory() {
    sampler = new Thread(this::sampleUntilClosed, "figures-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling. */
  static Memory sample() {
    return new Memory();
  }

  private void sampleUntilClosed() {
    while (running) {
      sampleOnce();
      try {
        Thread.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The heap in use right after the most recent collection, young or old, summed over the heap's
   * pools. Not the pools' {@code getCollectionUsage}: with G1 the old generation's is only updated
   * by old-generation collections, which a short measurement may never see (it read 3 MiB).
   */
  private static long heapAfterLastGc() {
    GcInfo last = null;
    for (GarbageCollectorMXBean gc :
        ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
      GcInfo info = gc.getLastGcInfo();
      if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
        last = info;
      }
    }
    if (last == null) {
      return 0;
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = last.getMemoryUsageAfterGc().get(pool.getName());
      if (pool.getType() == MemoryType.HEAP && after != null) {
        used += after.getUsed();
      }
    }
    return used;
  }

  private synchronized void sampleOnce() {
    MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = bean.getHeapMemoryUsage();
    long afterGc = heapAfterLastGc();
    long rss = status("VmRSS");
    samples++;
    maxAfterGc = Math.max(maxAfterGc, afterGc);
    sumAfterGc += afterGc;
    maxUsed = Math.max(maxUsed, heap.getUsed());
    maxCommitted = Math.max(maxCommitted, heap.getCommitted());
    maxNonHeap = Math.max(maxNonHeap, bean.getNonHeapMemoryUsage().getUsed());
    maxRss = Math.max(maxRss, rss);
    sumRss += rss;
  }

  /** Stops sampling (again: nothing). */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampleOnce();
  }

  /** The figures over the sampled time, in MiB. */
  synchronized String summary() {
    long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    return String.format(
        "memory (webserver and load generator, one JVM; %d samples): heap after GC %d MiB on"
            + " average, %d MiB at most; heap in use at most %d MiB, committed %d MiB, max %s;"
            + " non-heap %d MiB; RSS %d MiB on average, %d MiB at most, peak of the process %d MiB",
        samples,
        sumAfterGc / Math.max(1, samples) / MB,
        maxAfterGc / MB,
        maxUsed / MB,
        maxCommitted / MB,
        heapMax < 0 ? "unbounded" : heapMax / MB + " MiB",
        maxNonHeap / MB,
        sumRss / Math.max(1, samples) / MB,
        maxRss / MB,
        status("VmHWM") / MB);
  }

  /** A size from {@code /proc/self/status} in bytes, 0 when it cannot be read. */
  private static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          String kb = line.substring(field.length() + 1).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
