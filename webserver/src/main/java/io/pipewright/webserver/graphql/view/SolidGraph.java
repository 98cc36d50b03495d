package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.GraphNodeSnapshot;
import io.pipewright.core.snapshot.InputSnapshot;
import io.pipewright.core.snapshot.InputSourceSnapshot;
import io.pipewright.core.snapshot.NodeSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.OutputMappingSnapshot;
import io.pipewright.core.snapshot.OutputSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of a job's graph as Dagster's "solids": each node ({@code Solid}) with its definition
 * ({@code SolidDefinition} for an op, {@code CompositeSolidDefinition} for a graph), its inputs
 * with the outputs they depend on, its outputs with the inputs that depend on them, and the handles
 * of the nodes below ({@code SolidHandle}, dotted paths such as {@code etl.clean}).
 *
 * <p>Objects are built when selected, so a deep query only pays for what it asks.
 */
final class SolidGraph {

  private final List<NodeSnapshot> nodes;
  private final Map<String, NodeSnapshot> byName = new LinkedHashMap<>();
  private final Map<String, SolidGraph> children = new ConcurrentHashMap<>();

  SolidGraph(List<NodeSnapshot> nodes) {
    this.nodes = nodes;
    for (NodeSnapshot node : nodes) {
      byName.put(node.name(), node);
    }
  }

  /** The nodes of this level as {@code Solid} objects. */
  List<GqlObject> solids() {
    List<GqlObject> solids = new ArrayList<>(nodes.size());
    for (NodeSnapshot node : nodes) {
      solids.add(solid(node));
    }
    return solids;
  }

  /** Every handle below this level (parentHandle null), or the children of one handle. */
  List<GqlObject> handles(String parentHandle) {
    List<GqlObject> handles = new ArrayList<>();
    if (parentHandle == null) {
      collectHandles(null, null, handles);
      return handles;
    }
    Located parent = locate(parentHandle);
    if (parent != null && parent.node() instanceof GraphNodeSnapshot) {
      GqlObject parentObject = handle(parent);
      SolidGraph child = parent.graph().child(parent.node().name());
      for (NodeSnapshot node : child.nodes) {
        handles.add(
            handleObject(parentHandle + "." + node.name(), child.solid(node), parentObject));
      }
    }
    return handles;
  }

  /** The handle with this id, or null. */
  GqlObject handle(String handleId) {
    Located located = locate(handleId);
    return located == null ? null : handle(located);
  }

  /** The distinct type names of every input and output below this level. */
  Set<String> typeNames() {
    Set<String> names = new LinkedHashSet<>();
    for (NodeSnapshot node : nodes) {
      node.inputs().forEach(input -> names.add(input.typeName()));
      node.outputs().forEach(output -> names.add(output.typeName()));
      if (node instanceof GraphNodeSnapshot) {
        names.addAll(child(node.name()).typeNames());
      }
    }
    return names;
  }

  /** The names of this level's nodes. */
  List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  private SolidGraph child(String graphNodeName) {
    return children.computeIfAbsent(
        graphNodeName, name -> new SolidGraph(((GraphNodeSnapshot) byName.get(name)).nodes()));
  }

  private GqlObject solid(NodeSnapshot node) {
    return GqlObject.of("Solid")
        .put("name", node.name())
        .put("isDynamicMapped", isDynamicMapped(node))
        .lazy("definition", env -> definition(node))
        .lazy(
            "inputs",
            env -> {
              List<GqlObject> inputs = new ArrayList<>();
              for (InputSnapshot input : node.inputs()) {
                inputs.add(input(node, input));
              }
              return inputs;
            })
        .lazy(
            "outputs",
            env -> {
              List<GqlObject> outputs = new ArrayList<>();
              for (OutputSnapshot output : node.outputs()) {
                outputs.add(output(node, output));
              }
              return outputs;
            });
  }

  private GqlObject input(NodeSnapshot node, InputSnapshot input) {
    boolean collect = false;
    for (InputSourceSnapshot source : input.sources()) {
      collect |= source instanceof InputSourceSnapshot.NodeOutput out && out.collected();
    }
    return GqlObject.of("Input")
        .lazy("solid", env -> solid(node))
        .put("definition", inputDefinition(input))
        .put("isDynamicCollect", collect)
        .lazy(
            "dependsOn",
            env -> {
              List<GqlObject> outputs = new ArrayList<>();
              for (InputSourceSnapshot source : input.sources()) {
                if (source instanceof InputSourceSnapshot.NodeOutput out) {
                  NodeSnapshot upstream = byName.get(out.node());
                  OutputSnapshot upstreamOutput =
                      upstream == null ? null : findOutput(upstream, out.output());
                  if (upstreamOutput != null) {
                    outputs.add(output(upstream, upstreamOutput));
                  }
                }
              }
              return outputs;
            });
  }

  private GqlObject output(NodeSnapshot node, OutputSnapshot output) {
    return GqlObject.of("Output")
        .lazy("solid", env -> solid(node))
        .put("definition", outputDefinition(output))
        .lazy(
            "dependedBy",
            env -> {
              List<GqlObject> inputs = new ArrayList<>();
              for (NodeSnapshot downstream : nodes) {
                for (InputSnapshot input : downstream.inputs()) {
                  for (InputSourceSnapshot source : input.sources()) {
                    if (source instanceof InputSourceSnapshot.NodeOutput out
                        && out.node().equals(node.name())
                        && out.output().equals(output.name())) {
                      inputs.add(input(downstream, input));
                    }
                  }
                }
              }
              return inputs;
            });
  }

  private static OutputSnapshot findOutput(NodeSnapshot node, String name) {
    for (OutputSnapshot output : node.outputs()) {
      if (output.name().equals(name)) {
        return output;
      }
    }
    return null;
  }

  private boolean isDynamicMapped(NodeSnapshot node) {
    for (InputSnapshot input : node.inputs()) {
      for (InputSourceSnapshot source : input.sources()) {
        if (source instanceof InputSourceSnapshot.NodeOutput out && !out.collected()) {
          NodeSnapshot upstream = byName.get(out.node());
          OutputSnapshot produced = upstream == null ? null : findOutput(upstream, out.output());
          if (produced != null && produced.dynamic()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private GqlObject definition(NodeSnapshot node) {
    GqlObject definition;
    if (node instanceof OpNodeSnapshot op) {
      List<GqlObject> resources = new ArrayList<>();
      for (String key : op.requiredResources()) {
        resources.add(GqlObject.of("ResourceRequirement").put("resourceKey", key));
      }
      definition =
          GqlObject.of("SolidDefinition")
              .put("configField", op.config() == null ? null : ConfigViews.configField(op.config()))
              .put("requiredResources", resources)
              .put("pool", null);
    } else {
      GraphNodeSnapshot graph = (GraphNodeSnapshot) node;
      SolidGraph inner = child(node.name());
      definition =
          GqlObject.of("CompositeSolidDefinition")
              .put("id", graph.definitionName())
              .lazy("solids", env -> inner.solids())
              .lazy("solidHandle", env -> inner.handle((String) env.getArgument("handleID")))
              .lazy("solidHandles", env -> inner.handles(env.getArgument("parentHandleID")))
              .put("modes", List.of(JobViews.mode(List.of())))
              .lazy("inputMappings", env -> inner.inputMappings(graph))
              .lazy("outputMappings", env -> inner.outputMappings(graph));
    }
    List<GqlObject> metadata = new ArrayList<>();
    node.tags()
        .forEach(
            (key, value) ->
                metadata.add(
                    GqlObject.of("MetadataItemDefinition").put("key", key).put("value", value)));
    List<GqlObject> inputs = new ArrayList<>();
    node.inputs().forEach(input -> inputs.add(inputDefinition(input)));
    List<GqlObject> outputs = new ArrayList<>();
    node.outputs().forEach(output -> outputs.add(outputDefinition(output)));
    return definition
        .put("name", node.definitionName())
        .put("description", node.description())
        .put("metadata", metadata)
        .put("inputDefinitions", inputs)
        .put("outputDefinitions", outputs)
        .put("pools", List.of());
  }

  /** The inner inputs fed by the enclosing graph's inputs (this is the graph's inner level). */
  private List<GqlObject> inputMappings(GraphNodeSnapshot graph) {
    List<GqlObject> mappings = new ArrayList<>();
    for (NodeSnapshot node : nodes) {
      for (InputSnapshot input : node.inputs()) {
        for (InputSourceSnapshot source : input.sources()) {
          if (source instanceof InputSourceSnapshot.GraphInput graphInput) {
            for (InputSnapshot outer : graph.inputs()) {
              if (outer.name().equals(graphInput.name())) {
                mappings.add(
                    GqlObject.of("InputMapping")
                        .put("mappedInput", input(node, input))
                        .put("definition", inputDefinition(outer)));
              }
            }
          }
        }
      }
    }
    return mappings;
  }

  /** The inner outputs that are the enclosing graph's outputs (this is the graph's inner level). */
  private List<GqlObject> outputMappings(GraphNodeSnapshot graph) {
    List<GqlObject> mappings = new ArrayList<>();
    for (OutputMappingSnapshot mapping : graph.outputMappings()) {
      NodeSnapshot inner = byName.get(mapping.node());
      OutputSnapshot innerOutput = inner == null ? null : findOutput(inner, mapping.nodeOutput());
      OutputSnapshot outer = findOutput(graph, mapping.output());
      if (innerOutput != null && outer != null) {
        mappings.add(
            GqlObject.of("OutputMapping")
                .put("mappedOutput", output(inner, innerOutput))
                .put("definition", outputDefinition(outer)));
      }
    }
    return mappings;
  }

  private static GqlObject inputDefinition(InputSnapshot input) {
    return GqlObject.of("InputDefinition")
        .put("name", input.name())
        .put("description", input.description())
        .put("type", JobViews.dagsterType(input.typeName()))
        .put("metadataEntries", MetadataViews.entries(input.metadata()));
  }

  private static GqlObject outputDefinition(OutputSnapshot output) {
    return GqlObject.of("OutputDefinition")
        .put("name", output.name())
        .put("description", output.description())
        .put("isDynamic", output.dynamic())
        .put("type", JobViews.dagsterType(output.typeName()))
        .put("metadataEntries", MetadataViews.entries(output.metadata()));
  }

  /** A node found by handle, with the level it is on and its parent's handle. */
  private record Located(SolidGraph graph, NodeSnapshot node, String handleId, String parentId) {}

  private Located locate(String handleId) {
    if (handleId == null || handleId.isEmpty()) {
      return null;
    }
    SolidGraph level = this;
    String[] parts = handleId.split("\\.");
    String parent = null;
    for (int i = 0; i < parts.length; i++) {
      NodeSnapshot node = level.byName.get(parts[i]);
      if (node == null) {
        return null;
      }
      String id = parent == null ? parts[i] : parent + "." + parts[i];
      if (i == parts.length - 1) {
        return new Located(level, node, id, parent);
      }
      if (!(node instanceof GraphNodeSnapshot)) {
        return null;
      }
      level = level.child(node.name());
      parent = id;
    }
    return null;
  }

  private GqlObject handle(Located located) {
    GqlObject parent = located.parentId() == null ? null : handle(located.parentId());
    return handleObject(located.handleId(), located.graph().solid(located.node()), parent);
  }

  private void collectHandles(String prefix, GqlObject parent, List<GqlObject> out) {
    for (NodeSnapshot node : nodes) {
      String id = prefix == null ? node.name() : prefix + "." + node.name();
      GqlObject handle = handleObject(id, solid(node), parent);
      out.add(handle);
      if (node instanceof GraphNodeSnapshot) {
        child(node.name()).collectHandles(id, handle, out);
      }
    }
  }

  private static GqlObject handleObject(String handleId, GqlObject solid, GqlObject parent) {
    return GqlObject.of("SolidHandle")
        .put("handleID", handleId)
        .put("solid", solid)
        .put("parent", parent);
  }
}
