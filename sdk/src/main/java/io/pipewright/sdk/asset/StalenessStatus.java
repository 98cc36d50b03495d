package io.pipewright.sdk.asset;

/**
 * Whether an asset's latest materialization still reflects its code and its upstream data, as
 * computed by {@link Staleness}.
 */
public enum StalenessStatus {
  /** The asset has been materialized and nothing it depends on has changed since. */
  FRESH,
  /** The asset has been materialized, but its code or its upstream data changed since. */
  STALE,
  /** The asset has never been materialized. */
  MISSING
}
