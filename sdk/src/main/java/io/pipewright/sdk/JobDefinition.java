package io.pipewright.sdk;

import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job: a graph bound to resources, default config, tags, an executor and hooks; the unit that is
 * launched (Dagster's {@code @job}).
 *
 * <pre>{@code
 * JobDefinition job = JobDefinition.builder("nightly_etl", etlGraph)
 *     .resource("warehouse", warehouseResource)
 *     .tag("team", "data")
 *     .executor(ExecutorConfig.multiThread(4))
 *     .hook(alertOnFailure)
 *     .build();
 * }</pre>
 *
 * <p>An op selection ({@link Builder#opSelection}) makes a job that runs only part of the graph,
 * written in Dagster's syntax: {@code name}, {@code +name}, {@code name+}, {@code *name}, {@code
 * ++name}.
 */
public final class JobDefinition {
  private final String name;
  private final String description;
  private final GraphDefinition graph;
  private final Map<String, ResourceDefinition<?>> resources;
  private final RunConfig defaultConfig;
  private final Map<String, String> tags;
  private final ExecutorConfig executor;
  private final List<HookDefinition> hooks;
  private final List<String> opSelection;
  private final RetryPolicy opRetryPolicy;
  private final io.pipewright.sdk.internal.asset.AssetLayer assetLayer;

  private JobDefinition(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.graph = b.graph;
    this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
    this.defaultConfig = b.defaultConfig;
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    this.executor = b.executor;
    this.hooks = List.copyOf(b.hooks);
    this.opSelection = b.opSelection == null ? null : List.copyOf(b.opSelection);
    this.opRetryPolicy = b.opRetryPolicy;
    this.assetLayer = b.assetLayer;
  }

  /**
   * Starts a job over a graph.
   *
   * @param name letters, digits and underscores
   * @param graph the graph it runs
   * @return a builder
   */
  public static Builder builder(String name, GraphDefinition graph) {
    return new Builder(name, graph);
  }

  /**
   * Starts a job that runs a single op.
   *
   * @param name letters, digits and underscores
   * @param op the op
   * @return a builder
   */
  public static Builder builder(String name, OpDefinition op) {
    return new Builder(name, GraphDefinition.ofOp(op));
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
   * The graph the job runs.
   *
   * @return the graph
   */
  public GraphDefinition graph() {
    return graph;
  }

  /**
   * The resources bound to the job, by key.
   *
   * @return an unmodifiable map
   */
  public Map<String, ResourceDefinition<?>> resources() {
    return resources;
  }

  /**
   * The config used when a run supplies none; run config is merged on top of it.
   *
   * @return the default config
   */
  public RunConfig defaultConfig() {
    return defaultConfig;
  }

  /**
   * Tags given to every run of the job.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> tags() {
    return tags;
  }

  /**
   * The executor for in-process runs.
   *
   * @return the executor config
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
   * The op selection the job is restricted to.
   *
   * @return the clauses, or empty for the whole graph
   */
  public Optional<List<String>> opSelection() {
    return Optional.ofNullable(opSelection);
  }

  /**
   * The retry policy of ops that declare none.
   *
   * @return the policy, or empty
   */
  public Optional<RetryPolicy> opRetryPolicy() {
    return Optional.ofNullable(opRetryPolicy);
  }

  /**
   * The asset layer of a job built from assets. Internal: used by the engine.
   *
   * @return the layer, or empty for a job of plain ops
   */
  public Optional<io.pipewright.sdk.internal.asset.AssetLayer> assetLayer() {
    return Optional.ofNullable(assetLayer);
  }

  /**
   * A copy of this job with more resources; keys the job binds itself keep the job's resource.
   * {@link Definitions} uses this to share its top-level resources with every job.
   *
   * @param shared resources to add
   * @return the new job
   */
  public JobDefinition withDefaultResources(Map<String, ResourceDefinition<?>> shared) {
    Builder b = toBuilder();
    for (Map.Entry<String, ResourceDefinition<?>> e : shared.entrySet()) {
      b.resources.putIfAbsent(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /**
   * A builder that starts from this job.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name, graph);
    b.description = description;
    b.resources.putAll(resources);
    b.defaultConfig = defaultConfig;
    b.tags.putAll(tags);
    b.executor = executor;
    b.hooks.addAll(hooks);
    b.opSelection = opSelection;
    b.opRetryPolicy = opRetryPolicy;
    b.assetLayer = assetLayer;
    return b;
  }

  @Override
  public String toString() {
    return "JobDefinition[" + name + "]";
  }

  /** Builds a {@link JobDefinition}. */
  public static final class Builder {
    private final String name;
    private final GraphDefinition graph;
    private String description;
    private final Map<String, ResourceDefinition<?>> resources = new LinkedHashMap<>();
    private RunConfig defaultConfig = RunConfig.empty();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private ExecutorConfig executor = ExecutorConfig.inProcess();
    private final List<HookDefinition> hooks = new ArrayList<>();
    private List<String> opSelection;
    private RetryPolicy opRetryPolicy;
    private io.pipewright.sdk.internal.asset.AssetLayer assetLayer;

    private Builder(String name, GraphDefinition graph) {
      this.name = name;
      this.graph = java.util.Objects.requireNonNull(graph, "graph");
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
     * Binds a resource to a key.
     *
     * @param key the key ops require
     * @param resource the resource
     * @return this builder
     */
    public Builder resource(String key, ResourceDefinition<?> resource) {
      resources.put(key, resource);
      return this;
    }

    /**
     * Sets the default config (default: empty).
     *
     * @param config the config
     * @return this builder
     */
    public Builder config(RunConfig config) {
      this.defaultConfig = config;
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
     * Sets the executor (default: {@link ExecutorConfig#inProcess()}).
     *
     * @param config the executor
     * @return this builder
     */
    public Builder executor(ExecutorConfig config) {
      this.executor = config;
      return this;
    }

    /**
     * Adds a success or failure hook, run after every step.
     *
     * @param hook the hook
     * @return this builder
     */
    public Builder hook(HookDefinition hook) {
      hooks.add(hook);
      return this;
    }

    /**
     * Restricts the job to part of its graph.
     *
     * @param clauses op selection clauses, such as {@code "extract+"} or {@code "*load"}
     * @return this builder
     */
    public Builder opSelection(String... clauses) {
      this.opSelection = List.of(clauses);
      return this;
    }

    /**
     * Sets the retry policy of ops that declare none (Dagster's {@code op_retry_policy}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder opRetryPolicy(RetryPolicy policy) {
      this.opRetryPolicy = policy;
      return this;
    }

    /**
     * Attaches the asset layer of a job built from assets. Internal: asset jobs set it.
     *
     * @param layer the layer
     * @return this builder
     */
    public Builder assetLayer(io.pipewright.sdk.internal.asset.AssetLayer layer) {
      this.assetLayer = layer;
      return this;
    }

    /**
     * Builds the job. It is validated as a whole when it is run or added to {@link Definitions}.
     *
     * @return the job
     */
    public JobDefinition build() {
      return new JobDefinition(this);
    }
  }
}
