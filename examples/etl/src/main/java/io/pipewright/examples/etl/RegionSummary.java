package io.pipewright.examples.etl;

/**
 * The total of one region.
 *
 * @param region the region
 * @param orders how many orders
 * @param total the sum of their amounts
 */
public record RegionSummary(String region, int orders, double total) {}
