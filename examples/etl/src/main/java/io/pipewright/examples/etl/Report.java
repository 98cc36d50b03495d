package io.pipewright.examples.etl;

import java.util.List;

/**
 * The report the job loads into the warehouse.
 *
 * @param regions one summary per region
 * @param grandTotal the sum over all regions
 */
public record Report(List<RegionSummary> regions, double grandTotal) {}
