package io.pipewright.daemon.ingest;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.launch.local.AttemptOutputListener;
import io.pipewright.protocol.mapping.EventJsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The local event ingest: reads the events a step worker without an event ingest URL writes to its
 * standard output (one JSON line per event, {@link EventJsonLines}) and appends them to the {@link
 * EventLog} through its idempotent {@link EventLog#ingest}, as the webserver's ingest endpoint
 * would.
 *
 * <p>Running workers' files are read every poll interval; a worker's file is read to its end when
 * the worker exits, before the launcher reports the exit. Reading a file again from the start
 * (after a daemon restart) stores nothing twice: the log skips events whose (step, attempt,
 * sequence) it has. Lines that are not events (a library printing to standard output) are left in
 * the compute log and skipped here.
 */
public final class StdoutEventIngester implements AttemptOutputListener, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StdoutEventIngester.class);

  /** Bytes read per step; events are small, so this holds many. */
  private static final int CHUNK = 256 * 1024;

  /** Events per ingest call. */
  private static final int BATCH = 500;

  private final EventLog events;
  private final Duration timeout;
  private final Map<AttemptId, Reader> readers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pipewright-stdout-ingest");
            t.setDaemon(true);
            return t;
          });

  /**
   * Creates the ingester and starts polling.
   *
   * @param events where events go
   * @param pollInterval how often running workers' output is read
   * @param timeout how long one ingest call may take
   */
  public StdoutEventIngester(EventLog events, Duration pollInterval, Duration timeout) {
    this.events = Objects.requireNonNull(events, "events must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    long millis = Math.max(10, pollInterval.toMillis());
    poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void started(AttemptId attempt, Path stdout) {
    readers.computeIfAbsent(attempt, id -> new Reader(id, stdout));
  }

  @Override
  public void ended(AttemptId attempt, Path stdout) {
    Reader reader = readers.computeIfAbsent(attempt, id -> new Reader(id, stdout));
    synchronized (reader) {
      reader.read(true); // On failure the reader stays, with its offset, for the next call.
    }
    readers.remove(attempt);
  }

  private void poll() {
    for (Reader reader : readers.values()) {
      try {
        synchronized (reader) {
          reader.read(false);
        }
      } catch (RuntimeException e) {
        LOG.warnf(e, "Reading the events of %s failed; retrying", reader.attempt);
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  /** Reads one attempt's standard output from where it stopped. */
  private final class Reader {
    final AttemptId attempt;
    final Path file;
    long offset;
    int skipped;

    Reader(AttemptId attempt, Path file) {
      this.attempt = attempt;
      this.file = file;
    }

    /**
     * Reads complete lines (and, when final, a last line without a line break) and ingests the
     * events among them; the offset moves only past what was stored.
     */
    void read(boolean last) {
      while (true) {
        byte[] bytes = chunk();
        if (bytes.length == 0) {
          return;
        }
        int end = lastLineBreak(bytes) + 1;
        if (end == 0) {
          if (bytes.length == CHUNK) {
            offset += CHUNK; // A line longer than a chunk is no event line: skip it.
            continue;
          }
          if (!last) {
            return; // A line being written: read it when it is complete.
          }
          end = bytes.length;
        }
        ingest(new String(bytes, 0, end, StandardCharsets.UTF_8));
        offset += end;
      }
    }

    private byte[] chunk() {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        if (offset >= size) {
          return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
          // Read until full.
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
      } catch (NoSuchFileException e) {
        return new byte[0];
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("Cannot read " + file + " (" + e + ")", e);
      }
    }

    private void ingest(String text) {
      List<EventRecord> batch = new ArrayList<>();
      long previous = -1;
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
          continue;
        }
        EventRecord event;
        try {
          event = EventJsonLines.decode(trimmed);
        } catch (IllegalArgumentException e) {
          if (skipped++ == 0) {
            LOG.warnf("Skipping a line of %s that is not an event: %s", attempt, e.getMessage());
          }
          continue;
        }
        if (!attempt.runId().equals(event.runId())
            || !attempt.stepKey().equals(event.stepKey())
            || attempt.attempt() != event.attempt()) {
          if (skipped++ == 0) {
            LOG.warnf(
                "Skipping an event of %s/%s#%d in the output of %s: a worker reports only its own",
                event.runId(), event.stepKey(), event.attempt(), attempt);
          }
          continue;
        }
        if (event.sequence() <= previous || batch.size() >= BATCH) {
          store(batch);
          batch = new ArrayList<>();
        }
        previous = event.sequence();
        batch.add(event);
      }
      store(batch);
    }

    private void store(List<EventRecord> batch) {
      if (batch.isEmpty()) {
        return;
      }
      events
          .ingest(new StepEventBatch(attempt.runId(), attempt.stepKey(), attempt.attempt(), batch))
          .await()
          .atMost(timeout);
    }
  }

  /** The index of the last line break, or -1. */
  static int lastLineBreak(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
