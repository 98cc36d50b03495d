/**
 * Backfills (Dagster's bulk actions): requests to run many partitions of a job or an asset
 * selection, tracked as one {@link io.pipewright.core.backfill.Backfill} with a status per
 * partition, behind the {@link io.pipewright.core.backfill.BackfillStore} port. Both lifecycles are
 * explicit transition tables ({@link io.pipewright.core.backfill.BackfillStatus}, {@link
 * io.pipewright.core.backfill.BackfillPartitionStatus}).
 */
package io.pipewright.core.backfill;
