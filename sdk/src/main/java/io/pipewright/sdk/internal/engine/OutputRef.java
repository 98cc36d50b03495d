package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.Out;

/**
 * A stored output to load: which run, step, output and (for one value of a dynamic output) mapping
 * key, and the output's definition, which names its IO manager and type.
 *
 * @param runId the run that produced it
 * @param stepKey the step that produced it
 * @param opName the op of that step
 * @param out the output's definition
 * @param mappingKey the dynamic value's mapping key, or {@code null}
 * @param partitionKey the partition of an asset output, or {@code null}
 */
public record OutputRef(
    String runId, String stepKey, String opName, Out out, String mappingKey, String partitionKey) {}
