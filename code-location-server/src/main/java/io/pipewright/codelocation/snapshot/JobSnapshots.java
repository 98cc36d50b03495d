package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.GraphNodeSnapshot;
import io.pipewright.core.snapshot.InputSnapshot;
import io.pipewright.core.snapshot.InputSourceSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.NodeSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.OutputMappingSnapshot;
import io.pipewright.core.snapshot.OutputSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.GraphDefinition.NodeOutput;
import io.pipewright.sdk.GraphDefinition.Source;
import io.pipewright.sdk.In;
import io.pipewright.sdk.Jitter;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.internal.definition.JobConfigSchema;
import io.pipewright.sdk.internal.engine.RunSetup;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates jobs into {@link JobSnapshot}s: the graph as a tree of nodes (nested graphs kept), the
 * run config schema of the ops the job runs, its resources, executor and partitions.
 */
public final class JobSnapshots {

  private JobSnapshots() {}

  /**
   * Translates a job.
   *
   * @param job the job, with the definitions' resources bound (as {@code Definitions} holds it)
   * @param assets the index of the definitions' assets, for asset jobs
   * @return the snapshot
   */
  public static JobSnapshot of(JobDefinition job, JobAssets assets) {
    List<OpNode> ops = GraphFlattener.flatten(job.graph());
    Set<String> selected = RunSetup.select(job, ops, null);
    String assetSelection = null;
    if (job.assetLayer().isPresent()) {
      Set<AssetKey> keys = assets.assetsOf(job);
      assetSelection =
          keys.isEmpty() ? null : AssetSelection.keys(keys.toArray(AssetKey[]::new)).toExpression();
    }
    return of(job, assets, selected, assetSelection);
  }

  /**
   * Translates the implicit asset job, which selects every asset ({@code *}).
   *
   * @param job the compiled implicit asset job
   * @param assets the index of the definitions' assets
   * @return the snapshot
   */
  static JobSnapshot implicitAssetJob(JobDefinition job, JobAssets assets) {
    return of(job, assets, null, AssetSelection.all().toExpression());
  }

  private static JobSnapshot of(
      JobDefinition job, JobAssets assets, Set<String> selected, String assetSelection) {
    List<ResourceSnapshot> resources = new ArrayList<>(job.resources().size());
    for (Map.Entry<String, ResourceDefinition<?>> e : new TreeMap<>(job.resources()).entrySet()) {
      resources.add(resource(e.getKey(), e.getValue()));
    }
    return new JobSnapshot(
        job.name(),
        job.description(),
        sorted(job.tags()),
        job.graph().name(),
        nodes(job.graph()),
        ConfigSnapshots.schema(JobConfigSchema.of(job, selected)),
        resources,
        new ExecutorSnapshot(job.executor().kind().name(), job.executor().maxConcurrent()),
        ConfigSnapshots.runConfig(job.defaultConfig(), "the default config of job " + job.name()),
        job.opSelection().orElse(List.of()),
        assetSelection,
        PartitionSnapshots.of(assets.partitionsOf(job).orElse(null)));
  }

  /**
   * Translates a resource bound under a key.
   *
   * @param key the key
   * @param resource the resource
   * @return the snapshot
   */
  public static ResourceSnapshot resource(String key, ResourceDefinition<?> resource) {
    return new ResourceSnapshot(
        key,
        resource.description(),
        resource.configType().map(ConfigSnapshots::schema).orElse(null),
        resource.isIoManager(),
        ResourceSnapshot.Scope.valueOf(resource.scope().name()));
  }

  /**
   * Translates a retry policy.
   *
   * @param policy the policy, or null
   * @return the snapshot, or null for null
   */
  public static RetryPolicySnapshot retryPolicy(RetryPolicy policy) {
    if (policy == null) {
      return null;
    }
    return new RetryPolicySnapshot(
        policy.maxRetries(),
        policy.delay(),
        policy.backoff().map(JobSnapshots::backoff).orElse(null),
        policy.jitter().map(JobSnapshots::jitter).orElse(null));
  }

  /**
   * Returns tags sorted by key, so that the snapshot and its hash do not depend on the order of a
   * {@code Map.of}, which changes from one JVM to the next.
   *
   * @param tags the tags
   * @return a sorted copy
   */
  public static Map<String, String> sorted(Map<String, String> tags) {
    return tags.isEmpty() ? Map.of() : new TreeMap<>(tags);
  }

  private static List<NodeSnapshot> nodes(GraphDefinition graph) {
    List<NodeSnapshot> nodes = new ArrayList<>(graph.nodes().size());
    for (NodeInvocation node : graph.nodes()) {
      nodes.add(node(node));
    }
    return nodes;
  }

  private static NodeSnapshot node(NodeInvocation node) {
    if (node.definition() instanceof OpDefinition op) {
      Map<String, String> tags = new TreeMap<>(op.tags());
      tags.putAll(node.tags());
      List<String> required = new ArrayList<>(op.requiredResourceKeys());
      required.sort(null);
      return new OpNodeSnapshot(
          node.alias(),
          op.name(),
          op.description(),
          inputs(op.inputs(), node),
          outputs(op.outputs()),
          tags,
          required,
          retryPolicy(op.retryPolicy().orElse(null)),
          op.configType().map(ConfigSnapshots::schema).orElse(null));
    }
    GraphDefinition graph = (GraphDefinition) node.definition();
    List<OutputMappingSnapshot> mappings = new ArrayList<>(graph.outputMappings().size());
    for (Map.Entry<String, NodeOutput> e : graph.outputMappings().entrySet()) {
      mappings.add(
          new OutputMappingSnapshot(e.getKey(), e.getValue().alias(), e.getValue().outputName()));
    }
    return new GraphNodeSnapshot(
        node.alias(),
        graph.name(),
        graph.description(),
        inputs(graph.inputs(), node),
        outputs(graph.outputs()),
        sorted(node.tags()),
        nodes(graph),
        mappings);
  }

  private static List<InputSnapshot> inputs(List<In> ins, NodeInvocation node) {
    List<InputSnapshot> out = new ArrayList<>(ins.size());
    for (In in : ins) {
      List<Source> wired = node.inputs().getOrDefault(in.name(), List.of());
      List<InputSourceSnapshot> sources = new ArrayList<>(wired.size());
      for (Source source : wired) {
        if (source instanceof NodeOutput from) {
          sources.add(
              new InputSourceSnapshot.NodeOutput(
                  from.alias(), from.outputName(), from.collected()));
        } else {
          sources.add(
              new InputSourceSnapshot.GraphInput(((GraphDefinition.GraphInput) source).name()));
        }
      }
      out.add(
          new InputSnapshot(
              in.name(),
              in.type().name(),
              in.description(),
              sources,
              in.hasDefault(),
              MetadataSnapshots.key(in.assetKey()),
              MetadataSnapshots.entries(in.metadata())));
    }
    return out;
  }

  private static List<OutputSnapshot> outputs(List<Out> outs) {
    List<OutputSnapshot> out = new ArrayList<>(outs.size());
    for (Out o : outs) {
      out.add(
          new OutputSnapshot(
              o.name(),
              o.type().name(),
              o.description(),
              o.dynamic(),
              o.optional(),
              o.ioManagerKey(),
              MetadataSnapshots.key(o.assetKey()),
              MetadataSnapshots.entries(o.metadata())));
    }
    return out;
  }

  private static RetryPolicySnapshot.Backoff backoff(Backoff backoff) {
    return RetryPolicySnapshot.Backoff.valueOf(backoff.name());
  }

  private static RetryPolicySnapshot.Jitter jitter(Jitter jitter) {
    return RetryPolicySnapshot.Jitter.valueOf(jitter.name());
  }
}
