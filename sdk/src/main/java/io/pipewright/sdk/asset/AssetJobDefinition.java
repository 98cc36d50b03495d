package io.pipewright.sdk.asset;

import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.partition.PartitionedConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job that materializes a selection of assets (Dagster's {@code define_asset_job}). It becomes a
 * real job when {@code Definitions} are built, with the definitions' resources.
 *
 * <pre>{@code
 * AssetJobDefinition daily = AssetJobDefinition.builder("daily_sales")
 *     .selection("group:sales and not kind:external")
 *     .tag("team", "sales")
 *     .build();
 * }</pre>
 */
public final class AssetJobDefinition {
  private final String name;
  private final String description;
  private final AssetSelection selection;
  private final Map<String, String> tags;
  private final ExecutorConfig executor;
  private final List<HookDefinition> hooks;
  private final PartitionedConfig partitionedConfig;
  private final boolean checks;

  private AssetJobDefinition(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.selection = b.selection;
    this.tags = Map.copyOf(b.tags);
    this.executor = b.executor;
    this.hooks = List.copyOf(b.hooks);
    this.partitionedConfig = b.partitionedConfig;
    this.checks = b.checks;
  }

  /**
   * Starts an asset job.
   *
   * @param name the job's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The job's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The description.
   *
   * @return the description, or {@code null}
   */
  public String description() {
    return description;
  }

  /**
   * The assets it materializes.
   *
   * @return the selection
   */
  public AssetSelection selection() {
    return selection;
  }

  /**
   * Tags of every run.
   *
   * @return the tags
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * The executor for in-process runs.
   *
   * @return the executor
   */
  public ExecutorConfig executor() {
    return executor;
  }

  /**
   * Hooks run after each step.
   *
   * @return the hooks
   */
  public List<HookDefinition> hooks() {
    return hooks;
  }

  /**
   * Config and tags per partition.
   *
   * @return the partitioned config, or {@code null}
   */
  public PartitionedConfig partitionedConfig() {
    return partitionedConfig;
  }

  /**
   * Whether the checks of the selected assets run too.
   *
   * @return true by default
   */
  public boolean includesChecks() {
    return checks;
  }

  /** Builds an {@link AssetJobDefinition}. */
  public static final class Builder {
    private final String name;
    private String description;
    private AssetSelection selection = AssetSelection.all();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private ExecutorConfig executor = ExecutorConfig.inProcess();
    private final List<HookDefinition> hooks = new ArrayList<>();
    private PartitionedConfig partitionedConfig;
    private boolean checks = true;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
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
     * Sets the assets (default: all).
     *
     * @param assets the selection
     * @return this builder
     */
    public Builder selection(AssetSelection assets) {
      this.selection = assets;
      return this;
    }

    /**
     * Sets the assets with Dagster's selection syntax.
     *
     * @param expression such as {@code "group:sales"} or {@code "+key:analytics/daily_revenue"}
     * @return this builder
     */
    public Builder selection(String expression) {
      return selection(AssetSelection.parse(expression));
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
     * Sets the executor.
     *
     * @param config the executor
     * @return this builder
     */
    public Builder executor(ExecutorConfig config) {
      this.executor = config;
      return this;
    }

    /**
     * Adds a hook.
     *
     * @param hook the hook
     * @return this builder
     */
    public Builder hook(HookDefinition hook) {
      hooks.add(hook);
      return this;
    }

    /**
     * Sets config and tags per partition.
     *
     * @param config the partitioned config
     * @return this builder
     */
    public Builder partitionedConfig(PartitionedConfig config) {
      this.partitionedConfig = config;
      return this;
    }

    /**
     * Leaves the checks of the selected assets out.
     *
     * @return this builder
     */
    public Builder withoutChecks() {
      this.checks = false;
      return this;
    }

    /**
     * Builds the asset job.
     *
     * @return the job
     */
    public AssetJobDefinition build() {
      return new AssetJobDefinition(this);
    }
  }
}
