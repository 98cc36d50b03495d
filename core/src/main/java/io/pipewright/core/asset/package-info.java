/**
 * The asset index: what the event log knows about each asset (its latest materialization and
 * observation, its check evaluations, its partitions), kept by the event log in the same
 * transaction as the events, and read through the {@link io.pipewright.core.asset.AssetIndex} port.
 */
package io.pipewright.core.asset;
