package io.pipewright.protocol.mapping;

import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.protocol.v1.DynamicMapping;
import io.pipewright.protocol.v1.ExecutionPlan;
import io.pipewright.protocol.v1.Step;
import io.pipewright.protocol.v1.StepInput;
import io.pipewright.protocol.v1.StepInputSource;
import io.pipewright.protocol.v1.StepOutput;
import io.pipewright.protocol.v1.StepOutputSource;
import java.util.ArrayList;
import java.util.List;

/** Maps execution plans and their steps. */
public final class PlanMapper {

  private PlanMapper() {}

  /**
   * Maps a plan to its message.
   *
   * @param plan the plan
   * @return the message
   */
  public static ExecutionPlan toProto(ExecutionPlanSnapshot plan) {
    ExecutionPlan.Builder out = ExecutionPlan.newBuilder().setJobName(plan.jobName());
    for (StepSnapshot step : plan.steps()) {
      out.addSteps(toProto(step));
    }
    if (plan.containerImage() != null) {
      out.setContainerImage(plan.containerImage());
    }
    return out.build();
  }

  /**
   * Maps a plan message to the record.
   *
   * @param plan the message
   * @return the plan
   */
  public static ExecutionPlanSnapshot toCore(ExecutionPlan plan) {
    List<StepSnapshot> steps = new ArrayList<>(plan.getStepsCount());
    for (Step step : plan.getStepsList()) {
      steps.add(toCore(step));
    }
    return new ExecutionPlanSnapshot(
        plan.getJobName(), steps, plan.hasContainerImage() ? plan.getContainerImage() : null);
  }

  private static Step toProto(StepSnapshot step) {
    Step.Builder out =
        Step.newBuilder()
            .setKey(step.key())
            .setNodeHandle(step.nodeHandle())
            .setOpName(step.opName())
            .putAllTags(step.tags())
            .addAllRequiredResources(step.requiredResources())
            .addAllAssetKeys(CommonMapper.assetKeysToProto(step.assetKeys()));
    if (step.mappedOver() != null) {
      out.setMappedOver(
          DynamicMapping.newBuilder()
              .setStepHandle(step.mappedOver().stepHandle())
              .setOutput(step.mappedOver().output()));
    }
    for (StepInputSnapshot input : step.inputs()) {
      StepInput.Builder in =
          StepInput.newBuilder()
              .setName(input.name())
              .setTypeName(input.typeName())
              .setFanIn(input.fanIn())
              .setHasDefault(input.hasDefault());
      for (StepInputSourceSnapshot source : input.sources()) {
        StepInputSource.Builder s = StepInputSource.newBuilder();
        if (source instanceof StepInputSourceSnapshot.StepOutput o) {
          s.setStepOutput(
              StepOutputSource.newBuilder()
                  .setStepKey(o.stepKey())
                  .setOutput(o.output())
                  .setCollected(o.collected()));
        } else if (source instanceof StepInputSourceSnapshot.Asset a) {
          s.setAsset(CommonMapper.toProto(a.key()));
        }
        in.addSources(s);
      }
      out.addInputs(in);
    }
    for (StepOutputSnapshot output : step.outputs()) {
      StepOutput.Builder o =
          StepOutput.newBuilder()
              .setName(output.name())
              .setTypeName(output.typeName())
              .setIsDynamic(output.dynamic())
              .setIsOptional(output.optional())
              .setIoManagerKey(output.ioManagerKey());
      if (output.assetKey() != null) {
        o.setAssetKey(CommonMapper.toProto(output.assetKey()));
      }
      out.addOutputs(o);
    }
    if (step.retryPolicy() != null) {
      out.setRetryPolicy(CommonMapper.toProto(step.retryPolicy()));
    }
    return out.build();
  }

  private static StepSnapshot toCore(Step step) {
    List<StepInputSnapshot> inputs = new ArrayList<>(step.getInputsCount());
    for (StepInput input : step.getInputsList()) {
      List<StepInputSourceSnapshot> sources = new ArrayList<>(input.getSourcesCount());
      for (StepInputSource source : input.getSourcesList()) {
        sources.add(
            switch (source.getKindCase()) {
              case STEP_OUTPUT ->
                  new StepInputSourceSnapshot.StepOutput(
                      source.getStepOutput().getStepKey(),
                      source.getStepOutput().getOutput(),
                      source.getStepOutput().getCollected());
              case ASSET ->
                  new StepInputSourceSnapshot.Asset(CommonMapper.toCore(source.getAsset()));
              case KIND_NOT_SET -> throw Protos.unset("StepInputSource", "kind");
            });
      }
      inputs.add(
          new StepInputSnapshot(
              input.getName(),
              input.getTypeName(),
              sources,
              input.getFanIn(),
              input.getHasDefault()));
    }
    List<StepOutputSnapshot> outputs = new ArrayList<>(step.getOutputsCount());
    for (StepOutput output : step.getOutputsList()) {
      outputs.add(
          new StepOutputSnapshot(
              output.getName(),
              output.getTypeName(),
              output.getIsDynamic(),
              output.getIsOptional(),
              output.getIoManagerKey(),
              output.hasAssetKey() ? CommonMapper.toCore(output.getAssetKey()) : null));
    }
    return new StepSnapshot(
        step.getKey(),
        step.getNodeHandle(),
        step.getOpName(),
        step.hasMappedOver()
            ? new StepSnapshot.DynamicMapping(
                step.getMappedOver().getStepHandle(), step.getMappedOver().getOutput())
            : null,
        inputs,
        outputs,
        step.getTagsMap(),
        step.hasRetryPolicy() ? CommonMapper.toCore(step.getRetryPolicy()) : null,
        step.getRequiredResourcesList(),
        CommonMapper.assetKeysToCore(step.getAssetKeysList()));
  }
}
