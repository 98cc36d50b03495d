package io.pipewright.core.orchestration;

import io.pipewright.core.concurrency.ConcurrencyPools;
import io.pipewright.core.queue.RunPriority;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The concrete steps of a run and their dependencies, grown as dynamic outputs resolve: the
 * in-process engine's {@code Coordinator} semantics over a plan snapshot. It knows which steps are
 * done and which may be decided; it never decides time, retries or launches ({@link RunProgress}
 * does).
 *
 * <p>Work per event is proportional to the steps it touches: dependents are counted down, and a
 * step is looked at only when its last dependency finishes (a worklist, never recursion, so a
 * failure at the head of a 10,000-step chain skips the rest without deep stacks).
 */
final class RunGraph {

  /** The outcome of looking at a step whose upstream steps are all done. */
  record Resolution(boolean skip, boolean afterFailure, String reason) {
    static final Resolution RUN = new Resolution(false, false, null);

    static Resolution skip(boolean afterFailure, String reason) {
      return new Resolution(true, afterFailure, reason);
    }
  }

  private final ExecutionPlanSnapshot plan;
  private final int runPriority;
  private final Map<String, StepSnapshot> templates = new HashMap<>();
  private final Map<String, List<StepSnapshot>> mappedByRoot = new HashMap<>();
  private final Map<String, StepNode.Group> groups = new HashMap<>();
  private final Map<String, StepNode> nodes = new LinkedHashMap<>();

  /** Steps whose upstream steps are all done, waiting for the run-or-skip decision. */
  private final ArrayDeque<StepNode> toDecide = new ArrayDeque<>();

  private final List<String> failed = new ArrayList<>();
  private final Map<String, Map<String, List<String>>> mappings = new LinkedHashMap<>();
  private Map<String, Map<String, List<String>>> mappingsView = Map.of();
  private int open;

  RunGraph(ExecutionPlanSnapshot plan, int runPriority) {
    this.plan = plan;
    this.runPriority = runPriority;
    Map<String, Integer> position = new HashMap<>();
    for (StepSnapshot step : plan.steps()) {
      position.put(step.key(), position.size());
      templates.put(step.key(), step);
    }
    for (StepSnapshot step : plan.steps()) {
      if (step.isMapped()) {
        checkRoot(step);
        mappedByRoot
            .computeIfAbsent(step.mappedOver().stepHandle(), k -> new ArrayList<>())
            .add(step);
        groups.put(step.key(), new StepNode.Group());
      }
      checkSources(step, position);
    }
    for (StepSnapshot step : plan.steps()) {
      if (!step.isMapped()) {
        StepNode node = create(step, null);
        if (node.pending == 0) {
          queue(node);
        }
      }
    }
  }

  // ---------------------------------------------------------------- plan checks

  private void checkRoot(StepSnapshot step) {
    StepSnapshot.DynamicMapping over = step.mappedOver();
    StepSnapshot root = templates.get(over.stepHandle());
    if (root == null) {
      throw planError(
          "step '"
              + step.key()
              + "' is mapped over output '"
              + over.output()
              + "' of step '"
              + over.stepHandle()
              + "', which is not in the plan. A re-execution that runs a mapped step must also run"
              + " the dynamic step it is mapped over");
    }
    boolean dynamicOutput = false;
    for (StepOutputSnapshot out : root.outputs()) {
      dynamicOutput |= out.dynamic() && out.name().equals(over.output());
    }
    if (!dynamicOutput) {
      throw planError(
          "step '"
              + step.key()
              + "' is mapped over output '"
              + over.output()
              + "' of step '"
              + root.key()
              + "', which has no dynamic output of that name");
    }
  }

  private void checkSources(StepSnapshot step, Map<String, Integer> position) {
    int self = position.get(step.key());
    for (StepInputSnapshot input : step.inputs()) {
      for (StepInputSourceSnapshot source : input.sources()) {
        if (!(source instanceof StepInputSourceSnapshot.StepOutput out)) {
          continue;
        }
        StepSnapshot upstream = templates.get(out.stepKey());
        if (upstream == null) {
          continue; // Not in the plan: a re-execution reads it from an earlier run.
        }
        if (position.get(upstream.key()) >= self) {
          throw planError(
              "step '"
                  + step.key()
                  + "' reads from step '"
                  + upstream.key()
                  + "', which the plan lists after it; plans list steps in topological order");
        }
        if (upstream.isMapped()
            && !out.collected()
            && !(step.isMapped()
                && step.mappedOver().stepHandle().equals(upstream.mappedOver().stepHandle()))) {
          throw planError(
              "input '"
                  + input.name()
                  + "' of step '"
                  + step.key()
                  + "' reads mapped step '"
                  + upstream.key()
                  + "' without collecting it; only a step mapped over the same dynamic output can"
                  + " read one instance, others must collect()");
        }
      }
    }
  }

  private IllegalArgumentException planError(String problem) {
    return new IllegalArgumentException(
        "Execution plan of job '" + plan.jobName() + "' cannot be driven: " + problem + ".");
  }

  // ---------------------------------------------------------------- structure

  private StepNode create(StepSnapshot template, String mappingKey) {
    Map<String, String> tags = template.tags();
    int priority = tags.containsKey(RunPriority.TAG) ? RunPriority.of(tags) : runPriority;
    StepNode node =
        new StepNode(template, mappingKey, priority, ConcurrencyPools.poolOf(template.tags()));
    if (nodes.putIfAbsent(node.key, node) != null) {
      throw new IllegalStateException("Step " + node.key + " was created twice.");
    }
    open++;
    Set<Object> deps = Collections.newSetFromMap(new IdentityHashMap<>());
    for (StepInputSnapshot input : template.inputs()) {
      for (StepInputSourceSnapshot source : input.sources()) {
        if (!(source instanceof StepInputSourceSnapshot.StepOutput out)) {
          continue;
        }
        StepSnapshot upstream = templates.get(out.stepKey());
        if (upstream == null) {
          continue;
        }
        if (upstream.isMapped() && out.collected()) {
          deps.add(groups.get(upstream.key()));
        } else {
          String key = upstream.isMapped() ? upstream.instanceKey(mappingKey) : upstream.key();
          deps.add(nodes.get(key));
        }
      }
    }
    for (Object dep : deps) {
      if (dep instanceof StepNode upstream) {
        if (!upstream.isDone()) {
          node.pending++;
          upstream.dependents.add(node);
        }
      } else {
        StepNode.Group group = (StepNode.Group) dep;
        if (!group.isDone()) {
          node.pending++;
          group.waiters.add(node);
        }
      }
    }
    return node;
  }

  private void queue(StepNode node) {
    if (!node.queuedToDecide) {
      node.queuedToDecide = true;
      toDecide.add(node);
    }
  }

  /** The next step whose upstream steps are all done and which is still undecided, or null. */
  StepNode pollToDecide() {
    StepNode node;
    while ((node = toDecide.poll()) != null) {
      node.queuedToDecide = false;
      if (node.status == StepStatus.WAITING && node.pending == 0) {
        return node;
      }
    }
    return null;
  }

  /**
   * Records a step's end: SUCCEEDED (with its outputs set), FAILED or SKIPPED. Creates the
   * instances of steps mapped over its dynamic outputs and releases what waited for it.
   */
  void finish(StepNode node, StepStatus status) {
    if (node.isDone()) {
      return;
    }
    node.status = status;
    open--;
    if (status == StepStatus.FAILED) {
      failed.add(node.key);
    }
    if (status == StepStatus.SUCCEEDED) {
      recordMappings(node);
    }
    List<StepSnapshot> mapped = mappedByRoot.get(node.template.nodeHandle());
    if (mapped != null && node.mappingKey == null) {
      resolveMapped(node, mapped);
    }
    if (node.group != null && --node.group.pending == 0) {
      release(node.group.waiters);
    }
    release(node.dependents);
  }

  private void recordMappings(StepNode node) {
    Map<String, List<String>> dynamic = null;
    for (StepOutputSnapshot out : node.template.outputs()) {
      if (out.dynamic()) {
        if (dynamic == null) {
          dynamic = new LinkedHashMap<>();
        }
        dynamic.put(out.name(), node.produced.getOrDefault(out.name(), List.of()));
      }
    }
    if (dynamic != null) {
      mappings.put(node.key, Collections.unmodifiableMap(dynamic));
      mappingsView = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
    }
  }

  private void resolveMapped(StepNode root, List<StepSnapshot> mapped) {
    List<StepNode> created = new ArrayList<>();
    List<StepNode.Group> empty = new ArrayList<>();
    for (StepSnapshot template : mapped) {
      StepNode.Group group = groups.get(template.key());
      group.resolved = true;
      group.rootFailed = root.failedOrAfterFailure();
      List<String> keys =
          root.status == StepStatus.SUCCEEDED
              ? root.produced.getOrDefault(template.mappedOver().output(), List.of())
              : List.of();
      for (String key : keys) {
        StepNode instance = create(template, key);
        instance.group = group;
        group.instances.add(instance);
        group.pending++;
        created.add(instance);
      }
      if (keys.isEmpty()) {
        empty.add(group);
      }
    }
    for (StepNode instance : created) {
      if (instance.pending == 0) {
        queue(instance);
      }
    }
    for (StepNode.Group group : empty) {
      release(group.waiters);
    }
  }

  private void release(List<StepNode> dependents) {
    for (StepNode dependent : dependents) {
      if (--dependent.pending == 0 && dependent.status == StepStatus.WAITING) {
        queue(dependent);
      }
    }
  }

  // ---------------------------------------------------------------- run or skip

  /**
   * Decides whether a step whose upstream steps are all done can run, or is skipped and why (the
   * {@code Coordinator}'s rules): skipped after a failure when an upstream step failed (or was
   * itself skipped after one); skipped plainly when an output it needs was not produced. A fan-in
   * input drops missing values instead; a collect drops instances that produced nothing.
   */
  Resolution resolve(StepNode node) {
    for (StepInputSnapshot input : node.template.inputs()) {
      for (StepInputSourceSnapshot source : input.sources()) {
        if (!(source instanceof StepInputSourceSnapshot.StepOutput out)) {
          continue; // An asset no step of the run produces: read from storage.
        }
        StepSnapshot upstream = templates.get(out.stepKey());
        if (upstream == null) {
          continue; // Re-execution: read from an earlier run.
        }
        if (out.collected()) {
          Resolution collected = resolveCollected(upstream);
          if (collected != null) {
            return collected;
          }
          continue;
        }
        StepNode from =
            nodes.get(upstream.isMapped() ? upstream.instanceKey(node.mappingKey) : upstream.key());
        if (from.failedOrAfterFailure()) {
          return Resolution.skip(
              true,
              "upstream step \""
                  + from.key
                  + (from.status == StepStatus.FAILED
                      ? "\" failed"
                      : "\" was skipped after a failure"));
        }
        if (!from.hasOutput(out.output())) {
          if (input.fanIn()) {
            continue;
          }
          return Resolution.skip(
              false,
              from.status == StepStatus.SKIPPED
                  ? "upstream step \"" + from.key + "\" was skipped"
                  : "output \""
                      + out.output()
                      + "\" of step \""
                      + from.key
                      + "\" was not produced");
        }
      }
    }
    return Resolution.RUN;
  }

  private Resolution resolveCollected(StepSnapshot upstream) {
    if (upstream.isMapped()) {
      StepNode.Group group = groups.get(upstream.key());
      if (group.rootFailed) {
        return Resolution.skip(
            true, "the dynamic output it collects was not produced after a failure");
      }
      for (StepNode instance : group.instances) {
        if (instance.failedOrAfterFailure()) {
          return Resolution.skip(true, "upstream step \"" + instance.key + "\" failed");
        }
      }
      return null;
    }
    StepNode root = nodes.get(upstream.key());
    if (root.failedOrAfterFailure()) {
      return Resolution.skip(true, "upstream step \"" + root.key + "\" failed");
    }
    return null;
  }

  // ---------------------------------------------------------------- views

  StepNode node(String key) {
    return nodes.get(key);
  }

  Iterable<StepNode> nodes() {
    return nodes.values();
  }

  /**
   * Steps not finished yet (created ones; instances of unresolved mapped steps do not exist yet).
   */
  int open() {
    return open;
  }

  List<String> failedSteps() {
    return Collections.unmodifiableList(failed);
  }

  Map<String, Map<String, List<String>>> mappings() {
    return mappingsView;
  }

  String jobName() {
    return plan.jobName();
  }
}
