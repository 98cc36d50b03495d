package io.pipewright.sdk;

import io.pipewright.sdk.GraphDefinition.GraphInput;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.GraphDefinition.NodeOutput;
import io.pipewright.sdk.GraphDefinition.Source;
import io.pipewright.sdk.internal.Names;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a graph's wiring when it is built. Every check appends to one list, so that a user sees
 * all wiring mistakes of a graph at once.
 */
final class GraphValidator {
  private final String graphName;
  private final List<NodeInvocation> nodes;
  private final Map<String, NodeInvocation> byAlias = new LinkedHashMap<>();
  private final Set<String> graphInputs = new HashSet<>();
  private final Map<String, NodeOutput> outputMappings;
  private final List<DefinitionError> found = new ArrayList<>();

  GraphValidator(
      String graphName,
      List<NodeInvocation> nodes,
      List<In> graphInputs,
      Map<String, NodeOutput> outputMappings) {
    this.graphName = graphName;
    this.nodes = nodes;
    this.outputMappings = outputMappings;
    for (In in : graphInputs) {
      this.graphInputs.add(in.name());
    }
    for (NodeInvocation node : nodes) {
      byAlias.putIfAbsent(node.alias(), node);
    }
  }

  List<DefinitionError> validate() {
    if (!Names.isValid(graphName)) {
      problem("", "the graph name is not valid", "rename the graph: " + Names.RULE);
    }
    checkAliases();
    for (NodeInvocation node : nodes) {
      checkInputs(node);
    }
    List<String> order = topologicalOrder();
    if (order != null) {
      checkDynamic(order);
    }
    for (Map.Entry<String, NodeOutput> mapping : outputMappings.entrySet()) {
      String element = "output '" + mapping.getKey() + "'";
      if (!Names.isValid(mapping.getKey())) {
        problem(element, "the output name is not valid", Names.RULE);
      }
      Out inner = checkSourceOutput(element, mapping.getValue());
      if (inner != null && inner.dynamic()) {
        problem(
            element,
            "a dynamic output cannot be exposed by a graph yet",
            "map and collect inside the graph, and expose the collected result");
      }
    }
    return found;
  }

  /** The output definition a node output refers to, or null when it does not exist. */
  Out outputOf(NodeOutput ref) {
    NodeInvocation node = byAlias.get(ref.alias());
    if (node == null) {
      return null;
    }
    for (Out out : node.definition().outputs()) {
      if (out.name().equals(ref.outputName())) {
        return out;
      }
    }
    return null;
  }

  private void checkAliases() {
    Set<String> seen = new HashSet<>();
    for (NodeInvocation node : nodes) {
      String element = "node '" + node.alias() + "'";
      if (!Names.isValid(node.alias())) {
        problem(element, "the node alias is not valid", Names.RULE);
      }
      if (!seen.add(node.alias())) {
        problem(
            element,
            "two nodes have this alias",
            "add the second one under another alias: add(\"" + node.alias() + "_2\", op)");
      }
    }
  }

  private void checkInputs(NodeInvocation node) {
    NodeDefinition def = node.definition();
    Map<String, In> declared = new LinkedHashMap<>();
    for (In in : def.inputs()) {
      declared.put(in.name(), in);
    }
    for (Map.Entry<String, List<Source>> wire : node.inputs().entrySet()) {
      String element = "node '" + node.alias() + "' > input '" + wire.getKey() + "'";
      In in = declared.get(wire.getKey());
      if (in == null) {
        problem(
            element,
            def.name() + " has no input of this name",
            declared.isEmpty()
                ? "remove the connection: " + def.name() + " takes no inputs"
                : "connect one of its inputs: " + String.join(", ", declared.keySet()));
        continue;
      }
      boolean fanIn = wire.getValue().size() > 1;
      for (Source source : wire.getValue()) {
        if (source instanceof GraphInput gi) {
          if (!graphInputs.contains(gi.name())) {
            problem(
                element,
                "it is wired to graph input '" + gi.name() + "', which the graph does not declare",
                "declare it with input(In.of(\"" + gi.name() + "\", type))");
          }
          continue;
        }
        NodeOutput ref = (NodeOutput) source;
        Out out = checkSourceOutput(element, ref);
        if (out == null || in.isNothing()) {
          continue;
        }
        boolean listInput = fanIn || ref.collected();
        if (listInput) {
          if (!in.type().isAny() && !in.type().displayName().startsWith("List[")) {
            problem(
                element,
                "it receives a list (fan-in or collect) but is of type " + in.type().displayName(),
                "declare the input as Types.list(...) or Types.ANY");
          }
        } else if (!in.type().accepts(out.type())) {
          problem(
              element,
              "its type "
                  + in.type().displayName()
                  + " does not accept output '"
                  + ref.outputName()
                  + "' of node '"
                  + ref.alias()
                  + "', of type "
                  + out.type().displayName(),
              "make the types agree, or declare one of them as Types.ANY");
        }
      }
    }
    for (In in : def.inputs()) {
      if (!node.inputs().containsKey(in.name())
          && !in.hasDefault()
          && !in.isNothing()
          && in.assetKey() == null) {
        problem(
            "node '" + node.alias() + "' > input '" + in.name() + "'",
            "the input is not connected and has no default value",
            "connect it with .in(\""
                + in.name()
                + "\", upstream.out()), wire a graph input to it, or give it a default with"
                + " In.withDefault(value)");
      }
    }
  }

  private Out checkSourceOutput(String element, NodeOutput ref) {
    NodeInvocation upstream = byAlias.get(ref.alias());
    if (upstream == null) {
      problem(
          element,
          "it refers to node '" + ref.alias() + "', which is not in graph '" + graphName + "'",
          "add that node to this graph, or wire another node's output");
      return null;
    }
    Out out = outputOf(ref);
    if (out == null) {
      List<String> names = new ArrayList<>();
      for (Out o : upstream.definition().outputs()) {
        names.add(o.name());
      }
      problem(
          element,
          "node '" + ref.alias() + "' has no output named '" + ref.outputName() + "'",
          names.isEmpty()
              ? "node '" + ref.alias() + "' has no outputs; use another node"
              : "use one of its outputs: " + String.join(", ", names));
    }
    return out;
  }

  /** Kahn's algorithm; iterative so that 10,000-node chains do not overflow the stack. */
  private List<String> topologicalOrder() {
    Map<String, Integer> indegree = new HashMap<>();
    Map<String, List<String>> downstream = new HashMap<>();
    for (NodeInvocation node : byAlias.values()) {
      indegree.putIfAbsent(node.alias(), 0);
      Set<String> ups = new HashSet<>();
      for (List<Source> sources : node.inputs().values()) {
        for (Source source : sources) {
          if (source instanceof NodeOutput ref && byAlias.containsKey(ref.alias())) {
            ups.add(ref.alias());
          }
        }
      }
      for (String up : ups) {
        downstream.computeIfAbsent(up, k -> new ArrayList<>()).add(node.alias());
        indegree.merge(node.alias(), 1, Integer::sum);
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    for (NodeInvocation node : byAlias.values()) {
      if (indegree.get(node.alias()) == 0) {
        ready.add(node.alias());
      }
    }
    List<String> order = new ArrayList<>(byAlias.size());
    while (!ready.isEmpty()) {
      String alias = ready.poll();
      order.add(alias);
      for (String down : downstream.getOrDefault(alias, List.of())) {
        if (indegree.merge(down, -1, Integer::sum) == 0) {
          ready.add(down);
        }
      }
    }
    if (order.size() < byAlias.size()) {
      List<String> inCycle = new ArrayList<>();
      for (String alias : byAlias.keySet()) {
        if (indegree.get(alias) > 0) {
          inCycle.add(alias);
        }
      }
      problem(
          "",
          "its dependencies form a cycle through nodes " + String.join(", ", inCycle),
          "remove one of the connections between these nodes");
      return null;
    }
    return order;
  }

  private void checkDynamic(List<String> order) {
    // The dynamic output ("alias.output") each mapped node runs once per value of.
    Map<String, String> mappedOver = new HashMap<>();
    for (String alias : order) {
      NodeInvocation node = byAlias.get(alias);
      Set<String> roots = new HashSet<>();
      for (Map.Entry<String, List<Source>> wire : node.inputs().entrySet()) {
        for (Source source : wire.getValue()) {
          if (!(source instanceof NodeOutput ref) || !byAlias.containsKey(ref.alias())) {
            continue;
          }
          Out out = outputOf(ref);
          boolean dynamicSource = out != null && out.dynamic();
          String upstreamRoot = mappedOver.get(ref.alias());
          String element = "node '" + alias + "' > input '" + wire.getKey() + "'";
          if (ref.collected()) {
            if (!dynamicSource && upstreamRoot == null) {
              problem(
                  element,
                  "it collects output '"
                      + ref.outputName()
                      + "' of node '"
                      + ref.alias()
                      + "', which is neither dynamic nor mapped over a dynamic output",
                  "connect the output directly, without collect()");
            }
          } else if (dynamicSource) {
            roots.add(ref.alias() + "." + ref.outputName());
          } else if (upstreamRoot != null) {
            roots.add(upstreamRoot);
          }
        }
      }
      if (roots.size() > 1) {
        problem(
            "node '" + alias + "'",
            "it is mapped over several dynamic outputs (" + String.join(", ", roots) + ")",
            "map it over one dynamic output and collect() the others");
      } else if (roots.size() == 1) {
        mappedOver.put(alias, roots.iterator().next());
        if (node.definition() instanceof GraphDefinition) {
          problem(
              "node '" + alias + "'",
              "a graph cannot be mapped over a dynamic output yet",
              "map the graph's ops one by one");
        }
        for (Out out : node.definition().outputs()) {
          if (out.dynamic()) {
            problem(
                "node '" + alias + "' > output '" + out.name() + "'",
                "a mapped node cannot have a dynamic output (nested dynamic outputs)",
                "collect() the first dynamic output before fanning out again");
          }
        }
      }
    }
  }

  private void problem(String element, String problem, String fix) {
    String where =
        element.isEmpty() ? "graph '" + graphName + "'" : "graph '" + graphName + "' > " + element;
    found.add(new DefinitionError(where, problem, fix));
  }
}
