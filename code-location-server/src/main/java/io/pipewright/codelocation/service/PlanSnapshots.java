package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.JobAssets;
import io.pipewright.codelocation.snapshot.JobSnapshots;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.InputWiring;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.internal.plan.StepTemplate;
import io.pipewright.sdk.internal.plan.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates the engine's {@link ExecutionPlan} into the {@link ExecutionPlanSnapshot} hosts run.
 */
final class PlanSnapshots {

  private PlanSnapshots() {}

  /**
   * Translates a plan.
   *
   * @param job the job planned
   * @param ops the job's flattened ops
   * @param plan the plan of the selected steps
   * @param assets the index of the definitions' assets
   * @return the snapshot
   */
  static ExecutionPlanSnapshot of(
      JobDefinition job, List<OpNode> ops, ExecutionPlan plan, JobAssets assets) {
    ExecutionPlan full = null;
    List<StepSnapshot> steps = new ArrayList<>(plan.steps().size());
    for (StepTemplate step : plan.steps()) {
      OpNode node = step.node();
      OpDefinition op = node.op();
      List<StepInputSnapshot> inputs = new ArrayList<>(node.inputs().size());
      for (InputWiring wiring : node.inputs()) {
        List<StepInputSourceSnapshot> sources = new ArrayList<>(wiring.sources().size());
        for (Upstream up : wiring.sources()) {
          StepTemplate upstream = plan.step(up.handle());
          if (upstream == null) {
            // Re-execution: the producer is not in the plan; the full plan says if it is mapped.
            full = full == null ? ExecutionPlan.of(ops, null) : full;
            upstream = full.step(up.handle());
          }
          String stepKey =
              upstream != null && upstream.isMapped()
                  ? up.handle() + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX
                  : up.handle();
          sources.add(
              new StepInputSourceSnapshot.StepOutput(stepKey, up.outputName(), up.collected()));
        }
        AssetKey asset = wiring.in().assetKey();
        if (sources.isEmpty() && asset != null && !wiring.in().isNothing()) {
          sources.add(new StepInputSourceSnapshot.Asset(new AssetKeySnapshot(asset.path())));
        }
        inputs.add(
            new StepInputSnapshot(
                wiring.in().name(),
                wiring.in().type().name(),
                sources,
                wiring.fanIn(),
                wiring.hasDefault()));
      }
      Set<AssetKeySnapshot> assetKeys = new LinkedHashSet<>();
      List<StepOutputSnapshot> outputs = new ArrayList<>(op.outputs().size());
      for (Out out : op.outputs()) {
        AssetKeySnapshot key =
            out.assetKey() == null ? null : new AssetKeySnapshot(out.assetKey().path());
        if (key != null) {
          assetKeys.add(key);
        }
        outputs.add(
            new StepOutputSnapshot(
                out.name(),
                out.type().name(),
                out.dynamic(),
                out.optional(),
                out.ioManagerKey(),
                key));
      }
      assets
          .observedBy(step.handle())
          .ifPresent(key -> assetKeys.add(new AssetKeySnapshot(key.path())));
      List<String> resources = new ArrayList<>(op.requiredResourceKeys());
      resources.sort(null);
      steps.add(
          new StepSnapshot(
              step.isMapped()
                  ? step.handle() + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX
                  : step.handle(),
              step.handle(),
              op.name(),
              step.isMapped()
                  ? new StepSnapshot.DynamicMapping(step.dynamicRoot(), step.dynamicOutput())
                  : null,
              inputs,
              outputs,
              JobSnapshots.sorted(node.tags()),
              JobSnapshots.retryPolicy(op.retryPolicy().orElse(job.opRetryPolicy().orElse(null))),
              resources,
              List.copyOf(assetKeys)));
    }
    return new ExecutionPlanSnapshot(job.name(), steps);
  }
}
