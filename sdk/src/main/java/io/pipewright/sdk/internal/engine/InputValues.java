package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.In;
import io.pipewright.sdk.Inputs;
import io.pipewright.sdk.OpDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link Inputs} an op body receives. */
public final class InputValues implements Inputs {
  private final OpDefinition op;
  private final Map<String, Object> values;

  /**
   * Wraps loaded input values.
   *
   * @param op the op, for error messages
   * @param values the values by input name
   */
  public InputValues(OpDefinition op, Map<String, Object> values) {
    this.op = op;
    this.values = values;
  }

  @Override
  public Object get(String name) {
    if (!values.containsKey(name)) {
      List<String> names = new ArrayList<>();
      for (In in : op.inputs()) {
        if (!in.isNothing()) {
          names.add(in.name());
        }
      }
      throw new IllegalArgumentException(
          "Op '"
              + op.name()
              + "' has no input named '"
              + name
              + "' that carries a value; its inputs are: "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + ".");
    }
    return values.get(name);
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  @Override
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }
}
