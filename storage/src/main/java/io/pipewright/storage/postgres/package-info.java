/**
 * The PostgreSQL adapters of core's store ports, as CDI beans ({@code @ApplicationScoped}): a
 * Quarkus application that depends on {@code pipewright-storage} and configures its default
 * datasource (reactive URL, JDBC URL for Flyway, user, password) can inject {@code RunStore},
 * {@code EventLog} and the other ports. See {@code docs/storage.md} for the schema.
 */
package io.pipewright.storage.postgres;
