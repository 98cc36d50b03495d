/**
 * A private, throwaway PostgreSQL for tests and local runs: {@link
 * io.pipewright.postgres.local.PrivatePostgres} (one server per JVM, a fresh database per test
 * suite) and {@link io.pipewright.postgres.local.PrivatePostgresResource} for Quarkus tests.
 */
package io.pipewright.postgres.local;
