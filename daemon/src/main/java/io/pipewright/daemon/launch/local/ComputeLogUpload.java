package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.files.FileComputeLogStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Copies a local worker's compute logs into the configured compute log store ({@code
 * pipewright.compute-logs.store=postgres}) when its attempt ends, so that the webserver serves them
 * without sharing the daemon's disk. Local workers write files (readable while they run, and kept
 * across daemon restarts); this copies both streams once the worker exited, after the listener it
 * wraps (the events on standard output) is done.
 *
 * <p>An attempt whose stream is in the store already is not copied again: a restarted daemon may
 * see the same ended worker twice. A copy that fails is logged, not retried: the files stay, and
 * the attempt's end is not held back for its logs.
 */
public final class ComputeLogUpload implements AttemptOutputListener {

  private static final Logger LOG = Logger.getLogger(ComputeLogUpload.class);

  /** Bytes read from a file per chunk. */
  private static final int CHUNK = 1 << 20;

  private final AttemptOutputListener next;
  private final FileComputeLogStore files;
  private final ComputeLogStore store;

  /**
   * Creates the upload.
   *
   * @param next the listener told first (the events on standard output), or {@link
   *     AttemptOutputListener#NONE}
   * @param files where the workers write their logs
   * @param store the configured store, where the logs are copied
   */
  public ComputeLogUpload(
      AttemptOutputListener next, FileComputeLogStore files, ComputeLogStore store) {
    this.next = Objects.requireNonNull(next, "next must not be null");
    this.files = Objects.requireNonNull(files, "files must not be null");
    this.store = Objects.requireNonNull(store, "store must not be null");
  }

  @Override
  public void started(AttemptId attempt, Path stdout) {
    next.started(attempt, stdout);
  }

  @Override
  public void ended(AttemptId attempt, Path stdout) {
    next.ended(attempt, stdout);
    for (LogStream stream : LogStream.values()) {
      try {
        copy(attempt, stream);
      } catch (RuntimeException e) {
        LOG.warnf(
            "Could not copy the %s log of %s into the compute log store (%s); it stays in %s",
            stream, attempt, e.getMessage(), files.files(attempt).of(stream));
      }
    }
  }

  private void copy(AttemptId attempt, LogStream stream) {
    if (!store.read(attempt, stream, 0, 1).text().isEmpty()) {
      return; // Copied already.
    }
    long offset = 0;
    while (true) {
      LogChunk chunk = files.read(attempt, stream, offset, CHUNK);
      if (!chunk.text().isEmpty()) {
        store.append(attempt, stream, chunk.text().getBytes(StandardCharsets.UTF_8));
      }
      if (chunk.atEnd() || chunk.nextOffset() <= offset) {
        return;
      }
      offset = chunk.nextOffset();
    }
  }
}
