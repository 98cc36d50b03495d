package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.config.ConfigDescription;

/**
 * Config of the test location's extract op.
 *
 * @param limit how many rows to read
 * @param source where from
 */
public record ExtractConfig(
    @ConfigDescription("How many rows to read.") int limit,
    @ConfigDefault("\"demo\"") String source) {}
