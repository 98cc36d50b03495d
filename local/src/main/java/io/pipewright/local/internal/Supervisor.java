package io.pipewright.local.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of the local system: starts them with their output in log files, and stops
 * them with their whole process trees (SIGTERM, then SIGKILL after a grace period).
 */
public final class Supervisor {

  /** How long a server has to stop after SIGTERM before it is killed. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  /**
   * A started server.
   *
   * @param component what was started
   * @param process its process
   * @param log its log file
   */
  public record Child(Component component, Process process, Path log) {}

  private final List<Child> children = new ArrayList<>();
  private final PrintStream err;
  private boolean stopped;

  /**
   * Creates a supervisor with no children.
   *
   * @param err where progress of stopping is reported
   */
  public Supervisor(PrintStream err) {
    this.err = err;
  }

  /**
   * Starts a server, its output (standard output and error) appended to {@code logs/<name>.log}.
   *
   * @param component the server
   * @param workingDirectory where it runs
   * @param logs the log directory
   * @return the started child
   * @throws IllegalStateException when the supervisor is stopping, or the process cannot start
   */
  public synchronized Child start(Component component, Path workingDirectory, Path logs) {
    if (stopped) {
      throw new IllegalStateException("Stopping: " + component.name() + " is not started");
    }
    Path log = logs.resolve(component.name() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(component.command())
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(component.environment());
    try {
      Child child = new Child(component, builder.start(), log);
      children.add(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start " + component.name() + " (" + component.command().get(0) + ")", e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  /**
   * Returns the started children, in start order.
   *
   * @return the children
   */
  public synchronized List<Child> children() {
    return List.copyOf(children);
  }

  /**
   * Stops every child, in reverse start order by groups: each group is sent SIGTERM together, and
   * waited for before the next group. A child that outlives the grace period is killed, and so is
   * every process it had started that is still alive (a worker, say).
   *
   * @param groups the names of the children of each group, first group first; children not named
   *     are stopped last
   */
  public synchronized void stop(List<List<String>> groups) {
    stopped = true;
    List<Child> left = new ArrayList<>(children);
    for (List<String> group : groups) {
      List<Child> now = left.stream().filter(c -> group.contains(c.component().name())).toList();
      left.removeAll(now);
      stopTogether(now);
    }
    stopTogether(left);
  }

  private void stopTogether(List<Child> group) {
    if (group.isEmpty()) {
      return;
    }
    // Their descendants now: once a child is gone, its orphans are no longer its descendants.
    List<ProcessHandle> descendants = new ArrayList<>();
    for (Child child : group) {
      child.process().descendants().forEach(descendants::add);
      if (child.process().isAlive()) {
        err.println("  stopping " + child.component().name());
        child.process().destroy();
      }
    }
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (Child child : group) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!child.process().waitFor(left, TimeUnit.NANOSECONDS)) {
          err.println(
              "  "
                  + child.component().name()
                  + " did not stop within "
                  + GRACE.toSeconds()
                  + " s: killing it (log: "
                  + child.log()
                  + ")");
          child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.process().destroyForcibly();
      }
    }
    for (ProcessHandle orphan : descendants) {
      if (orphan.isAlive()) {
        orphan.destroyForcibly();
      }
    }
  }

  /**
   * Returns the last lines of a log, for error messages.
   *
   * @param log the file
   * @param lines how many
   * @return the first ERROR line above them, if any, and the lines, indented; empty when the file
   *     cannot be read
   */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      // The last lines of a failed start are often the end of a stack trace; its first ERROR
      // line (Quarkus's "Failed to start application") says what went wrong.
      String firstError =
          all.stream()
              .filter(l -> l.contains(" ERROR "))
              .filter(l -> !last.contains(l))
              .findFirst()
              .map(l -> "    " + l + "\n    ...\n")
              .orElse("");
      return firstError + "    " + String.join("\n    ", last);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
