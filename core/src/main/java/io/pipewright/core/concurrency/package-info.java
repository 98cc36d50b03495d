/**
 * Op concurrency pools: global keys with a number of slots that steps of every run claim before
 * they launch and free when their attempt ends (Dagster's op concurrency limits and pools). The
 * allocation ({@link io.pipewright.core.concurrency.ConcurrencyPools#allocate}) is pure; who holds
 * a slot is derived from the runs' progress, so nothing needs persisting for a daemon restart.
 */
package io.pipewright.core.concurrency;
