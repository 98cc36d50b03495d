package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.storage.files.AttemptPaths;
import io.pipewright.storage.files.Files2;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * What the launcher records of one attempt on disk, in {@code <state>/<run>/<step>/<attempt>/}:
 *
 * <ul>
 *   <li>{@code process}: the wrapper's pid, its start time and the code location, written right
 *       after the process started. Its presence means "launched": launching the attempt again, even
 *       from a restarted daemon, starts nothing.
 *   <li>{@code exit}: the worker's exit code, written by the wrapper shell when the worker exits,
 *       so that it is known even when no daemon was running at that moment.
 *   <li>{@code terminate}: the daemon asked to stop the attempt.
 *   <li>{@code ended}: the end status the launcher reported, after the worker's output was read.
 * </ul>
 */
final class AttemptFiles {

  private final AttemptId attempt;
  private final Path dir;

  AttemptFiles(Path stateDirectory, AttemptId attempt) {
    this.attempt = attempt;
    this.dir = AttemptPaths.of(stateDirectory, attempt);
  }

  AttemptId attempt() {
    return attempt;
  }

  Path dir() {
    return dir;
  }

  Path exitFile() {
    return dir.resolve("exit");
  }

  boolean launched() {
    return Files.exists(dir.resolve("process"));
  }

  void createDirectory() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the launcher's state directory " + dir + " (" + e + ")", e);
    }
  }

  /** What {@code process} holds. */
  record ProcessRecord(long pid, Instant start, String location) {}

  void writeProcess(ProcessRecord record) {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(record.pid()));
    if (record.start() != null) {
      p.setProperty("start", Long.toString(record.start().toEpochMilli()));
    }
    p.setProperty("location", record.location());
    Files2.writeAtomically(dir.resolve("process"), store(p));
  }

  ProcessRecord readProcess() {
    Properties p = load(dir.resolve("process"));
    if (p == null || p.getProperty("pid") == null) {
      return null;
    }
    String start = p.getProperty("start");
    return new ProcessRecord(
        Long.parseLong(p.getProperty("pid")),
        start == null ? null : Instant.ofEpochMilli(Long.parseLong(start)),
        p.getProperty("location", "?"));
  }

  /** The exit code the wrapper recorded, or null. */
  Integer readExitCode() {
    String text = Files2.readOrNull(exitFile());
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  void markTerminateRequested() {
    Files2.writeAtomically(dir.resolve("terminate"), "");
  }

  boolean terminateRequested() {
    return Files.exists(dir.resolve("terminate"));
  }

  void writeEnded(AttemptStatus status) {
    Properties p = new Properties();
    p.setProperty("phase", status.phase().name());
    p.setProperty("at", Long.toString(status.observedAt().toEpochMilli()));
    if (status.exitCode() != null) {
      p.setProperty("exitCode", Integer.toString(status.exitCode()));
    }
    if (status.reason() != null) {
      p.setProperty("reason", status.reason().name());
    }
    if (status.message() != null) {
      p.setProperty("message", status.message());
    }
    Files2.writeAtomically(dir.resolve("ended"), store(p));
  }

  /** The end status recorded earlier, with the given last log lines; null when none is. */
  AttemptStatus readEnded(List<String> lastLogLines) {
    Properties p = load(dir.resolve("ended"));
    if (p == null) {
      return null;
    }
    AttemptStatus.Phase phase = AttemptStatus.Phase.valueOf(p.getProperty("phase"));
    Instant at = Instant.ofEpochMilli(Long.parseLong(p.getProperty("at")));
    String exit = p.getProperty("exitCode");
    String reason = p.getProperty("reason");
    return new AttemptStatus(
        attempt,
        phase,
        at,
        reason == null ? null : AttemptFailureReason.valueOf(reason),
        exit == null ? null : Integer.valueOf(exit),
        p.getProperty("message"),
        phase == AttemptStatus.Phase.FAILED ? lastLogLines : List.of());
  }

  private static String store(Properties p) {
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Properties load(Path file) {
    String text = Files2.readOrNull(file);
    if (text == null) {
      return null;
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return p;
  }
}
