package io.pipewright.sdk.event;

/** How serious a failed asset check is (Dagster's {@code AssetCheckSeverity}). */
public enum AssetCheckSeverity {
  /** Worth a look; never blocks anything. */
  WARN,
  /** A real problem; a blocking check with this severity stops downstream materializations. */
  ERROR
}
