package io.pipewright.sdk.testing;

import io.pipewright.sdk.OpContext;
import io.pipewright.sdk.OpLogger;
import io.pipewright.sdk.config.ConfigMapper;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.ExpectationData;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.event.LogData;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.ObservationData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.metadata.Metadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OpContext} for invoking an op directly in a unit test (Dagster's {@code
 * build_op_context}). It records what the op logs and emits.
 *
 * <pre>{@code
 * TestOpContext context = TestOpContext.builder()
 *     .config(new ExtractConfig(10))
 *     .resource("warehouse", new FakeWarehouse())
 *     .build();
 * Object rows = OpInvoker.invoke(extract, context, Map.of());
 * assertEquals(1, context.materializations().size());
 * }</pre>
 */
public final class TestOpContext implements OpContext {
  private final String runId;
  private final String jobName;
  private final String opName;
  private final String stepKey;
  private final String mappingKey;
  private final Object config;
  private final Map<String, Object> resources;
  private final Map<String, String> tags;
  private final int retryNumber;
  private final Clock clock;
  private final List<String> partitionKeys;
  private final java.util.Set<io.pipewright.sdk.AssetKey> assetKeys;
  private final List<RunEvent> events = new ArrayList<>();
  private final Map<String, Metadata> outputMetadata = new HashMap<>();

  private TestOpContext(Builder b) {
    this.runId = b.runId;
    this.jobName = b.jobName;
    this.opName = b.opName;
    this.stepKey = b.stepKey != null ? b.stepKey : b.opName;
    this.mappingKey = b.mappingKey;
    this.config = b.config;
    this.resources = Map.copyOf(b.resources);
    this.tags = Map.copyOf(b.tags);
    this.retryNumber = b.retryNumber;
    this.clock = b.clock;
    this.partitionKeys = List.copyOf(b.partitionKeys);
    this.assetKeys =
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.assetKeys));
  }

  /**
   * Starts a context.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Everything the op logged and emitted, in order.
   *
   * @return the events
   */
  public synchronized List<RunEvent> events() {
    return List.copyOf(events);
  }

  /**
   * The messages the op logged.
   *
   * @return the messages, in order
   */
  public synchronized List<String> logMessages() {
    List<String> lines = new ArrayList<>();
    for (RunEvent event : events) {
      if (event.type() == EventType.LOG_MESSAGE) {
        lines.add(event.message());
      }
    }
    return lines;
  }

  /**
   * The asset materializations the op recorded.
   *
   * @return the materializations
   */
  public synchronized List<AssetMaterialization> materializations() {
    List<AssetMaterialization> found = new ArrayList<>();
    for (RunEvent event : events) {
      if (event.data() instanceof MaterializationData data) {
        found.add(data.materialization());
      }
    }
    return found;
  }

  /**
   * The expectation results the op recorded.
   *
   * @return the results
   */
  public synchronized List<ExpectationResult> expectations() {
    List<ExpectationResult> found = new ArrayList<>();
    for (RunEvent event : events) {
      if (event.data() instanceof ExpectationData data) {
        found.add(data.result());
      }
    }
    return found;
  }

  /**
   * Metadata the op attached to an output with {@link #addOutputMetadata}.
   *
   * @param outputName the output
   * @return the metadata
   */
  public synchronized Metadata outputMetadata(String outputName) {
    return outputMetadata.getOrDefault(outputName, Metadata.empty());
  }

  private synchronized void record(
      EventType type, LogLevel level, String message, io.pipewright.sdk.event.EventData data) {
    events.add(
        new RunEvent(
            events.size() + 1,
            runId,
            jobName,
            clock.instant(),
            type,
            level,
            stepKey,
            message,
            data));
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public String opName() {
    return opName;
  }

  @Override
  public String stepKey() {
    return stepKey;
  }

  @Override
  public Optional<String> mappingKey() {
    return Optional.ofNullable(mappingKey);
  }

  @Override
  public Map<String, String> runTags() {
    return tags;
  }

  @Override
  public int retryNumber() {
    return retryNumber;
  }

  @Override
  public Object config() {
    return config;
  }

  /**
   * The config converted to a record, as in a run: defaults are applied and the tree is validated
   * against the record's schema first, so a test sees what a run would.
   */
  @Override
  public <T> T config(Class<T> type) {
    if (type.isInstance(config)) {
      return type.cast(config);
    }
    io.pipewright.sdk.config.ConfigType schema =
        io.pipewright.sdk.config.ConfigSchema.fromClass(type);
    java.util.List<io.pipewright.sdk.config.ConfigError> errors =
        io.pipewright.sdk.config.ConfigValidator.validate(schema, config, "config");
    if (!errors.isEmpty()) {
      List<String> messages = new ArrayList<>();
      errors.forEach(e -> messages.add(e.message()));
      throw new IllegalArgumentException(
          "The test context's config is invalid for "
              + type.getSimpleName()
              + ": "
              + String.join("; ", messages));
    }
    return ConfigMapper.convert(
        io.pipewright.sdk.config.ConfigValidator.withDefaults(schema, config), type);
  }

  @Override
  public <T> T resource(String key, Class<T> type) {
    Object value = resources.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "The test context has no resource '"
              + key
              + "'; add it with TestOpContext.builder().resource(\""
              + key
              + "\", value).");
    }
    return type.cast(value);
  }

  @Override
  public OpLogger log() {
    return new OpLogger() {
      @Override
      public void debug(String message, Map<String, ?> fields) {
        log(LogLevel.DEBUG, message, fields);
      }

      @Override
      public void info(String message, Map<String, ?> fields) {
        log(LogLevel.INFO, message, fields);
      }

      @Override
      public void warning(String message, Map<String, ?> fields) {
        log(LogLevel.WARNING, message, fields);
      }

      @Override
      public void error(String message, Map<String, ?> fields) {
        log(LogLevel.ERROR, message, fields);
      }

      private void log(LogLevel level, String message, Map<String, ?> fields) {
        record(
            EventType.LOG_MESSAGE,
            level,
            message,
            fields.isEmpty() ? null : new LogData(new LinkedHashMap<>(fields)));
      }
    };
  }

  @Override
  public void logEvent(AssetMaterialization materialization) {
    record(
        EventType.ASSET_MATERIALIZATION,
        LogLevel.INFO,
        "Materialized " + materialization.assetKey(),
        new MaterializationData(materialization));
  }

  @Override
  public void logEvent(AssetObservation observation) {
    record(
        EventType.ASSET_OBSERVATION,
        LogLevel.INFO,
        "Observed " + observation.assetKey(),
        new ObservationData(observation));
  }

  @Override
  public void logEvent(ExpectationResult result) {
    record(
        EventType.STEP_EXPECTATION_RESULT,
        LogLevel.INFO,
        "Expectation " + result.label(),
        new ExpectationData(result));
  }

  @Override
  public void logEvent(io.pipewright.sdk.event.AssetCheckEvaluation evaluation) {
    record(
        EventType.ASSET_CHECK_EVALUATION,
        LogLevel.INFO,
        "Asset check " + evaluation.checkName(),
        new io.pipewright.sdk.event.AssetCheckEvaluationData(evaluation));
  }

  @Override
  public List<String> partitionKeys() {
    return partitionKeys;
  }

  @Override
  public java.util.Set<io.pipewright.sdk.AssetKey> selectedAssetKeys() {
    return assetKeys;
  }

  @Override
  public synchronized void addOutputMetadata(String outputName, Metadata metadata) {
    outputMetadata.merge(outputName, metadata, Metadata::merge);
  }

  /** Builds a {@link TestOpContext}. */
  public static final class Builder {
    private String runId = "test-run";
    private String jobName = "test_job";
    private String opName = "test_op";
    private String stepKey;
    private String mappingKey;
    private Object config;
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private int retryNumber;
    private Clock clock = Clock.systemUTC();
    private final List<String> partitionKeys = new ArrayList<>();
    private final List<io.pipewright.sdk.AssetKey> assetKeys = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the partition the op runs for.
     *
     * @param key the partition key
     * @return this builder
     */
    public Builder partitionKey(String key) {
      partitionKeys.clear();
      partitionKeys.add(key);
      return this;
    }

    /**
     * Sets the partitions the op runs for (a range).
     *
     * @param keys the partition keys
     * @return this builder
     */
    public Builder partitionKeys(List<String> keys) {
      partitionKeys.clear();
      partitionKeys.addAll(keys);
      return this;
    }

    /**
     * Adds an asset the op materializes, for {@link OpContext#assetKey()}.
     *
     * @param key the asset key
     * @return this builder
     */
    public Builder assetKey(io.pipewright.sdk.AssetKey key) {
      assetKeys.add(key);
      return this;
    }

    /**
     * Sets the run id (default {@code test-run}).
     *
     * @param id the run id
     * @return this builder
     */
    public Builder runId(String id) {
      this.runId = id;
      return this;
    }

    /**
     * Sets the job name (default {@code test_job}).
     *
     * @param name the job name
     * @return this builder
     */
    public Builder jobName(String name) {
      this.jobName = name;
      return this;
    }

    /**
     * Sets the op name (default {@code test_op}; {@link OpInvoker} sets the invoked op's name).
     *
     * @param name the op name
     * @return this builder
     */
    public Builder opName(String name) {
      this.opName = name;
      return this;
    }

    /**
     * Sets the step key (default: the op name).
     *
     * @param key the step key
     * @return this builder
     */
    public Builder stepKey(String key) {
      this.stepKey = key;
      return this;
    }

    /**
     * Sets the mapping key, for an op mapped over a dynamic output.
     *
     * @param key the mapping key
     * @return this builder
     */
    public Builder mappingKey(String key) {
      this.mappingKey = key;
      return this;
    }

    /**
     * Sets the op's config: a config record, or a tree of maps.
     *
     * @param value the config
     * @return this builder
     */
    public Builder config(Object value) {
      this.config = value;
      return this;
    }

    /**
     * Adds a resource value (not a definition: the value the op receives).
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder resource(String key, Object value) {
      resources.put(key, value);
      return this;
    }

    /**
     * Adds a run tag.
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
     * Sets the retry number (default 0).
     *
     * @param number the retry number
     * @return this builder
     */
    public Builder retryNumber(int number) {
      this.retryNumber = number;
      return this;
    }

    /**
     * Sets the clock events are stamped with.
     *
     * @param newClock the clock
     * @return this builder
     */
    public Builder clock(Clock newClock) {
      this.clock = newClock;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public TestOpContext build() {
      return new TestOpContext(this);
    }
  }
}
