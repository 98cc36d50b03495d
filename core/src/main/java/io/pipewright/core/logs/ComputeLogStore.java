package io.pipewright.core.logs;

import io.pipewright.core.launch.AttemptId;
import java.time.Instant;
import java.util.List;

/**
 * The port to compute logs: what each step attempt wrote to its standard output and standard error
 * (Dagster's captured logs). Readable while the attempt runs, so that a UI can stream them.
 *
 * <p>Written by whoever runs the attempt: the local-process launcher points a child's output at the
 * files of the storage module's file adapter directly (so the logs outlive a daemon restart), a
 * cluster launcher copies a pod's log with {@link #append}. Adapters: files, PostgreSQL, memory;
 * every one passes the same contract test suite. Methods block (they are called from daemon loops
 * and request worker threads, never from an event loop) and may be called from any thread; reads
 * never block on writers.
 */
public interface ComputeLogStore {

  /**
   * Appends bytes to one stream of an attempt's log. Appends to the same stream must not run
   * concurrently (one writer per attempt and stream); each append is atomic for readers.
   *
   * @param attempt the attempt
   * @param stream which stream
   * @param bytes the bytes, UTF-8 text (a character may be split across two appends)
   * @throws java.io.UncheckedIOException or another runtime exception when the log cannot be
   *     written
   */
  void append(AttemptId attempt, LogStream stream, byte[] bytes);

  /**
   * Reads part of one stream of an attempt's log, from a byte offset.
   *
   * @param attempt the attempt
   * @param stream which stream
   * @param offset where to start, in bytes from the start of the stream (the previous chunk's
   *     {@link LogChunk#nextOffset()}); 0 for the start
   * @param maxBytes at most this many bytes; 1 or more
   * @return the chunk; empty text at offset 0 when the attempt has no log (yet)
   */
  LogChunk read(AttemptId attempt, LogStream stream, long offset, int maxBytes);

  /**
   * Returns the last lines of one stream of an attempt's log, for failure messages.
   *
   * @param attempt the attempt
   * @param stream which stream
   * @param maxLines at most this many lines; 0 or more
   * @return the lines, oldest first, without line breaks; empty when there is no log
   */
  List<String> tail(AttemptId attempt, LogStream stream, int maxLines);

  /**
   * Lists the attempts of a run that have logs.
   *
   * @param runId the run
   * @return the attempts, by step key then attempt number
   */
  List<AttemptId> attempts(String runId);

  /**
   * Deletes every log of a run.
   *
   * @param runId the run
   * @return how many attempts' logs were deleted
   */
  int deleteRun(String runId);

  /**
   * Deletes the logs of attempts last written before a cutoff (retention).
   *
   * @param cutoff logs whose last change is older are deleted
   * @return how many attempts' logs were deleted
   */
  int deleteOlderThan(Instant cutoff);
}
