/**
 * In-memory adapters of every store port, thread-safe, for fast tests of other modules and for
 * running without a database. {@link io.pipewright.storage.memory.InMemoryStorage} wires them over
 * one shared state (the event log keeps the asset index, as the PostgreSQL adapter does). They pass
 * the same contract suites as the PostgreSQL adapters.
 */
package io.pipewright.storage.memory;
