package io.pipewright.sdk.testing;

import io.pipewright.sdk.In;
import io.pipewright.sdk.OpContext;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.internal.engine.InputValues;
import io.pipewright.sdk.types.TypeCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invokes an op's computation directly, without a job or an IO manager (Dagster's direct op
 * invocation). Inputs are type-checked as in a run; the op's return value is handed back as is.
 */
public final class OpInvoker {
  private OpInvoker() {}

  /**
   * Invokes an op with a default context.
   *
   * @param op the op
   * @param inputs the input values by name
   * @return what the op returned
   * @throws Exception what the op threw
   */
  public static Object invoke(OpDefinition op, Map<String, ?> inputs) throws Exception {
    return invoke(op, TestOpContext.builder().opName(op.name()).build(), inputs);
  }

  /**
   * Invokes an op with a given context.
   *
   * @param op the op
   * @param context the context
   * @param inputs the input values by name
   * @return what the op returned
   * @throws Exception what the op threw
   * @throws IllegalArgumentException when inputs are missing, unknown or fail their type check
   */
  public static Object invoke(OpDefinition op, OpContext context, Map<String, ?> inputs)
      throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : inputs.keySet()) {
      if (op.input(name).isEmpty()) {
        problems.add("op '" + op.name() + "' has no input named '" + name + "'");
      }
    }
    for (In in : op.inputs()) {
      if (in.isNothing()) {
        continue;
      }
      Object value;
      if (inputs.containsKey(in.name())) {
        value = inputs.get(in.name());
      } else if (in.hasDefault()) {
        value = in.defaultValue();
      } else {
        problems.add("input '" + in.name() + "' is missing");
        continue;
      }
      TypeCheck check = in.type().check(value);
      if (!check.passed()) {
        problems.add(
            "input '"
                + in.name()
                + "' fails its type check ("
                + in.type().displayName()
                + "): "
                + check.description());
      }
      values.put(in.name(), value);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot invoke op '" + op.name() + "': " + String.join("; ", problems) + ".");
    }
    return op.body().compute(context, new InputValues(op, values));
  }
}
