package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.Json;
import io.pipewright.sdk.internal.config.Trees;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The config of one run, as Dagster's {@code run_config}: an immutable tree of the form
 *
 * <pre>{@code
 * {"ops": {"extract": {"config": {...}}, "etl": {"ops": {"clean": {"config": {...}}}}},
 *  "resources": {"db": {"config": {...}}},
 *  "execution": {"config": {...}}}
 * }</pre>
 *
 * <p>Ops inside nested graphs sit under their graph's {@code ops} key. Env references ({@code
 * {"env": "NAME"}}) are kept as written: a run config never holds the secrets they stand for, so it
 * may be stored and logged.
 */
public final class RunConfig {

  private static final String OPS = "ops";
  private static final String RESOURCES = "resources";
  private static final String EXECUTION = "execution";
  private static final String CONFIG = "config";

  private static final RunConfig EMPTY = new RunConfig(Collections.emptyMap());

  private final Map<String, Object> tree;

  private RunConfig(Map<String, Object> tree) {
    this.tree = tree;
  }

  /**
   * Returns the run config without any config.
   *
   * @return the empty run config
   */
  public static RunConfig empty() {
    return EMPTY;
  }

  /**
   * Returns a run config holding a deep, unmodifiable copy of a tree.
   *
   * @param tree the run config tree; records inside it are converted to trees
   * @return the run config
   * @throws IllegalArgumentException if a key is not a string or a value cannot become JSON
   */
  @SuppressWarnings("unchecked")
  public static RunConfig of(Map<String, Object> tree) {
    Objects.requireNonNull(tree, "tree");
    return new RunConfig((Map<String, Object>) Trees.immutableCopy(tree, ""));
  }

  /**
   * Parses a run config from JSON text.
   *
   * @param json a JSON object
   * @return the run config
   * @throws IllegalArgumentException if the text is malformed (naming line and column) or not an
   *     object
   */
  @SuppressWarnings("unchecked")
  public static RunConfig fromJson(String json) {
    Object tree = Json.parse(json);
    if (!(tree instanceof Map)) {
      throw new IllegalArgumentException(
          "Run config must be a JSON object such as {\"ops\": {...}}, got " + Trees.render(tree));
    }
    return of((Map<String, Object>) tree);
  }

  /**
   * Returns a builder of run configs.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the tree.
   *
   * @return the unmodifiable tree
   */
  public Map<String, Object> asMap() {
    return tree;
  }

  /**
   * Returns the tree as compact JSON.
   *
   * @return the JSON text
   */
  public String toJson() {
    return Json.write(tree);
  }

  /**
   * Returns the config of an op.
   *
   * @param nodePath the op's name, or its dotted path inside nested graphs, such as {@code
   *     etl.clean}
   * @return the op's config tree, or null if none is given
   */
  public Object opConfig(String nodePath) {
    Object node = tree;
    for (String name : segments(nodePath)) {
      node = child(child(node, OPS), name);
    }
    return child(node, CONFIG);
  }

  /**
   * Returns the config of a resource.
   *
   * @param key the resource key
   * @return the resource's config tree, or null if none is given
   */
  public Object resourceConfig(String key) {
    return child(child(child(tree, RESOURCES), key), CONFIG);
  }

  /**
   * Returns the config of the executor.
   *
   * @return the execution config tree, or null if none is given
   */
  public Object executionConfig() {
    return child(child(tree, EXECUTION), CONFIG);
  }

  /**
   * Returns this run config deep-merged with {@code override}: maps merge key by key, and anything
   * else in {@code override} (a scalar, a list, null) replaces what is here.
   *
   * @param override the config that wins
   * @return the merged run config
   */
  @SuppressWarnings("unchecked")
  public RunConfig merge(RunConfig override) {
    Objects.requireNonNull(override, "override");
    return of((Map<String, Object>) Trees.merge(tree, override.tree));
  }

  private static Object child(Object node, String key) {
    return node instanceof Map<?, ?> map ? map.get(key) : null;
  }

  private static String[] segments(String nodePath) {
    Objects.requireNonNull(nodePath, "nodePath");
    String[] segments = nodePath.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isBlank()) {
        throw new IllegalArgumentException(
            "Op path '"
                + nodePath
                + "' has an empty part; write op names separated by dots, such as etl.clean");
      }
    }
    return segments;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunConfig other && tree.equals(other.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  /**
   * Returns the tree as JSON.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    return toJson();
  }

  /** Builds a {@link RunConfig} one op, resource or executor at a time. */
  public static final class Builder {

    private final Map<String, Object> tree = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the config of an op, replacing any config set before.
     *
     * @param nodePath the op's name, or its dotted path inside nested graphs: {@code etl.clean} is
     *     written to {@code ops.etl.ops.clean.config}
     * @param config the config, a record or a plain tree
     * @return this builder
     */
    public Builder opConfig(String nodePath, Object config) {
      Map<String, Object> node = tree;
      for (String name : segments(nodePath)) {
        node = childMap(childMap(node, OPS), name);
      }
      node.put(CONFIG, toTree(config, "ops." + nodePath));
      return this;
    }

    /**
     * Sets the config of a resource, replacing any config set before.
     *
     * @param key the resource key
     * @param config the config, a record or a plain tree
     * @return this builder
     */
    public Builder resourceConfig(String key, Object config) {
      Objects.requireNonNull(key, "key");
      if (key.isBlank()) {
        throw new IllegalArgumentException("A resource key must not be blank");
      }
      childMap(childMap(tree, RESOURCES), key).put(CONFIG, toTree(config, "resources." + key));
      return this;
    }

    /**
     * Sets the config of the executor, replacing any config set before.
     *
     * @param config the config, a record or a plain tree
     * @return this builder
     */
    public Builder executionConfig(Object config) {
      childMap(tree, EXECUTION).put(CONFIG, toTree(config, EXECUTION));
      return this;
    }

    /**
     * Returns the run config built so far. The builder may be used again afterwards.
     *
     * @return the run config
     */
    public RunConfig build() {
      return RunConfig.of(tree);
    }

    private static Object toTree(Object config, String where) {
      if (config == null) {
        throw new IllegalArgumentException(
            where + ": config must not be null; leave it out to use the defaults");
      }
      return Trees.mutableCopy(config);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
      Object child = parent.get(key);
      if (child instanceof Map) {
        return (Map<String, Object>) child;
      }
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
  }
}
