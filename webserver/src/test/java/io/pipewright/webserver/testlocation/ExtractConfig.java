package io.pipewright.webserver.testlocation;

import io.pipewright.sdk.config.ConfigDefault;

/**
 * Config of the test location's extract op.
 *
 * @param limit how many rows to read; required
 * @param source where from
 */
public record ExtractConfig(int limit, @ConfigDefault("\"demo\"") String source) {}
