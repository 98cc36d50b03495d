package io.pipewright.sdk;

import io.pipewright.sdk.config.ConfigSchema;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.internal.Names;
import io.pipewright.sdk.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An op: a named unit of computation with typed inputs and outputs, config, required resources,
 * tags and a retry policy (Dagster's {@code @op}).
 *
 * <pre>{@code
 * OpDefinition clean = OpDefinition.builder("clean")
 *     .description("Drops rows without an id.")
 *     .input(In.of("rows", Types.list(Types.of(Row.class))))
 *     .output(Types.list(Types.of(Row.class)))
 *     .config(CleanConfig.class)
 *     .retryPolicy(RetryPolicy.of(2, Duration.ofSeconds(1)))
 *     .compute((ctx, in) -> ...)
 *     .build();
 * }</pre>
 *
 * <p>An op factory is a plain Java method that returns an {@code OpDefinition}; call it with
 * different arguments to build several ops. Problems in a definition (a bad name, two inputs with
 * one name) do not throw here: they are kept and reported, all together, when the job or {@link
 * Definitions} that contains the op is built.
 */
public final class OpDefinition implements NodeDefinition {
  private final String name;
  private final String description;
  private final List<In> inputs;
  private final List<Out> outputs;
  private final Map<String, String> tags;
  private final Set<String> requiredResourceKeys;
  private final RetryPolicy retryPolicy;
  private final ConfigType configType;
  private final Class<?> configClass;
  private final OpBody body;
  private final String configProblem;
  private final List<DefinitionError> problems;

  private OpDefinition(Builder b, List<DefinitionError> problems) {
    this.name = b.name;
    this.description = b.description;
    this.inputs = List.copyOf(b.inputs);
    this.outputs =
        b.outputs == null
            ? List.of(Out.result(io.pipewright.sdk.types.Types.ANY))
            : List.copyOf(b.outputs);
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    this.requiredResourceKeys =
        Collections.unmodifiableSet(new LinkedHashSet<>(b.requiredResourceKeys));
    this.retryPolicy = b.retryPolicy;
    this.configType = b.configType;
    this.configClass = b.configClass;
    this.body = b.body;
    this.configProblem = b.configProblem;
    this.problems = List.copyOf(problems);
  }

  /**
   * Starts an op definition.
   *
   * @param name letters, digits and underscores
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<In> inputs() {
    return inputs;
  }

  @Override
  public List<Out> outputs() {
    return outputs;
  }

  /**
   * The input with a name.
   *
   * @param inputName the name
   * @return the input, or empty
   */
  public Optional<In> input(String inputName) {
    for (In in : inputs) {
      if (in.name().equals(inputName)) {
        return Optional.of(in);
      }
    }
    return Optional.empty();
  }

  /**
   * The output with a name.
   *
   * @param outputName the name
   * @return the output, or empty
   */
  public Optional<Out> output(String outputName) {
    for (Out out : outputs) {
      if (out.name().equals(outputName)) {
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  /**
   * Tags; {@code pipewright.io/...} tags configure how the step is launched.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * The keys of the resources the op uses.
   *
   * @return an unmodifiable set
   */
  public Set<String> requiredResourceKeys() {
    return requiredResourceKeys;
  }

  /**
   * The retry policy.
   *
   * @return the policy, or empty to use the job's
   */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /**
   * The schema of the op's config.
   *
   * @return the schema, or empty when the op takes no config
   */
  public Optional<ConfigType> configType() {
    return Optional.ofNullable(configType);
  }

  /**
   * The record class the config converts to.
   *
   * @return the class, or empty when config is kept as a tree
   */
  public Optional<Class<?>> configClass() {
    return Optional.ofNullable(configClass);
  }

  /**
   * The computation.
   *
   * @return the body
   */
  public OpBody body() {
    return body;
  }

  /**
   * Problems found in this op's own definition; reported when its job or definitions are built.
   *
   * @return the problems, empty when the op is valid
   */
  public List<DefinitionError> problems() {
    return problems;
  }

  /**
   * A copy with an input added, or replaced when one has the same name. Asset jobs use it to add
   * order-only dependencies on blocking checks.
   *
   * @param in the input
   * @return the new op
   */
  public OpDefinition withInput(In in) {
    Builder b = toBuilder();
    b.inputs.removeIf(existing -> existing.name().equals(in.name()));
    b.inputs.add(in);
    return b.build();
  }

  /**
   * A copy with an output added, or replaced when one has the same name. Assets use it to mark the
   * output that materializes them.
   *
   * @param out the output
   * @return the new op
   */
  public OpDefinition withOutput(Out out) {
    Builder b = toBuilder();
    List<Out> outs = new ArrayList<>(outputs);
    boolean replaced = false;
    for (int i = 0; i < outs.size(); i++) {
      if (outs.get(i).name().equals(out.name())) {
        outs.set(i, out);
        replaced = true;
      }
    }
    if (!replaced) {
      outs.add(out);
    }
    b.outputs = outs;
    return b.build();
  }

  /**
   * A copy without some outputs. Subset runs of multi-assets use it, so that the op sees only the
   * selected assets.
   *
   * @param names the outputs to drop
   * @return the new op
   */
  public OpDefinition withoutOutputs(java.util.Collection<String> names) {
    Builder b = toBuilder();
    b.outputs.removeIf(out -> names.contains(out.name()));
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(name);
    b.description = description;
    b.inputs.addAll(inputs);
    b.outputs = new ArrayList<>(outputs);
    b.tags.putAll(tags);
    b.requiredResourceKeys.addAll(requiredResourceKeys);
    b.retryPolicy = retryPolicy;
    b.configType = configType;
    b.configClass = configClass;
    b.body = body;
    b.configProblem = configProblem;
    return b;
  }

  @Override
  public String toString() {
    return "OpDefinition[" + name + "]";
  }

  /** Builds an {@link OpDefinition}. */
  public static final class Builder {
    private final String name;
    private String description;
    private final List<In> inputs = new ArrayList<>();
    private List<Out> outputs;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Set<String> requiredResourceKeys = new LinkedHashSet<>();
    private RetryPolicy retryPolicy;
    private ConfigType configType;
    private Class<?> configClass;
    private String configProblem;
    private OpBody body;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the description.
     *
     * @param text the description
     * @return this builder
     */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Adds an input.
     *
     * @param in the input
     * @return this builder
     */
    public Builder input(In in) {
      inputs.add(in);
      return this;
    }

    /**
     * Adds a typed input.
     *
     * @param inputName the input's name
     * @param type its type
     * @return this builder
     */
    public Builder input(String inputName, DataType type) {
      return input(In.of(inputName, type));
    }

    /**
     * Adds an output. The first call replaces the default {@code result} output of type Any.
     *
     * @param out the output
     * @return this builder
     */
    public Builder output(Out out) {
      if (outputs == null) {
        outputs = new ArrayList<>();
      }
      outputs.add(out);
      return this;
    }

    /**
     * Declares the type of the single default output, {@code result}.
     *
     * @param type the type
     * @return this builder
     */
    public Builder output(DataType type) {
      return output(Out.result(type));
    }

    /**
     * Declares that the op has no outputs (a sink).
     *
     * @return this builder
     */
    public Builder noOutputs() {
      outputs = new ArrayList<>();
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    /**
     * Adds tags.
     *
     * @param newTags the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> newTags) {
      tags.putAll(newTags);
      return this;
    }

    /**
     * Declares the resources the op uses.
     *
     * @param keys resource keys
     * @return this builder
     */
    public Builder requiredResources(String... keys) {
      requiredResourceKeys.addAll(List.of(keys));
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /**
     * Declares the op's config as a record class; its schema is derived from the record.
     *
     * @param recordClass the config record
     * @return this builder
     */
    public Builder config(Class<?> recordClass) {
      this.configClass = recordClass;
      try {
        this.configType = ConfigSchema.fromClass(recordClass);
      } catch (IllegalArgumentException e) {
        this.configProblem = e.getMessage();
      }
      return this;
    }

    /**
     * Declares the op's config by schema; the op then sees the config as a tree of maps and lists.
     *
     * @param schema the schema
     * @return this builder
     */
    public Builder config(ConfigType schema) {
      this.configType = schema;
      this.configClass = null;
      return this;
    }

    /**
     * Sets the computation.
     *
     * @param opBody the computation
     * @return this builder
     */
    public Builder compute(OpBody opBody) {
      this.body = opBody;
      return this;
    }

    /**
     * Builds the op. Problems are kept on the definition and reported when its job is built.
     *
     * @return the op
     */
    public OpDefinition build() {
      List<DefinitionError> found = new ArrayList<>();
      String element = "op '" + name + "'";
      if (!Names.isValid(name)) {
        found.add(
            new DefinitionError(element, "the name is not valid", "rename the op: " + Names.RULE));
      }
      if (body == null) {
        found.add(
            new DefinitionError(
                element, "it has no compute function", "call compute((ctx, inputs) -> ...)"));
      }
      Set<String> names = new HashSet<>();
      for (In in : inputs) {
        checkName(found, element + " > input '" + in.name() + "'", in.name(), names, "input");
      }
      names.clear();
      for (Out out : outputs == null ? List.<Out>of() : outputs) {
        checkName(found, element + " > output '" + out.name() + "'", out.name(), names, "output");
      }
      if (configProblem != null) {
        found.add(
            new DefinitionError(
                element + " > config", configProblem, "change the config record's components"));
      }
      return new OpDefinition(this, found);
    }

    private static void checkName(
        List<DefinitionError> found, String element, String n, Set<String> seen, String kind) {
      if (!Names.isValid(n)) {
        found.add(new DefinitionError(element, "the " + kind + " name is not valid", Names.RULE));
      }
      if (!seen.add(n)) {
        found.add(
            new DefinitionError(
                element,
                "two " + kind + "s have this name",
                "give each " + kind + " its own name"));
      }
    }
  }
}
