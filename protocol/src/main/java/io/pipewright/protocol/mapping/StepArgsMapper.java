package io.pipewright.protocol.mapping;

import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.v1.ExecuteStepArgs;
import io.pipewright.protocol.v1.KnownDynamicOutput;
import io.pipewright.protocol.v1.KnownMissingOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a step worker's arguments ({@link StepExecutionArgs}, {@link KnownState}). */
public final class StepArgsMapper {

  private StepArgsMapper() {}

  /**
   * Maps the arguments to their message.
   *
   * @param args the arguments
   * @return the message
   */
  public static ExecuteStepArgs toProto(StepExecutionArgs args) {
    ExecuteStepArgs.Builder out =
        ExecuteStepArgs.newBuilder()
            .setRunId(args.runId())
            .setJobName(args.jobName())
            .setCodeLocationName(args.codeLocationName())
            .setRunConfig(JsonMapper.toProto(args.runConfig()))
            .addAllOpSelection(args.opSelection())
            .addAllAssetSelection(CommonMapper.assetKeysToProto(args.assetSelection()))
            .addAllStepKeysToExecute(args.stepKeysToExecute())
            .setStepKey(args.stepKey())
            .setAttempt(args.attempt())
            .putAllRunTags(args.runTags())
            .setKnownState(toProto(args.knownState()));
    if (args.partitionKey() != null) {
      out.setPartitionKey(args.partitionKey());
    }
    if (args.parentRunId() != null) {
      out.setParentRunId(args.parentRunId());
    }
    if (args.ingestUrl() != null) {
      out.setIngestUrl(args.ingestUrl());
    }
    return out.build();
  }

  /**
   * Maps the message to the arguments.
   *
   * @param args the message
   * @return the arguments
   * @throws IllegalArgumentException if the message is incomplete or invalid
   */
  public static StepExecutionArgs toCore(ExecuteStepArgs args) {
    return new StepExecutionArgs(
        args.getRunId(),
        args.getJobName(),
        args.getCodeLocationName(),
        JsonMapper.toCoreObject(args.getRunConfig(), "The run config"),
        args.getOpSelectionList(),
        CommonMapper.assetKeysToCore(args.getAssetSelectionList()),
        args.hasPartitionKey() ? args.getPartitionKey() : null,
        args.hasParentRunId() ? args.getParentRunId() : null,
        args.getStepKeysToExecuteList(),
        args.getStepKey(),
        args.getAttempt(),
        args.getRunTagsMap(),
        toCore(args.getKnownState()),
        args.hasIngestUrl() ? args.getIngestUrl() : null);
  }

  /**
   * Maps known state to its message.
   *
   * @param state the state
   * @return the message
   */
  public static io.pipewright.protocol.v1.KnownState toProto(KnownState state) {
    io.pipewright.protocol.v1.KnownState.Builder out =
        io.pipewright.protocol.v1.KnownState.newBuilder();
    state
        .dynamicMappingKeys()
        .forEach(
            (step, outputs) ->
                outputs.forEach(
                    (output, keys) ->
                        out.addDynamicMappings(
                            KnownDynamicOutput.newBuilder()
                                .setStepKey(step)
                                .setOutputName(output)
                                .addAllMappingKeys(keys))));
    state
        .missingOutputs()
        .forEach(
            (step, outputs) -> {
              for (String output : outputs) {
                out.addMissingOutputs(
                    KnownMissingOutput.newBuilder().setStepKey(step).setOutputName(output));
              }
            });
    return out.build();
  }

  /**
   * Maps a known state message to the record.
   *
   * @param state the message
   * @return the state
   * @throws IllegalArgumentException if an output is listed twice or a part is invalid
   */
  public static KnownState toCore(io.pipewright.protocol.v1.KnownState state) {
    Map<String, Map<String, List<String>>> mappings = new LinkedHashMap<>();
    for (KnownDynamicOutput mapping : state.getDynamicMappingsList()) {
      Map<String, List<String>> outputs =
          mappings.computeIfAbsent(mapping.getStepKey(), k -> new LinkedHashMap<>());
      if (outputs.put(mapping.getOutputName(), mapping.getMappingKeysList()) != null) {
        throw new IllegalArgumentException(
            "KnownState lists the mapping keys of output '"
                + mapping.getOutputName()
                + "' of step '"
                + mapping.getStepKey()
                + "' twice; list each dynamic output once");
      }
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (KnownMissingOutput output : state.getMissingOutputsList()) {
      missing
          .computeIfAbsent(output.getStepKey(), k -> new ArrayList<>())
          .add(output.getOutputName());
    }
    return new KnownState(mappings, missing);
  }
}
