package io.pipewright.codelocation.testlocation;

/**
 * Config of the test location's warehouse resource.
 *
 * @param url where the warehouse is
 */
public record WarehouseConfig(String url) {}
