package io.pipewright.examples.assets;

/**
 * One sale of a day.
 *
 * @param id the sale id
 * @param customer the customer id
 * @param amount the amount in euros
 */
public record Sale(String id, String customer, double amount) {}
