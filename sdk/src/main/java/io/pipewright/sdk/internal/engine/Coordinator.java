package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.StepSkippedData;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.InputWiring;
import io.pipewright.sdk.internal.plan.StepTemplate;
import io.pipewright.sdk.internal.plan.Upstream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for an in-process run, which steps are ready, which are skipped and which mapped steps
 * exist once dynamic outputs are known. It never runs a step: the executor polls {@link
 * #pollReady()}, runs the step and reports back with {@link #complete}. Single-threaded by design:
 * only the executor's loop calls it. Where a ready step's inputs come from is the {@link
 * InputResolver}'s decision, which step workers share.
 */
public final class Coordinator {
  private enum Status {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  /** One concrete step; what the input resolver sees of it once it is done. */
  private static final class StepState implements UpstreamState.Step {
    final StepTemplate template;
    final String key;
    final String mappingKey;
    Status status = Status.PENDING;
    boolean afterFailure;
    int pending;
    Map<String, List<String>> produced = Map.of();
    final List<StepState> dependents = new ArrayList<>(2);
    Group group;

    StepState(StepTemplate template, String mappingKey) {
      this.template = template;
      this.mappingKey = mappingKey;
      this.key = template.stepKey(mappingKey);
    }

    boolean done() {
      return status == Status.SUCCEEDED || status == Status.FAILED || status == Status.SKIPPED;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public UpstreamState.Outcome outcome() {
      return switch (status) {
        case SUCCEEDED -> UpstreamState.Outcome.SUCCEEDED;
        case FAILED -> UpstreamState.Outcome.FAILED;
        case SKIPPED ->
            afterFailure
                ? UpstreamState.Outcome.SKIPPED_AFTER_FAILURE
                : UpstreamState.Outcome.SKIPPED;
        default -> throw new IllegalStateException("Step " + key + " is not done.");
      };
    }

    @Override
    public boolean failedOrAfterFailure() {
      return status == Status.FAILED || afterFailure;
    }

    @Override
    public boolean hasOutput(String name) {
      return status == Status.SUCCEEDED && produced.containsKey(name);
    }

    @Override
    public List<String> mappingKeys(String outputName) {
      return produced.getOrDefault(outputName, List.of());
    }
  }

  /** All instances of a mapped step; complete once its root has run and every instance is done. */
  private static final class Group {
    boolean resolved;
    boolean rootFailed;
    int pending;
    final List<StepState> instances = new ArrayList<>();
    final List<StepState> waiters = new ArrayList<>(1);

    boolean done() {
      return resolved && pending == 0;
    }
  }

  private final ExecutionPlan plan;
  private final EventEmitter emitter;
  private final InputResolver resolver;
  private final Map<String, StepState> states = new HashMap<>();
  private final Map<String, Group> groups = new HashMap<>();
  private final Map<String, List<StepTemplate>> mappedByRoot = new HashMap<>();
  private final UpstreamState upstream =
      new UpstreamState() {
        @Override
        public Step step(String stepKey) {
          StepState state = states.get(stepKey);
          if (state == null) {
            throw new IllegalArgumentException("Step " + stepKey + " is not in this run.");
          }
          return state;
        }

        @Override
        public List<? extends Step> mappedInstances(StepTemplate mapped) {
          return groups.get(mapped.handle()).instances;
        }
      };
  private final ArrayDeque<StepInvocation> ready = new ArrayDeque<>();
  // Steps whose upstream steps are all done, waiting for the run-or-skip decision. A worklist, not
  // recursion, so that a failure at the head of a 10,000-step chain cannot overflow the stack.
  private final ArrayDeque<StepState> toDecide = new ArrayDeque<>();
  private final List<String> failed = new ArrayList<>();

  /**
   * Creates a coordinator.
   *
   * @param resolver resolves the inputs of the run's steps; its plan is the run's
   * @param emitter the run's events
   */
  public Coordinator(InputResolver resolver, EventEmitter emitter) {
    this.plan = resolver.plan();
    this.resolver = resolver;
    this.emitter = emitter;
  }

  /** Creates the unmapped steps and queues those without upstream steps. */
  public void start() {
    for (StepTemplate template : plan.steps()) {
      if (template.isMapped()) {
        groups.put(template.handle(), new Group());
        mappedByRoot.computeIfAbsent(template.dynamicRoot(), k -> new ArrayList<>()).add(template);
      }
    }
    List<StepState> created = new ArrayList<>();
    for (StepTemplate template : plan.steps()) {
      if (!template.isMapped()) {
        created.add(create(template, null));
      }
    }
    for (StepState state : created) {
      if (state.pending == 0 && state.status == Status.PENDING) {
        toDecide.add(state);
      }
    }
    drain();
  }

  /**
   * The next step to run.
   *
   * @return a step, or {@code null} when none is ready now
   */
  public StepInvocation pollReady() {
    return ready.poll();
  }

  /**
   * Records the final outcome of a step (after its retries).
   *
   * @param outcome how it ended; {@link StepOutcome.Status#SUCCESS} or {@link
   *     StepOutcome.Status#FAILURE}
   */
  public void complete(StepOutcome outcome) {
    StepState state = states.get(outcome.stepKey());
    if (state == null || state.status != Status.RUNNING) {
      throw new IllegalStateException("Step " + outcome.stepKey() + " is not running.");
    }
    if (outcome.status() == StepOutcome.Status.SUCCESS) {
      state.status = Status.SUCCEEDED;
      state.produced = outcome.produced();
    } else {
      state.status = Status.FAILED;
      failed.add(state.key);
    }
    finish(state);
    drain();
  }

  /**
   * The steps that failed, in the order they failed.
   *
   * @return step keys
   */
  public List<String> failedSteps() {
    return Collections.unmodifiableList(failed);
  }

  private StepState create(StepTemplate template, String mappingKey) {
    StepState state = new StepState(template, mappingKey);
    states.put(state.key, state);
    Set<Object> deps = Collections.newSetFromMap(new IdentityHashMap<>());
    for (InputWiring wiring : template.node().inputs()) {
      for (Upstream up : wiring.sources()) {
        StepTemplate upstream = plan.step(up.handle());
        if (upstream == null) {
          continue; // Re-execution: the parent run produced it.
        }
        if (upstream.isMapped() && up.collected()) {
          deps.add(groups.get(upstream.handle()));
        } else {
          deps.add(
              states.get(upstream.isMapped() ? upstream.stepKey(mappingKey) : upstream.handle()));
        }
      }
    }
    for (Object dep : deps) {
      if (dep instanceof StepState upstream) {
        if (!upstream.done()) {
          state.pending++;
          upstream.dependents.add(state);
        }
      } else {
        Group group = (Group) dep;
        if (!group.done()) {
          state.pending++;
          group.waiters.add(state);
        }
      }
    }
    return state;
  }

  private void finish(StepState state) {
    List<StepTemplate> mapped = mappedByRoot.get(state.template.handle());
    if (mapped != null) {
      resolveMapped(state, mapped);
    }
    if (state.group != null && --state.group.pending == 0) {
      release(state.group.waiters);
    }
    release(state.dependents);
  }

  private void resolveMapped(StepState root, List<StepTemplate> mapped) {
    List<StepState> created = new ArrayList<>();
    List<Group> empty = new ArrayList<>();
    for (StepTemplate template : mapped) {
      Group group = groups.get(template.handle());
      group.resolved = true;
      group.rootFailed = root.failedOrAfterFailure();
      List<String> keys =
          root.status == Status.SUCCEEDED
              ? root.produced.getOrDefault(template.dynamicOutput(), List.of())
              : List.of();
      for (String key : keys) {
        StepState instance = create(template, key);
        instance.group = group;
        group.instances.add(instance);
        group.pending++;
        created.add(instance);
      }
      if (keys.isEmpty()) {
        empty.add(group);
      }
    }
    for (StepState instance : created) {
      if (instance.pending == 0 && instance.status == Status.PENDING) {
        toDecide.add(instance);
      }
    }
    for (Group group : empty) {
      release(group.waiters);
    }
  }

  private void release(List<StepState> dependents) {
    for (StepState dependent : dependents) {
      if (--dependent.pending == 0 && dependent.status == Status.PENDING) {
        toDecide.add(dependent);
      }
    }
  }

  private void drain() {
    StepState state;
    while ((state = toDecide.poll()) != null) {
      onReady(state);
    }
  }

  private void onReady(StepState state) {
    StepInvocation invocation;
    try {
      invocation = resolver.invocation(state.template, state.key, state.mappingKey, 0, upstream);
    } catch (StepSkipped skipped) {
      skip(state, skipped.afterFailure(), skipped.reason());
      return;
    }
    state.status = Status.RUNNING;
    ready.add(invocation);
  }

  private void skip(StepState state, boolean afterFailure, String reason) {
    state.status = Status.SKIPPED;
    state.afterFailure = afterFailure;
    emitter.info(
        EventType.STEP_SKIPPED,
        state.key,
        "Skipped execution of step \"" + state.key + "\": " + reason + ".",
        new StepSkippedData(reason));
    finish(state);
  }
}
