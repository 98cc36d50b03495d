package io.pipewright.examples.etl;

/**
 * One order row, as the example's source system returns it.
 *
 * @param id the order id
 * @param region the sales region
 * @param amount the order amount in euros
 * @param status the order status
 */
public record Order(String id, String region, double amount, String status) {}
