package io.pipewright.webserver.figures;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (the webserver and its load clients) and by the PostgreSQL server (its
 * postmaster and backends, read from {@code /proc}; Linux only, zero elsewhere).
 *
 * <p>On a shared machine, latency and throughput follow the share of the cores the bench gets; CPU
 * per request hardly does, so it is what compares runs made under different loads.
 */
final class Cpu {

  /** Linux's clock ticks per second ({@code getconf CLK_TCK}), 100 on every common kernel. */
  private static final double TICKS_PER_SECOND = 100;

  private final long postmaster;

  /**
   * @param postmaster the PostgreSQL server's process id, or 0 when unknown
   */
  Cpu(long postmaster) {
    this.postmaster = postmaster;
  }

  /** Reads the postmaster's process id from the data directory's {@code postmaster.pid}. */
  static long postmasterOf(String dataDirectory) {
    try {
      return Long.parseLong(
          Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU seconds so far: this JVM's, and PostgreSQL's. */
  Sample sample() {
    double jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9;
    return new Sample(jvm, postgres());
  }

  /** The postmaster's time, its reaped children's, and its living children's (the backends). */
  private double postgres() {
    if (postmaster == 0) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(p);
        if (f == null) {
          continue;
        }
        long pid = Long.parseLong(name);
        // Fields after the command: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
        if (pid == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } else if (Long.parseLong(f[1]) == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name (which may hold spaces). */
  private static String[] stat(Path process) {
    try {
      String text = Files.readString(process.resolve("stat"));
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null; // the process ended meanwhile
    }
  }

  /** CPU seconds at one time. */
  record Sample(double jvm, double postgres) {

    /** The CPU used since an earlier sample, per unit of work, in milliseconds. */
    String perUnit(Sample before, long units, String unit) {
      if (units == 0) {
        return "";
      }
      return String.format(
          "; CPU per %s: JVM %.2f ms, PostgreSQL %.2f ms",
          unit, (jvm - before.jvm) * 1e3 / units, (postgres - before.postgres) * 1e3 / units);
    }
  }
}
