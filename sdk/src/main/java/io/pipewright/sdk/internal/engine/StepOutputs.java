package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.DynamicOutput;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.StepOutputData;
import io.pipewright.sdk.io.IOManager;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Type-checks and stores the outputs of one step attempt through IO managers (one call per
 * partition), with their events, including ASSET_MATERIALIZATION for asset outputs.
 */
final class StepOutputs {
  private final EventEmitter emitter;

  StepOutputs(EventEmitter emitter) {
    this.emitter = emitter;
  }

  Map<String, List<String>> storeOutputs(
      StepInvocation step, StepContext context, StepResources open, Object returned)
      throws StepFailed {
    Map<String, Object> byName = OutputValues.byName(step, returned);
    Map<String, List<String>> produced = new LinkedHashMap<>();
    for (Out out : step.op().outputs()) {
      if (!byName.containsKey(out.name())) {
        if (!out.optional()) {
          throw StepFailed.framework(
              "io.pipewright.MissingOutput",
              "Op '"
                  + step.op().name()
                  + "' (step '"
                  + step.stepKey()
                  + "') did not return required output '"
                  + out.name()
                  + "'. Return it, or declare it optional with Out.asOptional().");
        }
        continue;
      }
      Object value = byName.get(out.name());
      Metadata extra = context.outputMetadata(out.name());
      if (out.dynamic()) {
        if (!(value instanceof DynamicOutputs dynamic)) {
          throw StepFailed.framework(
              "io.pipewright.WrongOutputKind",
              "Output '"
                  + out.name()
                  + "' of op '"
                  + step.op().name()
                  + "' is dynamic: return DynamicOutputs for it, not "
                  + (value == null ? "null" : "a " + value.getClass().getName())
                  + ".");
        }
        List<String> keys = new ArrayList<>(dynamic.values().size());
        for (DynamicOutput one : dynamic.values()) {
          Metadata md = extra.isEmpty() ? one.metadata() : one.metadata().merge(extra);
          store(step, open, out, one.value(), md, one.mappingKey(), null);
          keys.add(one.mappingKey());
        }
        produced.put(out.name(), keys);
      } else {
        if (value instanceof DynamicOutputs) {
          throw StepFailed.framework(
              "io.pipewright.WrongOutputKind",
              "Output '"
                  + out.name()
                  + "' of op '"
                  + step.op().name()
                  + "' is not dynamic, but the op returned DynamicOutputs for it; declare it with"
                  + " Out.dynamic(...).");
        }
        Metadata md = extra;
        if (value instanceof Output output) {
          value = output.value();
          md = extra.isEmpty() ? output.metadata() : output.metadata().merge(extra);
        }
        if (out.assetKey() != null && !step.partitionKeys().isEmpty()) {
          storePartitions(step, open, out, value, md);
        } else {
          store(step, open, out, value, md, null, null);
        }
        produced.put(out.name(), List.of());
      }
    }
    return produced;
  }

  /** One value for one partition; a map from partition key to value for a range. */
  private void storePartitions(
      StepInvocation step, StepResources open, Out out, Object value, Metadata metadata)
      throws StepFailed {
    List<String> partitions = step.partitionKeys();
    if (partitions.size() == 1) {
      store(step, open, out, value, metadata, null, partitions.get(0));
      return;
    }
    if (!(value instanceof Map<?, ?> map)
        || !map.keySet().equals(new LinkedHashSet<>(partitions))) {
      throw StepFailed.framework(
          "io.pipewright.PartitionMismatch",
          "Step '"
              + step.stepKey()
              + "' runs for "
              + partitions.size()
              + " partitions ("
              + partitions.get(0)
              + " to "
              + partitions.get(partitions.size() - 1)
              + "): return a Map from each partition key to its value for output '"
              + out.name()
              + "'.");
    }
    for (String partition : partitions) {
      store(step, open, out, map.get(partition), metadata, null, partition);
    }
  }

  private void store(
      StepInvocation step,
      StepResources open,
      Out out,
      Object value,
      Metadata metadata,
      String mappingKey,
      String partition)
      throws StepFailed {
    TypeCheck check = out.type().check(value);
    String key = step.stepKey();
    emitter.info(
        EventType.STEP_OUTPUT,
        key,
        "Yielded output \""
            + out.name()
            + "\""
            + (mappingKey == null ? "" : " (mapping key \"" + mappingKey + "\")")
            + " of type \""
            + out.type().displayName()
            + (check.passed() ? "\". (Type check passed)." : "\". (Type check failed)."),
        new StepOutputData(out.name(), mappingKey, check, metadata));
    if (!check.passed()) {
      throw StepFailed.framework(
          "io.pipewright.TypeCheckFailure",
          "Type check failed for output '"
              + out.name()
              + "' of op '"
              + step.op().name()
              + "' (step '"
              + key
              + "'), type "
              + out.type().displayName()
              + ": "
              + check.description());
    }
    if (out.type().isNothing()) {
      return;
    }
    IOManager manager = StepInputs.ioManager(open, out.ioManagerKey());
    OutputRef ref = new OutputRef(step.runId(), key, step.op().name(), out, mappingKey, partition);
    Metadata contextMetadata = metadata.isEmpty() ? out.metadata() : out.metadata().merge(metadata);
    IoContexts.Output context = new IoContexts.Output(step.jobName(), ref, contextMetadata);
    try {
      manager.handleOutput(context, value);
    } catch (Exception e) {
      throw StepFailed.userCode(
          "Storing output '" + out.name() + "' with IO manager '" + out.ioManagerKey() + "' failed",
          e);
    }
    emitter.info(
        EventType.HANDLED_OUTPUT,
        key,
        "Handled output \"" + out.name() + "\" using IO manager \"" + out.ioManagerKey() + "\"",
        new HandledOutputData(out.name(), out.ioManagerKey(), context.added()));
    if (out.assetKey() != null) {
      Metadata all = context.added().isEmpty() ? metadata : metadata.merge(context.added());
      emitter.info(
          EventType.ASSET_MATERIALIZATION,
          key,
          "Materialized value "
              + out.assetKey().toUserString()
              + (partition == null ? "" : " partition " + partition)
              + ".",
          new MaterializationData(new AssetMaterialization(out.assetKey(), null, all, partition)));
    }
  }
}
