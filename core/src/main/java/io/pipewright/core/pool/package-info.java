/**
 * Op concurrency pools (Dagster's concurrency keys): a pool has a number of slots; a step that
 * needs the pool claims a slot before it runs and frees it when done, or waits as a pending step.
 * The {@link io.pipewright.core.pool.PoolStore} port keeps limits, claimed slots and the queue of
 * pending steps, so that every daemon decision about pools is made against one consistent state.
 */
package io.pipewright.core.pool;
