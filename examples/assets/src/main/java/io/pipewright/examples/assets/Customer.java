package io.pipewright.examples.assets;

/**
 * A customer of the CRM.
 *
 * @param id the customer id
 * @param segment the customer's segment
 * @param active whether the customer still buys
 */
public record Customer(String id, String segment, boolean active) {}
