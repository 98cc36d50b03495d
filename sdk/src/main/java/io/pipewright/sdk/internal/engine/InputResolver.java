package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.InputWiring;
import io.pipewright.sdk.internal.plan.StepTemplate;
import io.pipewright.sdk.internal.plan.Upstream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a step whose upstream steps are done into the {@link StepInvocation} that runs it: where
 * each input's value comes from (which run, step, output, mapping key and partition), the op's
 * config, tags, retry policy and hooks. Shared by the in-process {@link Coordinator} and by step
 * workers, which differ only in how they know the upstream steps ({@link UpstreamState}).
 *
 * <p>Not thread-safe: it caches op configs; each run (or worker) has its own.
 */
public final class InputResolver {
  private final ExecutionPlan plan;
  private final String runId;
  private final String jobName;
  private final RunConfig runConfig;
  private final Map<String, String> tags;
  private final List<HookDefinition> hooks;
  private final RetryPolicy jobRetryPolicy;
  private final AssetLayer assetLayer;
  private final List<String> runPartitionKeys;
  private final String parentRunId;
  private final Map<String, Object> opConfigs = new HashMap<>();

  /**
   * Creates a resolver.
   *
   * @param plan the plan
   * @param runId the run
   * @param jobName the job
   * @param runConfig the validated run config, merged with the job's default
   * @param tags the run's tags
   * @param hooks the job's hooks
   * @param jobRetryPolicy the retry policy of ops that declare none, or {@code null}
   * @param assetLayer the asset layer of a job built from assets, or {@code null}
   * @param runPartitionKeys the run's partition keys (empty for an unpartitioned run)
   * @param parentRunId on re-execution, the run whose stored outputs the steps outside the plan are
   *     read from; {@code null} otherwise
   */
  public InputResolver(
      ExecutionPlan plan,
      String runId,
      String jobName,
      RunConfig runConfig,
      Map<String, String> tags,
      List<HookDefinition> hooks,
      RetryPolicy jobRetryPolicy,
      AssetLayer assetLayer,
      List<String> runPartitionKeys,
      String parentRunId) {
    this.plan = plan;
    this.runId = runId;
    this.jobName = jobName;
    this.runConfig = runConfig;
    this.tags = Collections.unmodifiableMap(tags);
    this.hooks = List.copyOf(hooks);
    this.jobRetryPolicy = jobRetryPolicy;
    this.assetLayer = assetLayer;
    this.runPartitionKeys = List.copyOf(runPartitionKeys);
    this.parentRunId = parentRunId;
  }

  /**
   * The plan steps are resolved against.
   *
   * @return the plan
   */
  public ExecutionPlan plan() {
    return plan;
  }

  /**
   * The job whose steps are resolved.
   *
   * @return the job's name
   */
  public String jobName() {
    return jobName;
  }

  /**
   * Resolves a step whose upstream steps are all done.
   *
   * @param template the step's template
   * @param stepKey its key ({@code template.stepKey(mappingKey)}, passed to save building it again)
   * @param mappingKey its mapping key, or {@code null} for an unmapped step
   * @param retryNumber 0 for the first attempt
   * @param upstream the upstream steps
   * @return the invocation
   * @throws StepSkipped when an upstream step failed or an output it needs was not produced
   */
  public StepInvocation invocation(
      StepTemplate template,
      String stepKey,
      String mappingKey,
      int retryNumber,
      UpstreamState upstream)
      throws StepSkipped {
    List<InputWiring> wirings = template.node().inputs();
    List<ResolvedInput> inputs = new ArrayList<>(wirings.size());
    for (InputWiring wiring : wirings) {
      inputs.add(resolve(template, mappingKey, wiring, upstream));
    }
    return new StepInvocation(
        runId,
        jobName,
        stepKey,
        template.node().op(),
        mappingKey,
        inputs,
        opConfig(template),
        tags,
        template.node().op().retryPolicy().orElse(jobRetryPolicy),
        hooks,
        assetLayer == null
            ? List.of()
            : assetLayer.outputPartitions(template.handle(), runPartitionKeys),
        retryNumber);
  }

  /** How one input gets its value. */
  private ResolvedInput resolve(
      StepTemplate template, String mappingKey, InputWiring wiring, UpstreamState upstream)
      throws StepSkipped {
    if (assetLayer != null && wiring.in().assetKey() != null && !wiring.in().isNothing()) {
      return resolveAsset(template, wiring, upstream);
    }
    if (wiring.sources().isEmpty()) {
      ResolvedInput.Mode mode =
          wiring.in().isNothing() ? ResolvedInput.Mode.NOTHING : ResolvedInput.Mode.DEFAULT;
      return new ResolvedInput(wiring.in(), mode, List.of(), wiring.defaultValue());
    }
    boolean list = wiring.fanIn();
    List<OutputRef> refs = new ArrayList<>(wiring.sources().size());
    for (Upstream up : wiring.sources()) {
      StepTemplate producer = plan.step(up.handle());
      Out out = plan.outputOf(up);
      if (producer == null) {
        // Re-execution: an unselected step's output is read from the parent run that stored it.
        refs.add(
            new OutputRef(
                parentRunId, up.handle(), plan.op(up.handle()).op().name(), out, null, null));
        continue;
      }
      if (up.collected()) {
        list = true;
        collect(producer, up, out, upstream, refs);
        continue;
      }
      UpstreamState.Step source =
          upstream.step(producer.isMapped() ? producer.stepKey(mappingKey) : producer.handle());
      if (source.failedOrAfterFailure()) {
        throw new StepSkipped(
            "upstream step \""
                + source.key()
                + (source.outcome() == UpstreamState.Outcome.FAILED
                    ? "\" failed"
                    : "\" was skipped after a failure"),
            true);
      }
      if (!source.hasOutput(up.outputName())) {
        if (wiring.fanIn()) {
          continue;
        }
        throw new StepSkipped(
            source.outcome() == UpstreamState.Outcome.SKIPPED
                ? "upstream step \"" + source.key() + "\" was skipped"
                : "output \""
                    + up.outputName()
                    + "\" of step \""
                    + source.key()
                    + "\" was not produced",
            false);
      }
      String refMappingKey = out.dynamic() ? mappingKey : null;
      refs.add(
          new OutputRef(
              runId, source.key(), producer.node().op().name(), out, refMappingKey, null));
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

  /** The values of a collected input: every instance of a mapped step, or every dynamic value. */
  private void collect(
      StepTemplate producer, Upstream up, Out out, UpstreamState upstream, List<OutputRef> refs)
      throws StepSkipped {
    if (producer.isMapped()) {
      if (upstream.step(producer.dynamicRoot()).failedOrAfterFailure()) {
        throw new StepSkipped(
            "the dynamic output it collects was not produced after a failure", true);
      }
      for (UpstreamState.Step instance : upstream.mappedInstances(producer)) {
        if (instance.failedOrAfterFailure()) {
          throw new StepSkipped("upstream step \"" + instance.key() + "\" failed", true);
        }
        if (instance.hasOutput(up.outputName())) {
          refs.add(
              new OutputRef(runId, instance.key(), producer.node().op().name(), out, null, null));
        }
      }
      return;
    }
    UpstreamState.Step root = upstream.step(producer.handle());
    if (root.failedOrAfterFailure()) {
      throw new StepSkipped("upstream step \"" + root.key() + "\" failed", true);
    }
    if (root.outcome() != UpstreamState.Outcome.SUCCEEDED) {
      return;
    }
    for (String key : root.mappingKeys(up.outputName())) {
      refs.add(new OutputRef(runId, root.key(), producer.node().op().name(), out, key, null));
    }
  }

  /**
   * An input that loads an upstream asset: after the step that materializes it in this run, or from
   * storage when nothing in the run does, by asset key and mapped partitions.
   */
  private ResolvedInput resolveAsset(
      StepTemplate template, InputWiring wiring, UpstreamState upstream) throws StepSkipped {
    Out out;
    String producerRun = null;
    String producerStep = null;
    String producerOp = null;
    if (!wiring.sources().isEmpty() && plan.step(wiring.sources().get(0).handle()) != null) {
      Upstream up = wiring.sources().get(0);
      StepTemplate producer = plan.step(up.handle());
      UpstreamState.Step source = upstream.step(producer.handle());
      if (source.failedOrAfterFailure()) {
        throw new StepSkipped("upstream step \"" + source.key() + "\" failed", true);
      }
      if (!source.hasOutput(up.outputName())) {
        throw new StepSkipped(
            "asset "
                + wiring.in().assetKey().toUserString()
                + " was not materialized by step \""
                + source.key()
                + "\"",
            false);
      }
      out = plan.outputOf(up);
      producerRun = runId;
      producerStep = source.key();
      producerOp = producer.node().op().name();
    } else {
      out = assetLayer.sourceOutput(wiring.in().assetKey());
    }
    List<String> partitions =
        assetLayer.inputPartitions(
            template.handle(), wiring.in().name(), wiring.in().assetKey(), runPartitionKeys);
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
