package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.Out;
import io.pipewright.sdk.Outputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what an op body returned as values by output name (see {@code OpBody}). */
final class OutputValues {
  private OutputValues() {}

  static Map<String, Object> byName(StepInvocation step, Object returned) throws StepFailed {
    List<Out> outs = step.op().outputs();
    if (returned instanceof Outputs outputs) {
      for (String name : outputs.asMap().keySet()) {
        if (step.op().output(name).isEmpty()) {
          throw StepFailed.framework(
              "io.pipewright.UnknownOutput",
              "Op '"
                  + step.op().name()
                  + "' returned output '"
                  + name
                  + "', which it does not declare; its outputs are: "
                  + names(outs)
                  + ".");
        }
      }
      return outputs.asMap();
    }
    if (outs.isEmpty()) {
      if (returned != null) {
        throw StepFailed.framework(
            "io.pipewright.UnknownOutput",
            "Op '"
                + step.op().name()
                + "' declares no outputs but returned a "
                + returned.getClass().getName()
                + "; declare an output or return null.");
      }
      return Map.of();
    }
    if (outs.size() == 1) {
      Out only = outs.get(0);
      // An optional output is left out by returning null, unless null is what it carries.
      if (returned == null && only.optional() && !only.type().isNothing()) {
        return Map.of();
      }
      java.util.HashMap<String, Object> one = new java.util.HashMap<>(2);
      one.put(only.name(), returned);
      return one;
    }
    boolean allOptional = outs.stream().allMatch(Out::optional);
    if (returned == null && allOptional) {
      return Map.of();
    }
    throw StepFailed.framework(
        "io.pipewright.UnknownOutput",
        "Op '"
            + step.op().name()
            + "' declares outputs "
            + names(outs)
            + ": return Outputs.of(\"name\", value).and(...), not "
            + (returned == null ? "null" : "a " + returned.getClass().getName())
            + ".");
  }

  private static String names(List<Out> outs) {
    List<String> names = new ArrayList<>();
    for (Out out : outs) {
      names.add(out.name());
    }
    return String.join(", ", names);
  }
}
