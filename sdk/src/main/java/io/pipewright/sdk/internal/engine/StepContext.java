package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.OpContext;
import io.pipewright.sdk.OpLogger;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.event.AssetCheckEvaluation;
import io.pipewright.sdk.event.AssetCheckEvaluationData;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.ExpectationData;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.ObservationData;
import io.pipewright.sdk.metadata.Metadata;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link OpContext} of one step attempt. */
final class StepContext implements OpContext {
  private final StepInvocation step;
  private final StepResources resources;
  private final EventEmitter emitter;
  private final Object configTree;
  private final OpLogger log;
  private Map<String, Metadata> outputMetadata;

  StepContext(
      StepInvocation step, StepResources resources, EventEmitter emitter, Object configTree) {
    this.step = step;
    this.resources = resources;
    this.emitter = emitter;
    this.configTree = configTree;
    this.log = new StepLogger(emitter, step.stepKey());
  }

  Metadata outputMetadata(String outputName) {
    if (outputMetadata == null) {
      return Metadata.empty();
    }
    return outputMetadata.getOrDefault(outputName, Metadata.empty());
  }

  @Override
  public String runId() {
    return step.runId();
  }

  @Override
  public String jobName() {
    return step.jobName();
  }

  @Override
  public String opName() {
    return step.op().name();
  }

  @Override
  public String stepKey() {
    return step.stepKey();
  }

  @Override
  public Optional<String> mappingKey() {
    return Optional.ofNullable(step.mappingKey());
  }

  @Override
  public Map<String, String> runTags() {
    return step.runTags();
  }

  @Override
  public int retryNumber() {
    return step.retryNumber();
  }

  @Override
  public Object config() {
    return step.op().configClass().<Object>map(this::config).orElse(configTree);
  }

  @Override
  public <T> T config(Class<T> type) {
    return ConfigValues.convert(configTree, type, "op '" + step.op().name() + "'");
  }

  @Override
  public <T> T resource(String key, Class<T> type) {
    if (!step.op().requiredResourceKeys().contains(key)) {
      throw new IllegalArgumentException(
          "Op '"
              + step.op().name()
              + "' did not declare resource '"
              + key
              + "'; add it with requiredResources(\""
              + key
              + "\").");
    }
    Object value = resources.get(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "Resource '"
              + key
              + "' is a "
              + value.getClass().getName()
              + ", not a "
              + type.getName()
              + ".");
    }
    return type.cast(value);
  }

  @Override
  public OpLogger log() {
    return log;
  }

  @Override
  public void logEvent(AssetMaterialization materialization) {
    emitter.emit(
        EventType.ASSET_MATERIALIZATION,
        LogLevel.INFO,
        step.stepKey(),
        "Materialized value " + materialization.assetKey().toUserString() + ".",
        new MaterializationData(materialization));
  }

  @Override
  public void logEvent(AssetObservation observation) {
    emitter.emit(
        EventType.ASSET_OBSERVATION,
        LogLevel.INFO,
        step.stepKey(),
        "Observed value " + observation.assetKey().toUserString() + ".",
        new ObservationData(observation));
  }

  @Override
  public void logEvent(ExpectationResult result) {
    emitter.emit(
        EventType.STEP_EXPECTATION_RESULT,
        result.success() ? LogLevel.INFO : LogLevel.WARNING,
        step.stepKey(),
        (result.success() ? "Expectation passed: " : "Expectation failed: ") + result.label(),
        new ExpectationData(result));
  }

  @Override
  public void logEvent(AssetCheckEvaluation evaluation) {
    emitter.emit(
        EventType.ASSET_CHECK_EVALUATION,
        evaluation.passed() ? LogLevel.INFO : LogLevel.WARNING,
        step.stepKey(),
        "Asset check '"
            + evaluation.checkName()
            + "' on "
            + evaluation.assetKey().toUserString()
            + (evaluation.passed() ? " passed." : " failed (" + evaluation.severity() + ")."),
        new AssetCheckEvaluationData(evaluation));
  }

  @Override
  public List<String> partitionKeys() {
    return step.partitionKeys();
  }

  @Override
  public Set<AssetKey> selectedAssetKeys() {
    Set<AssetKey> keys = new LinkedHashSet<>();
    for (Out out : step.op().outputs()) {
      if (out.assetKey() != null) {
        keys.add(out.assetKey());
      }
    }
    return keys;
  }

  @Override
  public void addOutputMetadata(String outputName, Metadata metadata) {
    if (step.op().output(outputName).isEmpty()) {
      throw new IllegalArgumentException(
          "Op '" + step.op().name() + "' has no output named '" + outputName + "'.");
    }
    if (outputMetadata == null) {
      outputMetadata = new HashMap<>();
    }
    outputMetadata.merge(outputName, metadata, Metadata::merge);
  }
}
