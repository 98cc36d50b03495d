package io.pipewright.protocol.mapping;

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
import io.pipewright.protocol.v1.Executor;
import io.pipewright.protocol.v1.GraphNode;
import io.pipewright.protocol.v1.Input;
import io.pipewright.protocol.v1.InputSource;
import io.pipewright.protocol.v1.Job;
import io.pipewright.protocol.v1.Node;
import io.pipewright.protocol.v1.NodeOutputSource;
import io.pipewright.protocol.v1.OpNode;
import io.pipewright.protocol.v1.Output;
import io.pipewright.protocol.v1.OutputMapping;
import io.pipewright.protocol.v1.Resource;
import java.util.ArrayList;
import java.util.List;

/** Maps jobs: their graphs as trees of op and graph nodes, resources and executors. */
public final class JobMapper {

  private static final EnumBridge<ResourceSnapshot.Scope, Resource.Scope> SCOPE =
      EnumBridge.of(
          ResourceSnapshot.Scope.class, Resource.Scope.values(), "SCOPE_", "resource scope");

  private JobMapper() {}

  /**
   * Maps a job to its message.
   *
   * @param job the job
   * @return the message
   */
  public static Job toProto(JobSnapshot job) {
    Job.Builder out =
        Job.newBuilder()
            .setName(job.name())
            .putAllTags(job.tags())
            .setGraphName(job.graphName())
            .addAllNodes(nodesToProto(job.nodes()))
            .setRunConfigSchema(ConfigMapper.toProto(job.runConfigSchema()))
            .setExecutor(
                Executor.newBuilder()
                    .setKind(job.executor().kind())
                    .setMaxConcurrent(job.executor().maxConcurrent()))
            .addAllOpSelection(job.opSelection());
    if (job.description() != null) {
      out.setDescription(job.description());
    }
    for (ResourceSnapshot resource : job.resources()) {
      out.addResources(toProto(resource));
    }
    if (!job.defaultRunConfig().isEmpty()) {
      out.setDefaultRunConfig(JsonMapper.toProto(job.defaultRunConfig()));
    }
    if (job.assetSelection() != null) {
      out.setAssetSelection(job.assetSelection());
    }
    if (job.partitions() != null) {
      out.setPartitions(PartitionsMapper.toProto(job.partitions()));
    }
    return out.build();
  }

  /**
   * Maps a job message to the record.
   *
   * @param job the message
   * @return the job
   */
  public static JobSnapshot toCore(Job job) {
    String where = "Job '" + job.getName() + "'";
    Protos.require(job.hasRunConfigSchema(), where, "run_config_schema");
    Protos.require(job.hasExecutor(), where, "executor");
    List<ResourceSnapshot> resources = new ArrayList<>(job.getResourcesCount());
    for (Resource resource : job.getResourcesList()) {
      resources.add(toCore(resource));
    }
    return new JobSnapshot(
        job.getName(),
        job.hasDescription() ? job.getDescription() : null,
        job.getTagsMap(),
        job.getGraphName(),
        nodesToCore(job.getNodesList()),
        ConfigMapper.toCore(job.getRunConfigSchema()),
        resources,
        new ExecutorSnapshot(job.getExecutor().getKind(), job.getExecutor().getMaxConcurrent()),
        JsonMapper.toCoreObject(job.getDefaultRunConfig(), where + " default run config"),
        job.getOpSelectionList(),
        job.hasAssetSelection() ? job.getAssetSelection() : null,
        job.hasPartitions() ? PartitionsMapper.toCore(job.getPartitions()) : null);
  }

  /**
   * Maps a resource to its message.
   *
   * @param resource the resource
   * @return the message
   */
  public static Resource toProto(ResourceSnapshot resource) {
    Resource.Builder out =
        Resource.newBuilder()
            .setKey(resource.key())
            .setIoManager(resource.ioManager())
            .setScope(SCOPE.toProto(resource.scope()));
    if (resource.description() != null) {
      out.setDescription(resource.description());
    }
    if (resource.config() != null) {
      out.setConfig(ConfigMapper.toProto(resource.config()));
    }
    return out.build();
  }

  /**
   * Maps a resource message to the record.
   *
   * @param resource the message
   * @return the resource
   */
  public static ResourceSnapshot toCore(Resource resource) {
    return new ResourceSnapshot(
        resource.getKey(),
        resource.hasDescription() ? resource.getDescription() : null,
        resource.hasConfig() ? ConfigMapper.toCore(resource.getConfig()) : null,
        resource.getIoManager(),
        SCOPE.toCore(resource.getScope()));
  }

  private static List<Node> nodesToProto(List<NodeSnapshot> nodes) {
    List<Node> out = new ArrayList<>(nodes.size());
    for (NodeSnapshot node : nodes) {
      Node.Builder n = Node.newBuilder();
      if (node instanceof OpNodeSnapshot op) {
        n.setOp(toProto(op));
      } else if (node instanceof GraphNodeSnapshot graph) {
        n.setGraph(toProto(graph));
      }
      out.add(n.build());
    }
    return out;
  }

  private static List<NodeSnapshot> nodesToCore(List<Node> nodes) {
    List<NodeSnapshot> out = new ArrayList<>(nodes.size());
    for (int i = 0, n = nodes.size(); i < n; i++) {
      Node node = nodes.get(i);
      out.add(
          switch (node.getKindCase()) {
            case OP -> toCore(node.getOp());
            case GRAPH -> toCore(node.getGraph());
            case KIND_NOT_SET -> throw Protos.unset("Node", "kind");
          });
    }
    return out;
  }

  private static OpNode toProto(OpNodeSnapshot op) {
    OpNode.Builder out =
        OpNode.newBuilder()
            .setName(op.name())
            .setDefinitionName(op.definitionName())
            .addAllInputs(inputsToProto(op.inputs()))
            .addAllOutputs(outputsToProto(op.outputs()))
            .putAllTags(op.tags())
            .addAllRequiredResources(op.requiredResources());
    if (op.description() != null) {
      out.setDescription(op.description());
    }
    if (op.retryPolicy() != null) {
      out.setRetryPolicy(CommonMapper.toProto(op.retryPolicy()));
    }
    if (op.config() != null) {
      out.setConfig(ConfigMapper.toProto(op.config()));
    }
    return out.build();
  }

  private static OpNodeSnapshot toCore(OpNode op) {
    return new OpNodeSnapshot(
        op.getName(),
        op.getDefinitionName(),
        op.hasDescription() ? op.getDescription() : null,
        inputsToCore(op.getInputsList()),
        outputsToCore(op.getOutputsList()),
        op.getTagsMap(),
        op.getRequiredResourcesList(),
        op.hasRetryPolicy() ? CommonMapper.toCore(op.getRetryPolicy()) : null,
        op.hasConfig() ? ConfigMapper.toCore(op.getConfig()) : null);
  }

  private static GraphNode toProto(GraphNodeSnapshot graph) {
    GraphNode.Builder out =
        GraphNode.newBuilder()
            .setName(graph.name())
            .setDefinitionName(graph.definitionName())
            .addAllInputs(inputsToProto(graph.inputs()))
            .addAllOutputs(outputsToProto(graph.outputs()))
            .putAllTags(graph.tags())
            .addAllNodes(nodesToProto(graph.nodes()));
    if (graph.description() != null) {
      out.setDescription(graph.description());
    }
    for (OutputMappingSnapshot mapping : graph.outputMappings()) {
      out.addOutputMappings(
          OutputMapping.newBuilder()
              .setOutput(mapping.output())
              .setNode(mapping.node())
              .setNodeOutput(mapping.nodeOutput()));
    }
    return out.build();
  }

  private static GraphNodeSnapshot toCore(GraphNode graph) {
    List<OutputMappingSnapshot> mappings = new ArrayList<>(graph.getOutputMappingsCount());
    for (OutputMapping m : graph.getOutputMappingsList()) {
      mappings.add(new OutputMappingSnapshot(m.getOutput(), m.getNode(), m.getNodeOutput()));
    }
    return new GraphNodeSnapshot(
        graph.getName(),
        graph.getDefinitionName(),
        graph.hasDescription() ? graph.getDescription() : null,
        inputsToCore(graph.getInputsList()),
        outputsToCore(graph.getOutputsList()),
        graph.getTagsMap(),
        nodesToCore(graph.getNodesList()),
        mappings);
  }

  private static List<Input> inputsToProto(List<InputSnapshot> inputs) {
    List<Input> out = new ArrayList<>(inputs.size());
    for (InputSnapshot input : inputs) {
      Input.Builder in =
          Input.newBuilder()
              .setName(input.name())
              .setTypeName(input.typeName())
              .setHasDefault(input.hasDefault())
              .addAllMetadata(MetadataMapper.toProto(input.metadata()));
      if (input.description() != null) {
        in.setDescription(input.description());
      }
      for (InputSourceSnapshot source : input.sources()) {
        InputSource.Builder s = InputSource.newBuilder();
        if (source instanceof InputSourceSnapshot.NodeOutput o) {
          s.setNodeOutput(
              NodeOutputSource.newBuilder()
                  .setNode(o.node())
                  .setOutput(o.output())
                  .setCollected(o.collected()));
        } else if (source instanceof InputSourceSnapshot.GraphInput g) {
          s.setGraphInput(g.name());
        }
        in.addSources(s);
      }
      if (input.assetKey() != null) {
        in.setAssetKey(CommonMapper.toProto(input.assetKey()));
      }
      out.add(in.build());
    }
    return out;
  }

  private static List<InputSnapshot> inputsToCore(List<Input> inputs) {
    List<InputSnapshot> out = new ArrayList<>(inputs.size());
    for (int i = 0, n = inputs.size(); i < n; i++) {
      Input input = inputs.get(i);
      List<InputSourceSnapshot> sources = new ArrayList<>(input.getSourcesCount());
      List<InputSource> sourceList = input.getSourcesList();
      for (int j = 0, m = sourceList.size(); j < m; j++) {
        InputSource source = sourceList.get(j);
        sources.add(
            switch (source.getKindCase()) {
              case NODE_OUTPUT ->
                  new InputSourceSnapshot.NodeOutput(
                      source.getNodeOutput().getNode(),
                      source.getNodeOutput().getOutput(),
                      source.getNodeOutput().getCollected());
              case GRAPH_INPUT -> new InputSourceSnapshot.GraphInput(source.getGraphInput());
              case KIND_NOT_SET -> throw Protos.unset("InputSource", "kind");
            });
      }
      out.add(
          new InputSnapshot(
              input.getName(),
              input.getTypeName(),
              input.hasDescription() ? input.getDescription() : null,
              sources,
              input.getHasDefault(),
              input.hasAssetKey() ? CommonMapper.toCore(input.getAssetKey()) : null,
              MetadataMapper.toCore(input.getMetadataList())));
    }
    return out;
  }

  private static List<Output> outputsToProto(List<OutputSnapshot> outputs) {
    List<Output> out = new ArrayList<>(outputs.size());
    for (OutputSnapshot output : outputs) {
      Output.Builder o =
          Output.newBuilder()
              .setName(output.name())
              .setTypeName(output.typeName())
              .setIsDynamic(output.dynamic())
              .setIsOptional(output.optional())
              .setIoManagerKey(output.ioManagerKey())
              .addAllMetadata(MetadataMapper.toProto(output.metadata()));
      if (output.description() != null) {
        o.setDescription(output.description());
      }
      if (output.assetKey() != null) {
        o.setAssetKey(CommonMapper.toProto(output.assetKey()));
      }
      out.add(o.build());
    }
    return out;
  }

  private static List<OutputSnapshot> outputsToCore(List<Output> outputs) {
    List<OutputSnapshot> out = new ArrayList<>(outputs.size());
    for (int i = 0, n = outputs.size(); i < n; i++) {
      Output output = outputs.get(i);
      out.add(
          new OutputSnapshot(
              output.getName(),
              output.getTypeName(),
              output.hasDescription() ? output.getDescription() : null,
              output.getIsDynamic(),
              output.getIsOptional(),
              output.getIoManagerKey(),
              output.hasAssetKey() ? CommonMapper.toCore(output.getAssetKey()) : null,
              MetadataMapper.toCore(output.getMetadataList())));
    }
    return out;
  }
}
