package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.config.RunConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request, made by a schedule or sensor tick, to launch a run (Dagster's {@code RunRequest}).
 *
 * <pre>{@code
 * RunRequest.of();                                  // the instigator's target, default config
 * RunRequest.withKey("file-2024-05-01.csv");        // at most one run per key and sensor
 * RunRequest.builder()
 *     .runKey(file)
 *     .runConfig(RunConfig.builder().opConfig("load", Map.of("path", file)).build())
 *     .tag("source", "sftp")
 *     .build();
 * }</pre>
 *
 * <h2>Run keys</h2>
 *
 * A run key makes the request idempotent: the daemon launches at most one run per run key and
 * instigator, so a sensor may request the same file on every tick and it runs once. Without a key,
 * every request launches a run.
 *
 * @param runKey the idempotency key, or null
 * @param jobName the job to run, or null for the instigator's target
 * @param assetSelection the assets to materialize, or null for the instigator's target (or the
 *     whole job)
 * @param runConfig the run's config; never null (empty when not given)
 * @param tags the run's tags; never null, unmodifiable, in insertion order
 * @param partitionKey the partition to run, or null
 */
public record RunRequest(
    String runKey,
    String jobName,
    AssetSelection assetSelection,
    RunConfig runConfig,
    Map<String, String> tags,
    String partitionKey) {

  /**
   * Validates and copies the components; a null config or tag map becomes empty.
   *
   * @param runKey the idempotency key, or null
   * @param jobName the job to run, or null for the instigator's target
   * @param assetSelection the assets to materialize, or null for the instigator's target (or the
   *     whole job)
   * @param runConfig the run's config; never null (empty when not given)
   * @param tags the run's tags; never null, unmodifiable, in insertion order
   * @param partitionKey the partition to run, or null
   * @throws IllegalArgumentException if a tag key or value is null, or a given run key, job name or
   *     partition key is blank
   */
  public RunRequest {
    checkNotBlank(runKey, "run key");
    checkNotBlank(jobName, "job name");
    checkNotBlank(partitionKey, "partition key");
    runConfig = runConfig == null ? RunConfig.empty() : runConfig;
    tags = copyTags(tags);
  }

  /**
   * Returns a request for the instigator's target with empty config and no run key.
   *
   * @return the request
   */
  public static RunRequest of() {
    return new RunRequest(null, null, null, null, null, null);
  }

  /**
   * Returns a request for the instigator's target with a run key.
   *
   * @param runKey the idempotency key
   * @return the request
   */
  public static RunRequest withKey(String runKey) {
    Objects.requireNonNull(runKey, "runKey");
    return new RunRequest(runKey, null, null, null, null, null);
  }

  /**
   * Returns a request for one partition of the instigator's target.
   *
   * @param partitionKey the partition key
   * @return the request
   */
  public static RunRequest forPartition(String partitionKey) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    return new RunRequest(null, null, null, null, null, partitionKey);
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this request's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.runKey = runKey;
    b.jobName = jobName;
    b.assetSelection = assetSelection;
    b.runConfig = runConfig;
    b.tags.putAll(tags);
    b.partitionKey = partitionKey;
    return b;
  }

  private static void checkNotBlank(String value, String what) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(
          "The " + what + " of a run request is blank; give a non-blank " + what + " or none");
    }
  }

  private static Map<String, String> copyTags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(tags.size() * 2);
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "A run request's tags must not hold nulls, got " + e.getKey() + "=" + e.getValue());
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Builds a {@link RunRequest}. */
  public static final class Builder {
    private String runKey;
    private String jobName;
    private AssetSelection assetSelection;
    private RunConfig runConfig;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String partitionKey;

    private Builder() {}

    /**
     * Sets the run key.
     *
     * @param key the idempotency key, or null for none
     * @return this builder
     */
    public Builder runKey(String key) {
      this.runKey = key;
      return this;
    }

    /**
     * Sets the job to run instead of the instigator's target.
     *
     * @param name the job's name, or null for the target
     * @return this builder
     */
    public Builder job(String name) {
      this.jobName = name;
      return this;
    }

    /**
     * Sets the assets to materialize instead of the instigator's target.
     *
     * @param selection the assets, or null for the target
     * @return this builder
     */
    public Builder assetSelection(AssetSelection selection) {
      this.assetSelection = selection;
      return this;
    }

    /**
     * Sets the run config.
     *
     * @param config the config; null means empty
     * @return this builder
     */
    public Builder runConfig(RunConfig config) {
      this.runConfig = config;
      return this;
    }

    /**
     * Adds a tag; a later value for the same key wins.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds tags; later values for the same keys win.
     *
     * @param more the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> more) {
      more.forEach(this::tag);
      return this;
    }

    /**
     * Sets the partition to run.
     *
     * @param key the partition key, or null for none
     * @return this builder
     */
    public Builder partitionKey(String key) {
      this.partitionKey = key;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException if a given key or name is blank
     */
    public RunRequest build() {
      return new RunRequest(runKey, jobName, assetSelection, runConfig, tags, partitionKey);
    }
  }
}
