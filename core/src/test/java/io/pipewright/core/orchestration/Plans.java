package io.pipewright.core.orchestration;

import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds plan snapshots for orchestration tests, the way the code location server would. */
final class Plans {

  private Plans() {}

  static ExecutionPlanSnapshot plan(Step... steps) {
    List<StepSnapshot> built = new ArrayList<>();
    for (Step step : steps) {
      built.add(step.build());
    }
    return new ExecutionPlanSnapshot("job", built);
  }

  /** A step with one output named {@code result}, unless outputs are declared. */
  static Step step(String handle) {
    return new Step(handle);
  }

  /** The key of a mapped step's template. */
  static String mapped(String handle) {
    return handle + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX;
  }

  static final class Step {
    private final String handle;
    private StepSnapshot.DynamicMapping mappedOver;
    private final List<StepInputSnapshot> inputs = new ArrayList<>();
    private final List<StepOutputSnapshot> outputs = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private RetryPolicySnapshot retry;

    private Step(String handle) {
      this.handle = handle;
    }

    /** Reads output {@code output} of step {@code fromKey} (a template key for mapped steps). */
    Step in(String name, String fromKey, String output) {
      inputs.add(
          new StepInputSnapshot(
              name,
              "Int",
              List.of(new StepInputSourceSnapshot.StepOutput(fromKey, output, false)),
              false,
              false));
      return this;
    }

    Step in(String name, String fromKey) {
      return in(name, fromKey, "result");
    }

    /** Collects every value of a mapped step's output (or of a dynamic output). */
    Step collect(String name, String fromKey, String output) {
      inputs.add(
          new StepInputSnapshot(
              name,
              "List[Int]",
              List.of(new StepInputSourceSnapshot.StepOutput(fromKey, output, true)),
              true,
              false));
      return this;
    }

    /** A fan-in input over several steps' {@code result}. */
    Step fanIn(String name, String... fromKeys) {
      List<StepInputSourceSnapshot> sources = new ArrayList<>();
      for (String key : fromKeys) {
        sources.add(new StepInputSourceSnapshot.StepOutput(key, "result", false));
      }
      inputs.add(new StepInputSnapshot(name, "List[Int]", sources, true, false));
      return this;
    }

    Step out(String name) {
      outputs.add(new StepOutputSnapshot(name, "Int", false, false, "io_manager", null));
      return this;
    }

    Step optionalOut(String name) {
      outputs.add(new StepOutputSnapshot(name, "Int", false, true, "io_manager", null));
      return this;
    }

    Step dynamicOut(String name) {
      outputs.add(new StepOutputSnapshot(name, "Int", true, false, "io_manager", null));
      return this;
    }

    Step mappedOver(String rootHandle, String output) {
      this.mappedOver = new StepSnapshot.DynamicMapping(rootHandle, output);
      return this;
    }

    Step tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    Step retry(RetryPolicySnapshot policy) {
      this.retry = policy;
      return this;
    }

    StepSnapshot build() {
      List<StepOutputSnapshot> outs = outputs.isEmpty() ? null : outputs;
      if (outs == null) {
        outs = List.of(new StepOutputSnapshot("result", "Int", false, false, "io_manager", null));
      }
      return new StepSnapshot(
          mappedOver == null ? handle : mapped(handle),
          handle,
          handle,
          mappedOver,
          inputs,
          outs,
          tags,
          retry,
          List.of(),
          List.of());
    }
  }
}
