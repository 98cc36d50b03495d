package io.pipewright.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of an op with several outputs, by output name.
 *
 * <p>Each value may be a plain value, an {@link Output} (a value with metadata) or, for a dynamic
 * output, {@link DynamicOutputs}. An optional output that is absent here is not produced, and the
 * steps that depend on it are skipped.
 *
 * <pre>{@code
 * return Outputs.of("valid", validRows).and("rejected", Output.of(badRows, Metadata.of("count", n)));
 * }</pre>
 */
public final class Outputs {
  private final Map<String, Object> values;

  private Outputs(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Outputs with a first value.
   *
   * @param name the output's name
   * @param value its value, an {@link Output} or {@link DynamicOutputs}
   * @return the outputs
   */
  public static Outputs of(String name, Object value) {
    return none().and(name, value);
  }

  /**
   * Outputs with no value yet; useful when every output is optional.
   *
   * @return empty outputs
   */
  public static Outputs none() {
    return new Outputs(new LinkedHashMap<>());
  }

  /**
   * Returns outputs that also hold {@code value} for {@code name}.
   *
   * @param name the output's name
   * @param value its value, an {@link Output} or {@link DynamicOutputs}
   * @return the new outputs
   * @throws IllegalArgumentException when {@code name} was already given
   */
  public Outputs and(String name, Object value) {
    Objects.requireNonNull(name, "output name");
    if (values.containsKey(name)) {
      throw new IllegalArgumentException(
          "Output '" + name + "' was given twice; give each output one value.");
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Outputs(copy);
  }

  /**
   * The values by output name, in the order they were given.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String toString() {
    return "Outputs" + values.keySet();
  }
}
