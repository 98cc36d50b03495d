/**
 * Storage adapters of core's store ports. {@link io.pipewright.storage.memory} holds the in-memory
 * adapters; the PostgreSQL adapters are CDI beans that Quarkus applications get by depending on
 * this module.
 */
package io.pipewright.storage;
