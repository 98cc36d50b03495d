package io.pipewright.sdk.internal.plan;

import io.pipewright.sdk.In;
import java.util.List;

/**
 * An op input in the flattened graph.
 *
 * @param in the input's definition
 * @param sources its upstream outputs; empty when it takes its default value
 * @param fanIn whether it receives a list of the sources' values (several sources, or a graph input
 *     mapped from several)
 * @param hasDefault whether a default applies when there are no sources
 * @param defaultValue the default (the input's own, or the enclosing graph input's)
 */
public record InputWiring(
    In in, List<Upstream> sources, boolean fanIn, boolean hasDefault, Object defaultValue) {}
