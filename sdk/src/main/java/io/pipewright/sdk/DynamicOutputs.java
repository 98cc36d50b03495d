package io.pipewright.sdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * All values of one dynamic output, in the order they were produced.
 *
 * <pre>{@code
 * DynamicOutputs.Builder out = DynamicOutputs.builder();
 * for (String file : files) out.add(file.replace('.', '_'), file);
 * return out.build();
 * }</pre>
 *
 * @param values the values; mapping keys are unique
 */
public record DynamicOutputs(List<DynamicOutput> values) {

  /** Checks that mapping keys are unique and copies the list. */
  public DynamicOutputs {
    values = List.copyOf(values);
    Set<String> seen = new HashSet<>();
    for (DynamicOutput value : values) {
      if (!seen.add(value.mappingKey())) {
        throw new IllegalArgumentException(
            "Mapping key \""
                + value.mappingKey()
                + "\" was used twice in one dynamic output; mapping keys must be unique.");
      }
    }
  }

  /**
   * Dynamic outputs from a list.
   *
   * @param values the values
   * @return the dynamic outputs
   */
  public static DynamicOutputs of(List<DynamicOutput> values) {
    return new DynamicOutputs(values);
  }

  /**
   * A builder that collects values one at a time.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects dynamic values in order. */
  public static final class Builder {
    private final List<DynamicOutput> values = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a value.
     *
     * @param mappingKey the mapping key
     * @param value the value
     * @return this builder
     */
    public Builder add(String mappingKey, Object value) {
      values.add(DynamicOutput.of(mappingKey, value));
      return this;
    }

    /**
     * Adds a value with metadata.
     *
     * @param output the value, key and metadata
     * @return this builder
     */
    public Builder add(DynamicOutput output) {
      values.add(output);
      return this;
    }

    /**
     * Builds the outputs.
     *
     * @return the dynamic outputs
     */
    public DynamicOutputs build() {
      return new DynamicOutputs(values);
    }
  }
}
