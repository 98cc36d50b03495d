package io.pipewright.storage.files;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.internal.LogTails;
import io.pipewright.storage.internal.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compute logs as files: {@code <base>/<run>/<step>/<attempt>/stdout.log} and {@code stderr.log}
 * (keys encoded by {@code AttemptPaths}). A local worker process appends to them directly, so they
 * survive a restart of the daemon and can be read while the process writes.
 */
public final class FileComputeLogStore implements ComputeLogStore {

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
  public void append(AttemptId attempt, LogStream stream, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    Path file = prepare(attempt).of(stream);
    try {
      Files.write(file, bytes, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot append to the compute log " + file + " (" + e + "); check that it is writable",
          e);
    }
  }

  @Override
  public LogChunk read(AttemptId attempt, LogStream stream, long offset, int maxBytes) {
    Utf8.checkRead(offset, maxBytes);
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
      return Utf8.chunk(buffer.array(), buffer.position(), offset, size);
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
  private static List<String> tailOf(Path file, int maxLines) {
    if (maxLines <= 0) {
      return List.of();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = Math.max(0, size - LogTails.TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
        // Read until full.
      }
      return LogTails.lastLines(buffer.array(), buffer.position(), start > 0, maxLines);
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
}
