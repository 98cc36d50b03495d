package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.In;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpBody;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Several assets computed by one op (Dagster's {@code @multi_asset}). The op returns {@link
 * io.pipewright.sdk.Outputs} keyed by output name. A subsettable multi-asset may be asked for only
 * some of its assets: {@code context.selectedAssetKeys()} says which, and it returns only those.
 *
 * <pre>{@code
 * MultiAssetDefinition split = MultiAssetDefinition.builder("split_customers")
 *     .asset("active", AssetSpec.of("crm", "active_customers").withGroup("crm"))
 *     .asset("churned", AssetSpec.of("crm", "churned_customers").withGroup("crm"))
 *     .input("customers", AssetKey.of("raw", "customers"))
 *     .canSubset(true)
 *     .compute((ctx, in) -> ...)
 *     .build();
 * }</pre>
 */
public final class MultiAssetDefinition implements AssetsDefinition {
  private final String name;
  private final List<AssetSpec> specs;
  private final Map<AssetKey, String> outputNames;
  private final Map<String, AssetIn> inputs;
  private final PartitionsDefinition partitions;
  private final boolean canSubset;
  private final OpDefinition op;
  private final List<DefinitionError> problems;

  private MultiAssetDefinition(Builder b) {
    this.name = b.name;
    this.specs = List.copyOf(b.specs.values());
    Map<AssetKey, String> outs = new LinkedHashMap<>();
    b.specs.forEach((output, spec) -> outs.put(spec.key(), output));
    this.outputNames = Collections.unmodifiableMap(outs);
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    this.partitions = b.partitions;
    this.canSubset = b.canSubset;
    OpDefinition.Builder op =
        OpDefinition.builder(b.name)
            .description(b.description)
            .requiredResources(b.resources.toArray(String[]::new))
            .retryPolicy(b.retryPolicy)
            .compute(b.body);
    if (b.configClass != null) {
      op.config(b.configClass);
    }
    for (Map.Entry<String, AssetIn> in : b.inputs.entrySet()) {
      op.input(In.of(in.getKey(), in.getValue().type()).fromAsset(in.getValue().key()));
    }
    Set<AssetKey> deps = new LinkedHashSet<>();
    for (AssetSpec spec : b.specs.values()) {
      deps.addAll(spec.deps());
    }
    for (AssetKey dep : deps) {
      op.input(In.nothing(AssetNames.depInput(dep)).fromAsset(dep));
    }
    if (b.specs.isEmpty()) {
      op.noOutputs();
    }
    for (Map.Entry<String, AssetSpec> e : b.specs.entrySet()) {
      Out out =
          Out.of(e.getKey(), b.types.getOrDefault(e.getKey(), Types.ANY))
              .forAsset(e.getValue().key())
              .withIoManager(b.ioManagers.get(e.getKey()))
              .withMetadata(e.getValue().metadata());
      // A subset run materializes only the selected assets, so every output may be left out.
      op.output(b.canSubset ? out.asOptional() : out);
    }
    this.op = op.build();
    List<DefinitionError> found = new ArrayList<>();
    for (DefinitionError e : this.op.problems()) {
      found.add(
          new DefinitionError(
              "multi-asset '" + b.name + "' > " + e.element(), e.problem(), e.fix()));
    }
    if (b.specs.isEmpty()) {
      found.add(
          new DefinitionError(
              "multi-asset '" + b.name + "'",
              "it defines no asset",
              "add assets with .asset(outputName, AssetSpec.of(...))"));
    }
    this.problems = List.copyOf(found);
  }

  /**
   * Starts a multi-asset.
   *
   * @param name the op's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public List<AssetSpec> specs() {
    return specs;
  }

  @Override
  public String nodeName() {
    return name;
  }

  @Override
  public Optional<NodeDefinition> node() {
    return Optional.of(op);
  }

  @Override
  public Map<String, AssetIn> inputs() {
    return inputs;
  }

  @Override
  public Map<AssetKey, String> outputNames() {
    return outputNames;
  }

  @Override
  public Optional<PartitionsDefinition> partitions() {
    return Optional.ofNullable(partitions);
  }

  @Override
  public boolean canSubset() {
    return canSubset;
  }

  @Override
  public List<DefinitionError> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "MultiAssetDefinition[" + name + ", " + outputNames.keySet() + "]";
  }

  /** Builds a {@link MultiAssetDefinition}. */
  public static final class Builder {
    private final String name;
    private String description;
    private final Map<String, AssetSpec> specs = new LinkedHashMap<>();
    private final Map<String, DataType> types = new LinkedHashMap<>();
    private final Map<String, String> ioManagers = new LinkedHashMap<>();
    private final Map<String, AssetIn> inputs = new LinkedHashMap<>();
    private final List<String> resources = new ArrayList<>();
    private Class<?> configClass;
    private RetryPolicy retryPolicy;
    private PartitionsDefinition partitions;
    private boolean canSubset;
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
     * Adds an asset, materialized by the output of that name.
     *
     * @param outputName the output
     * @param spec the asset
     * @return this builder
     */
    public Builder asset(String outputName, AssetSpec spec) {
      specs.put(outputName, spec);
      return this;
    }

    /**
     * Adds a typed asset.
     *
     * @param outputName the output
     * @param spec the asset
     * @param type the type of its value
     * @return this builder
     */
    public Builder asset(String outputName, AssetSpec spec, DataType type) {
      types.put(outputName, type);
      return asset(outputName, spec);
    }

    /**
     * Stores one asset with another IO manager.
     *
     * @param outputName the output
     * @param resourceKey the IO manager's key
     * @return this builder
     */
    public Builder ioManager(String outputName, String resourceKey) {
      ioManagers.put(outputName, resourceKey);
      return this;
    }

    /**
     * Loads an upstream asset as an input.
     *
     * @param inputName the input
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String inputName, AssetKey upstream) {
      return input(inputName, AssetIn.of(upstream));
    }

    /**
     * Loads an upstream asset as an input, with a type or partition mapping.
     *
     * @param inputName the input
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String inputName, AssetIn upstream) {
      inputs.put(inputName, upstream);
      return this;
    }

    /**
     * Declares resources.
     *
     * @param keys resource keys
     * @return this builder
     */
    public Builder requiredResources(String... keys) {
      resources.addAll(List.of(keys));
      return this;
    }

    /**
     * Declares config as a record.
     *
     * @param recordClass the config record
     * @return this builder
     */
    public Builder config(Class<?> recordClass) {
      this.configClass = recordClass;
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
     * Partitions every asset of the multi-asset.
     *
     * @param definition the partitions
     * @return this builder
     */
    public Builder partitions(PartitionsDefinition definition) {
      this.partitions = definition;
      return this;
    }

    /**
     * Lets runs materialize only some of the assets.
     *
     * @param subsettable whether runs may select a subset
     * @return this builder
     */
    public Builder canSubset(boolean subsettable) {
      this.canSubset = subsettable;
      return this;
    }

    /**
     * Sets the compute function; it returns {@link io.pipewright.sdk.Outputs}.
     *
     * @param compute the function
     * @return this builder
     */
    public Builder compute(OpBody compute) {
      this.body = compute;
      return this;
    }

    /**
     * Builds the multi-asset.
     *
     * @return the multi-asset
     */
    public MultiAssetDefinition build() {
      return new MultiAssetDefinition(this);
    }
  }
}
