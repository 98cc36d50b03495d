package io.pipewright.sdk.internal.plan;

import io.pipewright.sdk.Out;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a run in topological order, before dynamic outputs are resolved. Built from the
 * job's flattened graph and an optional selection of op handles.
 */
public final class ExecutionPlan {
  private final List<StepTemplate> steps;
  private final Map<String, StepTemplate> byHandle;
  private final Map<String, List<StepTemplate>> downstream;
  private final Map<String, OpNode> allOps;

  private ExecutionPlan(List<StepTemplate> steps, Map<String, OpNode> allOps) {
    this.allOps = allOps;
    this.steps = List.copyOf(steps);
    Map<String, StepTemplate> index = new LinkedHashMap<>();
    Map<String, List<StepTemplate>> down = new HashMap<>();
    for (StepTemplate step : steps) {
      index.put(step.handle(), step);
      for (InputWiring wiring : step.node().inputs()) {
        for (Upstream up : wiring.sources()) {
          down.computeIfAbsent(up.handle(), k -> new ArrayList<>(2)).add(step);
        }
      }
    }
    this.byHandle = Collections.unmodifiableMap(index);
    this.downstream = down;
  }

  /**
   * Plans the selected ops of a flattened graph.
   *
   * @param nodes the job's ops in topological order
   * @param selected the handles to run, or {@code null} for all
   * @return the plan
   * @throws PlanException when a selected op needs the value of an unselected one
   */
  public static ExecutionPlan of(List<OpNode> nodes, Set<String> selected) {
    return of(nodes, selected, false);
  }

  /**
   * Plans the selected ops of a flattened graph, possibly re-executing them from a parent run.
   *
   * @param nodes the job's ops in topological order
   * @param selected the handles to run, or {@code null} for all
   * @param fromParentRun whether inputs from unselected ops are loaded from a parent run's stored
   *     outputs (re-execution) instead of being an error
   * @return the plan
   * @throws PlanException when a selected op needs the value of an unselected one it cannot load
   */
  public static ExecutionPlan of(List<OpNode> nodes, Set<String> selected, boolean fromParentRun) {
    Map<String, OpNode> all = new HashMap<>();
    for (OpNode node : nodes) {
      all.put(node.handle(), node);
    }
    List<String> problems = new ArrayList<>();
    Map<String, StepTemplate> built = new LinkedHashMap<>();
    for (OpNode node : nodes) {
      if (selected != null && !selected.contains(node.handle())) {
        continue;
      }
      List<InputWiring> inputs = new ArrayList<>(node.inputs().size());
      String root = null;
      String rootOutput = null;
      for (InputWiring wiring : node.inputs()) {
        List<Upstream> kept = new ArrayList<>(wiring.sources().size());
        for (Upstream up : wiring.sources()) {
          StepTemplate upstream = built.get(up.handle());
          if (upstream == null && fromParentRun && !wiring.in().isNothing()) {
            OpNode parentOp = all.get(up.handle());
            boolean dynamic =
                up.collected() || parentOp.op().output(up.outputName()).orElseThrow().dynamic();
            if (dynamic) {
              problems.add(
                  "Step '"
                      + node.handle()
                      + "' reads a dynamic output of '"
                      + up.handle()
                      + "'; re-execute the dynamic step too.");
            } else {
              kept.add(up);
            }
            continue;
          }
          if (upstream == null) {
            if (!wiring.in().isNothing()) {
              problems.add(
                  "Step '"
                      + node.handle()
                      + "' needs input '"
                      + wiring.in().name()
                      + "' from '"
                      + up.handle()
                      + "', which the selection leaves out; select it too (for example '+"
                      + node.handle()
                      + "').");
            }
            continue;
          }
          kept.add(up);
          if (up.collected()) {
            continue;
          }
          Out out = upstream.node().op().output(up.outputName()).orElseThrow();
          if (out.dynamic()) {
            root = upstream.handle();
            rootOutput = out.name();
          } else if (upstream.isMapped()) {
            root = upstream.dynamicRoot();
            rootOutput = upstream.dynamicOutput();
          }
        }
        inputs.add(
            kept.size() == wiring.sources().size()
                ? wiring
                : new InputWiring(
                    wiring.in(),
                    List.copyOf(kept),
                    wiring.fanIn(),
                    wiring.hasDefault(),
                    wiring.defaultValue()));
      }
      OpNode planned = new OpNode(node.handle(), node.op(), node.tags(), inputs, built.size());
      built.put(node.handle(), new StepTemplate(planned, root, rootOutput));
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new ExecutionPlan(new ArrayList<>(built.values()), all);
  }

  /**
   * The steps in topological order.
   *
   * @return the templates
   */
  public List<StepTemplate> steps() {
    return steps;
  }

  /**
   * The step of an op.
   *
   * @param handle the op's handle
   * @return the template, or {@code null}
   */
  public StepTemplate step(String handle) {
    return byHandle.get(handle);
  }

  /**
   * The steps that read an output of an op.
   *
   * @param handle the op's handle
   * @return the downstream templates (a template may appear once per input it connects)
   */
  public List<StepTemplate> downstreamOf(String handle) {
    return downstream.getOrDefault(handle, List.of());
  }

  /**
   * The output definition an upstream refers to.
   *
   * @param up the upstream
   * @return the output definition
   */
  public Out outputOf(Upstream up) {
    return allOps.get(up.handle()).op().output(up.outputName()).orElseThrow();
  }

  /**
   * The op behind a handle, planned or not.
   *
   * @param handle the op's handle
   * @return the op node, or {@code null}
   */
  public OpNode op(String handle) {
    return allOps.get(handle);
  }
}
