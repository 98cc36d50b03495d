package io.pipewright.sdk.internal.plan;

import io.pipewright.sdk.OpDefinition;
import java.util.List;
import java.util.Map;

/**
 * An op in the flattened graph of a job.
 *
 * @param handle the op's path through nested graphs, such as {@code etl.clean}; the step key of an
 *     unmapped step
 * @param op the op's definition
 * @param tags the op's tags, overlaid with the invocation's
 * @param inputs the op's inputs, in declaration order
 * @param index position in topological order
 */
public record OpNode(
    String handle,
    OpDefinition op,
    Map<String, String> tags,
    List<InputWiring> inputs,
    int index) {}
