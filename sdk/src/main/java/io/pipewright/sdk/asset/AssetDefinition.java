package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.In;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpBody;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A software-defined asset (Dagster's {@code @asset}): a key, the function that computes it and the
 * assets it depends on.
 *
 * <pre>{@code
 * AssetDefinition dailyRevenue = AssetDefinition.builder("analytics", "daily_revenue")
 *     .group("sales")
 *     .kinds("sql")
 *     .owners("team:analytics")
 *     .codeVersion("2")
 *     .partitions(TimeWindowPartitionsDefinition.daily("2026-01-01"))
 *     .input("orders", AssetKey.of("raw", "orders"))
 *     .type(Types.DOUBLE)
 *     .compute((ctx, in) -> sum(in.getList("orders", Order.class)))
 *     .build();
 * }</pre>
 *
 * <p>Upstream assets passed to {@link Builder#input} are loaded through the IO manager that stored
 * them; those passed to {@link Builder#dep} only order execution. The value the function returns
 * (or an {@link io.pipewright.sdk.Output} with metadata) is stored by the asset's IO manager and
 * recorded as an {@code ASSET_MATERIALIZATION} event carrying that metadata.
 */
public final class AssetDefinition implements AssetsDefinition {
  private final AssetSpec spec;
  private final Map<String, AssetIn> inputs;
  private final PartitionsDefinition partitions;
  private final OpDefinition op;
  private final List<DefinitionError> problems;

  private AssetDefinition(Builder b) {
    this.spec =
        new AssetSpec(
            b.key,
            b.description,
            b.group,
            new java.util.LinkedHashSet<>(b.kinds),
            new java.util.LinkedHashSet<>(b.owners),
            b.tags,
            b.metadata,
            b.codeVersion,
            b.deps);
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    this.partitions = b.partitions;
    String name = AssetNames.identifier(b.key);
    OpDefinition.Builder op =
        OpDefinition.builder(name)
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
    for (AssetKey dep : b.deps) {
      op.input(In.nothing(AssetNames.depInput(dep)).fromAsset(dep));
    }
    op.output(
        Out.of(Out.DEFAULT_NAME, b.type)
            .forAsset(b.key)
            .withIoManager(b.ioManagerKey)
            .withMetadata(spec.metadata()));
    this.op = op.build();
    List<DefinitionError> found = new ArrayList<>();
    for (DefinitionError e : this.op.problems()) {
      found.add(
          new DefinitionError(
              "asset '" + b.key.toUserString() + "' > " + e.element(), e.problem(), e.fix()));
    }
    this.problems = List.copyOf(found);
  }

  /**
   * Starts an asset definition.
   *
   * @param path the asset key's parts
   * @return a builder
   */
  public static Builder builder(String... path) {
    return new Builder(AssetKey.of(path));
  }

  /**
   * Starts an asset definition.
   *
   * @param key the asset key
   * @return a builder
   */
  public static Builder builder(AssetKey key) {
    return new Builder(key);
  }

  /**
   * The asset's spec.
   *
   * @return the spec
   */
  public AssetSpec spec() {
    return spec;
  }

  /**
   * The asset's key.
   *
   * @return the key
   */
  public AssetKey key() {
    return spec.key();
  }

  @Override
  public List<AssetSpec> specs() {
    return List.of(spec);
  }

  @Override
  public String nodeName() {
    return op.name();
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
    return Map.of(spec.key(), Out.DEFAULT_NAME);
  }

  @Override
  public Optional<PartitionsDefinition> partitions() {
    return Optional.ofNullable(partitions);
  }

  @Override
  public List<DefinitionError> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "AssetDefinition[" + spec.key() + "]";
  }

  /** Builds an {@link AssetDefinition}. */
  public static final class Builder {
    private final AssetKey key;
    private String description;
    private String group;
    private final List<String> kinds = new ArrayList<>();
    private final List<String> owners = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private Metadata metadata = Metadata.empty();
    private String codeVersion;
    private final Map<String, AssetIn> inputs = new LinkedHashMap<>();
    private final List<AssetKey> deps = new ArrayList<>();
    private DataType type = Types.ANY;
    private String ioManagerKey;
    private final List<String> resources = new ArrayList<>();
    private Class<?> configClass;
    private RetryPolicy retryPolicy;
    private PartitionsDefinition partitions;
    private OpBody body;

    private Builder(AssetKey key) {
      this.key = key;
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
     * Puts the asset in a group (default {@value AssetSpec#DEFAULT_GROUP}).
     *
     * @param name the group
     * @return this builder
     */
    public Builder group(String name) {
      this.group = name;
      return this;
    }

    /**
     * Adds kinds: what computes or stores the asset ({@code sql}, {@code spark}, {@code s3}).
     *
     * @param names the kinds
     * @return this builder
     */
    public Builder kinds(String... names) {
      kinds.addAll(List.of(names));
      return this;
    }

    /**
     * Adds owners.
     *
     * @param names teams ({@code team:data}) or e-mail addresses
     * @return this builder
     */
    public Builder owners(String... names) {
      owners.addAll(List.of(names));
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param tagKey the key
     * @param value the value
     * @return this builder
     */
    public Builder tag(String tagKey, String value) {
      tags.put(tagKey, value);
      return this;
    }

    /**
     * Sets static metadata.
     *
     * @param newMetadata the metadata
     * @return this builder
     */
    public Builder metadata(Metadata newMetadata) {
      this.metadata = newMetadata;
      return this;
    }

    /**
     * Sets the code version; materializations made with another version are stale.
     *
     * @param version the version
     * @return this builder
     */
    public Builder codeVersion(String version) {
      this.codeVersion = version;
      return this;
    }

    /**
     * Loads an upstream asset as an input.
     *
     * @param inputName the input's name
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String inputName, AssetKey upstream) {
      return input(inputName, AssetIn.of(upstream));
    }

    /**
     * Loads an upstream asset as an input, with a type or a partition mapping.
     *
     * @param inputName the input's name
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String inputName, AssetIn upstream) {
      inputs.put(inputName, upstream);
      return this;
    }

    /**
     * Depends on an upstream asset without loading it (order only).
     *
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder dep(AssetKey upstream) {
      deps.add(upstream);
      return this;
    }

    /**
     * Sets the type of the asset's value (default Any).
     *
     * @param valueType the type
     * @return this builder
     */
    public Builder type(DataType valueType) {
      this.type = valueType;
      return this;
    }

    /**
     * Stores the asset with the IO manager bound to a key (default {@code io_manager}).
     *
     * @param resourceKey the key
     * @return this builder
     */
    public Builder ioManager(String resourceKey) {
      this.ioManagerKey = resourceKey;
      return this;
    }

    /**
     * Declares resources the compute function uses.
     *
     * @param keys resource keys
     * @return this builder
     */
    public Builder requiredResources(String... keys) {
      resources.addAll(List.of(keys));
      return this;
    }

    /**
     * Declares config as a record; it sits at {@code ops.<asset node name>.config} in run config.
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
     * Partitions the asset.
     *
     * @param definition the partitions
     * @return this builder
     */
    public Builder partitions(PartitionsDefinition definition) {
      this.partitions = definition;
      return this;
    }

    /**
     * Sets the compute function.
     *
     * @param compute the function
     * @return this builder
     */
    public Builder compute(OpBody compute) {
      this.body = compute;
      return this;
    }

    /**
     * Builds the asset. Problems are reported when {@code Definitions} are built.
     *
     * @return the asset
     */
    public AssetDefinition build() {
      return new AssetDefinition(this);
    }
  }
}
