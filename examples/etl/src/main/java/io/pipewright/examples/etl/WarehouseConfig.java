package io.pipewright.examples.etl;

import io.pipewright.sdk.config.ConfigDefault;

/**
 * Config of the {@code warehouse} resource. Give the password as {@code {"env":
 * "WAREHOUSE_PASSWORD"}} in run config: it is read at set-up time and never logged.
 *
 * @param url the warehouse's address
 * @param password the warehouse's password
 * @param schema the schema reports are written to
 */
public record WarehouseConfig(
    String url, String password, @ConfigDefault("\"analytics\"") String schema) {}
