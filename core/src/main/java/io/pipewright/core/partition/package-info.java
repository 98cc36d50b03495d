/**
 * Dynamic partitions: partition keys that users and sensors add at run time to a dynamic partitions
 * definition, behind the {@link io.pipewright.core.partition.DynamicPartitionStore} port.
 */
package io.pipewright.core.partition;
