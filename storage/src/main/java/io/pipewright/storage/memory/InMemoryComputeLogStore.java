package io.pipewright.storage.memory;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.internal.LogTails;
import io.pipewright.storage.internal.Utf8;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@link ComputeLogStore} in memory, for tests. Thread-safe; nothing survives the object. */
public final class InMemoryComputeLogStore implements ComputeLogStore {

  /** One attempt's two streams and when they last changed. */
  private static final class Log {
    final Map<LogStream, ByteArrayOutputStream> streams = new EnumMap<>(LogStream.class);
    Instant lastChange;
  }

  private final Clock clock;
  private final Map<AttemptId, Log> logs = new HashMap<>();

  /** Creates an empty store on the system clock. */
  public InMemoryComputeLogStore() {
    this(Clock.systemUTC());
  }

  /**
   * Creates an empty store.
   *
   * @param clock stamps appends, for retention
   */
  public InMemoryComputeLogStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void append(AttemptId attempt, LogStream stream, byte[] bytes) {
    Log log = logs.computeIfAbsent(attempt, a -> new Log());
    log.streams.computeIfAbsent(stream, s -> new ByteArrayOutputStream()).writeBytes(bytes);
    log.lastChange = clock.instant();
  }

  @Override
  public synchronized LogChunk read(
      AttemptId attempt, LogStream stream, long offset, int maxBytes) {
    Utf8.checkRead(offset, maxBytes);
    byte[] all = bytes(attempt, stream);
    if (offset >= all.length) {
      return new LogChunk("", offset, offset, true);
    }
    int length = (int) Math.min(maxBytes, all.length - offset);
    byte[] part = new byte[length];
    System.arraycopy(all, (int) offset, part, 0, length);
    return Utf8.chunk(part, length, offset, all.length);
  }

  @Override
  public synchronized List<String> tail(AttemptId attempt, LogStream stream, int maxLines) {
    byte[] all = bytes(attempt, stream);
    int start = Math.max(0, all.length - LogTails.TAIL_BYTES);
    byte[] end = new byte[all.length - start];
    System.arraycopy(all, start, end, 0, end.length);
    return LogTails.lastLines(end, end.length, start > 0, maxLines);
  }

  @Override
  public synchronized List<AttemptId> attempts(String runId) {
    List<AttemptId> attempts = new ArrayList<>();
    for (AttemptId attempt : logs.keySet()) {
      if (attempt.runId().equals(runId)) {
        attempts.add(attempt);
      }
    }
    attempts.sort(Comparator.comparing(AttemptId::stepKey).thenComparingInt(AttemptId::attempt));
    return attempts;
  }

  @Override
  public synchronized int deleteRun(String runId) {
    List<AttemptId> attempts = attempts(runId);
    attempts.forEach(logs::remove);
    return attempts.size();
  }

  @Override
  public synchronized int deleteOlderThan(Instant cutoff) {
    int before = logs.size();
    logs.values().removeIf(log -> log.lastChange.isBefore(cutoff));
    return before - logs.size();
  }

  private byte[] bytes(AttemptId attempt, LogStream stream) {
    Log log = logs.get(attempt);
    ByteArrayOutputStream out = log == null ? null : log.streams.get(stream);
    return out == null ? new byte[0] : out.toByteArray();
  }
}
