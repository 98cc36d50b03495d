package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Execution plans as Dagster's {@code ExecutionPlan}: steps, their inputs and dependencies. */
public final class PlanViews {

  private PlanViews() {}

  /**
   * Returns a plan.
   *
   * @param plan the plan
   * @return the {@code ExecutionPlan}
   */
  public static GqlObject plan(ExecutionPlanSnapshot plan) {
    Map<String, StepSnapshot> byKey = new LinkedHashMap<>();
    for (StepSnapshot step : plan.steps()) {
      byKey.put(step.key(), step);
    }
    List<GqlObject> steps = new ArrayList<>();
    Set<AssetKeySnapshot> assets = new LinkedHashSet<>();
    for (StepSnapshot step : plan.steps()) {
      steps.add(step(step, byKey));
      assets.addAll(step.assetKeys());
    }
    List<String> assetNames = new ArrayList<>();
    assets.forEach(key -> assetNames.add(key.toUserString()));
    return GqlObject.of("ExecutionPlan")
        .put("steps", steps)
        .put("artifactsPersisted", true)
        .put("assetSelection", assetNames)
        .put("assetKeys", MetadataViews.assetKeys(new ArrayList<>(assets)));
  }

  private static GqlObject step(StepSnapshot step, Map<String, StepSnapshot> byKey) {
    List<GqlObject> inputs = new ArrayList<>();
    boolean collects = false;
    for (StepInputSnapshot input : step.inputs()) {
      List<String> upstream = new ArrayList<>();
      for (StepInputSourceSnapshot source : input.sources()) {
        if (source instanceof StepInputSourceSnapshot.StepOutput out) {
          upstream.add(out.stepKey());
          collects |= out.collected();
        }
      }
      inputs.add(
          GqlObject.of("ExecutionStepInput")
              .put("name", input.name())
              .lazy(
                  "dependsOn",
                  env -> {
                    List<GqlObject> steps = new ArrayList<>();
                    for (String key : upstream) {
                      StepSnapshot found = byKey.get(key);
                      if (found != null) {
                        steps.add(step(found, byKey));
                      }
                    }
                    return steps;
                  }));
    }
    List<GqlObject> outputs = new ArrayList<>();
    for (StepOutputSnapshot output : step.outputs()) {
      outputs.add(GqlObject.of("ExecutionStepOutput").put("name", output.name()));
    }
    List<GqlObject> metadata = new ArrayList<>();
    step.tags()
        .forEach(
            (key, value) ->
                metadata.add(
                    GqlObject.of("MetadataItemDefinition").put("key", key).put("value", value)));
    String kind =
        step.isMapped() ? "UNRESOLVED_MAPPED" : collects ? "UNRESOLVED_COLLECT" : "COMPUTE";
    return GqlObject.of("ExecutionStep")
        .put("key", step.key())
        .put("solidHandleID", step.nodeHandle())
        .put("kind", kind)
        .put("inputs", inputs)
        .put("outputs", outputs)
        .put("metadata", metadata);
  }
}
