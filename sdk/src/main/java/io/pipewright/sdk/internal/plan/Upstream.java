package io.pipewright.sdk.internal.plan;

/**
 * One source of an op input in the flattened graph: an output of another op, by handle.
 *
 * @param handle the upstream op's handle ({@code graph.op})
 * @param outputName the upstream output
 * @param collected whether the mapped values are gathered into a list
 */
public record Upstream(String handle, String outputName, boolean collected) {}
