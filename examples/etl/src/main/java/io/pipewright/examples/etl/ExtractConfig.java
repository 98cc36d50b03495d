package io.pipewright.examples.etl;

import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.config.ConfigDescription;
import java.util.List;

/**
 * Config of the {@code extract} op.
 *
 * @param limit how many orders to read
 * @param regions which regions to keep
 * @param source where to read from
 * @param failFirstAttempts how many attempts fail on purpose, to show retries
 */
public record ExtractConfig(
    @ConfigDescription("How many orders to read.") int limit,
    @ConfigDefault("[\"north\", \"south\", \"east\"]") List<String> regions,
    @ConfigDefault("\"DEMO\"") Source source,
    @ConfigDefault("0") @ConfigDescription("Attempts that fail on purpose, to show retries.")
        int failFirstAttempts) {

  /** Where orders come from. */
  public enum Source {
    /** Generated orders. */
    DEMO,
    /** The same generated orders, with a few broken ones. */
    DEMO_WITH_ERRORS,
    /** An export where every amount is broken. */
    BROKEN_EXPORT
  }
}
