package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * What the event ingest did with a {@link StepEventBatch}.
 *
 * @param accepted how many events were new and stored
 * @param duplicates how many had been stored before (same step, attempt and sequence) and were
 *     ignored
 * @param highestSequence the highest sequence now stored for the attempt; -1 when none is; a worker
 *     may drop everything up to it from its resend buffer
 */
public record IngestResult(int accepted, int duplicates, long highestSequence) {

  /** Validates the counts. */
  public IngestResult {
    Checks.nonNegative(accepted, "IngestResult", "accepted");
    Checks.nonNegative(duplicates, "IngestResult", "duplicates");
    if (highestSequence < -1) {
      throw new IllegalArgumentException(
          "IngestResult needs a highestSequence of -1 or more, got " + highestSequence);
    }
  }
}
