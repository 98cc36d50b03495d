package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.StepSkippedData;
import io.pipewright.sdk.internal.asset.AssetLayer;
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
 * only the executor's loop calls it.
 */
public final class Coordinator {
  private enum Status {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  /** One concrete step. */
  private static final class StepState {
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

    boolean failedOrAfterFailure() {
      return status == Status.FAILED || afterFailure;
    }

    boolean hasOutput(String name) {
      return status == Status.SUCCEEDED && produced.containsKey(name);
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
  private final String runId;
  private final String jobName;
  private final RunConfig runConfig;
  private final Map<String, String> tags;
  private final List<HookDefinition> hooks;
  private final RetryPolicy jobRetryPolicy;
  private final EventEmitter emitter;
  private final AssetLayer assetLayer;
  private final List<String> runPartitionKeys;
  private String parentRunId;
  private final Map<String, StepState> states = new HashMap<>();
  private final Map<String, Group> groups = new HashMap<>();
  private final Map<String, List<StepTemplate>> mappedByRoot = new HashMap<>();
  private final Map<String, Object> opConfigs = new HashMap<>();
  private final ArrayDeque<StepInvocation> ready = new ArrayDeque<>();
  // Steps whose upstream steps are all done, waiting for the run-or-skip decision. A worklist, not
  // recursion, so that a failure at the head of a 10,000-step chain cannot overflow the stack.
  private final ArrayDeque<StepState> toDecide = new ArrayDeque<>();
  private final List<String> failed = new ArrayList<>();

  /**
   * Creates a coordinator.
   *
   * @param plan the plan
   * @param runId the run
   * @param jobName the job
   * @param runConfig the validated run config, merged with the job's default
   * @param tags the run's tags
   * @param hooks the job's hooks
   * @param jobRetryPolicy the retry policy of ops that declare none, or {@code null}
   * @param emitter the run's events
   * @param assetLayer the asset layer of a job built from assets, or {@code null}
   * @param runPartitionKeys the run's partition keys (empty for an unpartitioned run)
   */
  public Coordinator(
      ExecutionPlan plan,
      String runId,
      String jobName,
      RunConfig runConfig,
      Map<String, String> tags,
      List<HookDefinition> hooks,
      RetryPolicy jobRetryPolicy,
      EventEmitter emitter,
      AssetLayer assetLayer,
      List<String> runPartitionKeys) {
    this.plan = plan;
    this.runId = runId;
    this.jobName = jobName;
    this.runConfig = runConfig;
    this.tags = Collections.unmodifiableMap(tags);
    this.hooks = List.copyOf(hooks);
    this.jobRetryPolicy = jobRetryPolicy;
    this.emitter = emitter;
    this.assetLayer = assetLayer;
    this.runPartitionKeys = List.copyOf(runPartitionKeys);
  }

  /**
   * Makes unplanned upstream steps read from a parent run (re-execution).
   *
   * @param runId the parent run's id
   */
  public void reexecuteFrom(String runId) {
    this.parentRunId = runId;
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
    List<ResolvedInput> inputs = new ArrayList<>(state.template.node().inputs().size());
    for (InputWiring wiring : state.template.node().inputs()) {
      ResolvedInput input = resolve(state, wiring);
      if (input == null) {
        return;
      }
      inputs.add(input);
    }
    state.status = Status.RUNNING;
    ready.add(
        new StepInvocation(
            runId,
            jobName,
            state.key,
            state.template.node().op(),
            state.mappingKey,
            inputs,
            opConfig(state.template),
            tags,
            state.template.node().op().retryPolicy().orElse(jobRetryPolicy),
            hooks,
            assetLayer == null
                ? List.of()
                : assetLayer.outputPartitions(state.template.handle(), runPartitionKeys),
            0));
  }

  /** How one input gets its value; {@code null} after the step has been skipped. */
  private ResolvedInput resolve(StepState state, InputWiring wiring) {
    if (assetLayer != null && wiring.in().assetKey() != null && !wiring.in().isNothing()) {
      return resolveAsset(state, wiring);
    }
    if (wiring.sources().isEmpty()) {
      ResolvedInput.Mode mode =
          wiring.in().isNothing() ? ResolvedInput.Mode.NOTHING : ResolvedInput.Mode.DEFAULT;
      return new ResolvedInput(wiring.in(), mode, List.of(), wiring.defaultValue());
    }
    boolean list = wiring.fanIn();
    List<OutputRef> refs = new ArrayList<>(wiring.sources().size());
    for (Upstream up : wiring.sources()) {
      StepTemplate upstream = plan.step(up.handle());
      Out out = plan.outputOf(up);
      if (upstream == null) {
        // Re-execution: an unselected step's output is read from the parent run that stored it.
        refs.add(
            new OutputRef(
                parentRunId, up.handle(), plan.op(up.handle()).op().name(), out, null, null));
        continue;
      }
      if (up.collected()) {
        list = true;
        if (upstream.isMapped()) {
          Group group = groups.get(upstream.handle());
          if (group.rootFailed) {
            return skip(
                state, true, "the dynamic output it collects was not produced after a failure");
          }
          for (StepState instance : group.instances) {
            if (instance.failedOrAfterFailure()) {
              return skip(state, true, "upstream step \"" + instance.key + "\" failed");
            }
            if (instance.hasOutput(up.outputName())) {
              refs.add(
                  new OutputRef(runId, instance.key, upstream.node().op().name(), out, null, null));
            }
          }
        } else {
          StepState root = states.get(upstream.handle());
          if (root.failedOrAfterFailure()) {
            return skip(state, true, "upstream step \"" + root.key + "\" failed");
          }
          for (String key : root.produced.getOrDefault(up.outputName(), List.of())) {
            refs.add(new OutputRef(runId, root.key, upstream.node().op().name(), out, key, null));
          }
        }
        continue;
      }
      StepState source =
          states.get(upstream.isMapped() ? upstream.stepKey(state.mappingKey) : upstream.handle());
      if (source.failedOrAfterFailure()) {
        return skip(
            state,
            true,
            "upstream step \""
                + source.key
                + (source.status == Status.FAILED
                    ? "\" failed"
                    : "\" was skipped after a failure"));
      }
      if (!source.hasOutput(up.outputName())) {
        if (wiring.fanIn()) {
          continue;
        }
        return skip(
            state,
            false,
            source.status == Status.SKIPPED
                ? "upstream step \"" + source.key + "\" was skipped"
                : "output \""
                    + up.outputName()
                    + "\" of step \""
                    + source.key
                    + "\" was not produced");
      }
      String mappingKey = out.dynamic() ? state.mappingKey : null;
      refs.add(
          new OutputRef(runId, source.key, upstream.node().op().name(), out, mappingKey, null));
    }
    if (wiring.in().isNothing()) {
      return new ResolvedInput(wiring.in(), ResolvedInput.Mode.NOTHING, List.of(), null);
    }
    return new ResolvedInput(
        wiring.in(),
        list ? ResolvedInput.Mode.LIST : ResolvedInput.Mode.SINGLE,
        List.copyOf(refs),
        null);
  }

  /**
   * An input that loads an upstream asset: after the step that materializes it in this run, or from
   * storage when nothing in the run does, by asset key and mapped partitions.
   */
  private ResolvedInput resolveAsset(StepState state, InputWiring wiring) {
    String handle = state.template.handle();
    Out out;
    String producerRun = null;
    String producerStep = null;
    String producerOp = null;
    if (!wiring.sources().isEmpty() && plan.step(wiring.sources().get(0).handle()) != null) {
      Upstream up = wiring.sources().get(0);
      StepTemplate upstream = plan.step(up.handle());
      StepState source = states.get(upstream.handle());
      if (source.failedOrAfterFailure()) {
        return skip(state, true, "upstream step \"" + source.key + "\" failed");
      }
      if (!source.hasOutput(up.outputName())) {
        return skip(
            state,
            false,
            "asset "
                + wiring.in().assetKey().toUserString()
                + " was not materialized by step \""
                + source.key
                + "\"");
      }
      out = plan.outputOf(up);
      producerRun = runId;
      producerStep = source.key;
      producerOp = upstream.node().op().name();
    } else {
      out = assetLayer.sourceOutput(wiring.in().assetKey());
    }
    List<String> partitions =
        assetLayer.inputPartitions(
            handle, wiring.in().name(), wiring.in().assetKey(), runPartitionKeys);
    // A run over a range reads a map even when the mapping yields a single upstream partition.
    if (partitions == null || (partitions.size() == 1 && runPartitionKeys.size() <= 1)) {
      String partition = partitions == null ? null : partitions.get(0);
      return new ResolvedInput(
          wiring.in(),
          ResolvedInput.Mode.SINGLE,
          List.of(new OutputRef(producerRun, producerStep, producerOp, out, null, partition)),
          null);
    }
    List<OutputRef> refs = new ArrayList<>(partitions.size());
    for (String partition : partitions) {
      refs.add(new OutputRef(producerRun, producerStep, producerOp, out, null, partition));
    }
    return new ResolvedInput(wiring.in(), ResolvedInput.Mode.PARTITIONS, refs, null);
  }

  private ResolvedInput skip(StepState state, boolean afterFailure, String reason) {
    state.status = Status.SKIPPED;
    state.afterFailure = afterFailure;
    emitter.info(
        EventType.STEP_SKIPPED,
        state.key,
        "Skipped execution of step \"" + state.key + "\": " + reason + ".",
        new StepSkippedData(reason));
    finish(state);
    return null;
  }

  /** The op's config tree from {@code ops.<a>.ops.<b>.config}, with defaults applied. */
  private Object opConfig(StepTemplate template) {
    var configType = template.node().op().configType();
    if (configType.isEmpty()) {
      return null;
    }
    return opConfigs.computeIfAbsent(
        template.handle(),
        handle -> {
          Object node = runConfig.asMap();
          String[] parts = handle.split("\\.");
          for (int i = 0; i < parts.length && node != null; i++) {
            node = child(child(node, "ops"), parts[i]);
          }
          return ConfigValidator.withDefaults(configType.get(), child(node, "config"));
        });
  }

  private static Object child(Object node, String key) {
    return node instanceof Map<?, ?> map ? map.get(key) : null;
  }
}
