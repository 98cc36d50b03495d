package io.pipewright.daemon.logs;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.internal.AttemptPaths;
import io.pipewright.daemon.internal.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compute logs as files: {@code <base>/<run>/<step>/<attempt>/stdout.log} and {@code stderr.log}
 * (keys encoded by {@code AttemptPaths}). A local worker process appends to them directly, so they
 * survive a restart of the daemon and can be read while the process writes.
 */
public final class FileComputeLogStore implements ComputeLogStore {

  /** How much of a file's end {@link #tail} reads to find its last lines. */
  private static final int TAIL_BYTES = 64 * 1024;

  private final Path base;

  /**
   * Creates the store.
   *
   * @param base the directory that holds the logs; created when missing
   */
  public FileComputeLogStore(Path base) {
    this.base = Objects.requireNonNull(base, "base must not be null").toAbsolutePath();
  }

  /**
   * The files of one attempt's two streams.
   *
   * @param stdout standard output's file
   * @param stderr standard error's file
   */
  public record LogFiles(Path stdout, Path stderr) {

    /**
     * The file of one stream.
     *
     * @param stream the stream
     * @return its file
     */
    public Path of(LogStream stream) {
      return stream == LogStream.STDOUT ? stdout : stderr;
    }
  }

  /**
   * Returns the base directory.
   *
   * @return the directory
   */
  public Path base() {
    return base;
  }

  /**
   * Creates an attempt's log directory and returns its files, for a process to append to.
   *
   * @param attempt the attempt
   * @return the files (they exist afterwards, possibly empty)
   * @throws UncheckedIOException when the directory or files cannot be created
   */
  public LogFiles prepare(AttemptId attempt) {
    LogFiles files = files(attempt);
    try {
      Files.createDirectories(files.stdout().getParent());
      for (Path file : List.of(files.stdout(), files.stderr())) {
        if (!Files.exists(file)) {
          Files.createFile(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the compute log files of "
              + attempt
              + " under "
              + base
              + " ("
              + e
              + "); check that the directory is writable, or set"
              + " pipewright.daemon.compute-logs.directory",
          e);
    }
    return files;
  }

  /**
   * The files of an attempt, whether they exist or not.
   *
   * @param attempt the attempt
   * @return the files
   */
  public LogFiles files(AttemptId attempt) {
    Path dir = AttemptPaths.of(base, attempt);
    return new LogFiles(
        dir.resolve(LogStream.STDOUT.fileName()), dir.resolve(LogStream.STDERR.fileName()));
  }

  @Override
  public LogChunk read(AttemptId attempt, LogStream stream, long offset, int maxBytes) {
    if (offset < 0 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "Reading a compute log needs offset >= 0 and maxBytes >= 1, got "
              + offset
              + " and "
              + maxBytes);
    }
    Path file = files(attempt).of(stream);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset >= size) {
        return new LogChunk("", offset, offset, true);
      }
      int length = (int) Math.min(maxBytes, size - offset);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // Read until full: a positional read may return less than asked.
      }
      byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
      int usable = bytes.length;
      if (offset + usable < size) {
        usable = Utf8.completeLength(bytes, usable);
      }
      long next = offset + usable;
      return new LogChunk(
          new String(bytes, 0, usable, StandardCharsets.UTF_8), offset, next, next >= size);
    } catch (NoSuchFileException e) {
      return new LogChunk("", offset, offset, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the compute log " + file + " (" + e + ")", e);
    }
  }

  @Override
  public List<String> tail(AttemptId attempt, LogStream stream, int maxLines) {
    return tailOf(files(attempt).of(stream), maxLines);
  }

  /**
   * Returns the last lines of a file.
   *
   * @param file the file
   * @param maxLines at most this many
   * @return the lines, oldest first; empty when the file does not exist
   */
  static List<String> tailOf(Path file, int maxLines) {
    if (maxLines <= 0) {
      return List.of();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = Math.max(0, size - TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
        // Read until full.
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      if (start > 0 && !lines.isEmpty()) {
        lines.remove(0); // Cut in the middle.
      }
      return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the compute log " + file + " (" + e + ")", e);
    }
  }

  @Override
  public List<AttemptId> attempts(String runId) {
    List<AttemptId> attempts = new ArrayList<>();
    Path runDir = AttemptPaths.ofRun(base, runId);
    for (Path stepDir : Files2.children(runDir)) {
      String stepKey;
      try {
        stepKey = AttemptPaths.decode(stepDir.getFileName().toString());
      } catch (IllegalArgumentException e) {
        continue; // Not ours.
      }
      for (Path attemptDir : Files2.children(stepDir)) {
        try {
          attempts.add(
              new AttemptId(runId, stepKey, Integer.parseInt(attemptDir.getFileName().toString())));
        } catch (IllegalArgumentException e) {
          // Not an attempt directory.
        }
      }
    }
    attempts.sort(Comparator.comparing(AttemptId::stepKey).thenComparingInt(AttemptId::attempt));
    return attempts;
  }

  @Override
  public int deleteRun(String runId) {
    int count = attempts(runId).size();
    Files2.deleteTree(AttemptPaths.ofRun(base, runId));
    return count;
  }

  @Override
  public int deleteOlderThan(Instant cutoff) {
    int deleted = 0;
    for (Path runDir : Files2.children(base)) {
      for (Path stepDir : Files2.children(runDir)) {
        for (Path attemptDir : Files2.children(stepDir)) {
          if (Files2.lastChange(attemptDir).isBefore(cutoff)) {
            Files2.deleteTree(attemptDir);
            deleted++;
          }
        }
        Files2.deleteIfEmpty(stepDir);
      }
      Files2.deleteIfEmpty(runDir);
    }
    return deleted;
  }

  /** UTF-8 boundaries. */
  static final class Utf8 {
    private Utf8() {}

    /**
     * The length of the longest prefix of {@code bytes[0, length)} that does not end inside a
     * multi-byte character.
     */
    static int completeLength(byte[] bytes, int length) {
      int i = length - 1;
      int continuation = 0;
      while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
        i--;
        continuation++;
      }
      if (i < 0) {
        return length;
      }
      int lead = bytes[i] & 0xff;
      int expected = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      return continuation + 1 >= expected ? length : i;
    }
  }
}
