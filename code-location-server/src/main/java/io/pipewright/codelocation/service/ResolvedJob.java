package io.pipewright.codelocation.service;

import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.internal.plan.OpNode;
import java.util.List;
import java.util.Set;

/**
 * A job narrowed to what a request selects.
 *
 * @param job the job (for an asset selection, compiled for exactly those assets)
 * @param ops the job's flattened ops, in topological order
 * @param selected the op handles that run, or null for all
 */
record ResolvedJob(JobDefinition job, List<OpNode> ops, Set<String> selected) {}
