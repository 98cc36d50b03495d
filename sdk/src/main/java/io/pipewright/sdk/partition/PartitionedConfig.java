package io.pipewright.sdk.partition;

import io.pipewright.sdk.config.RunConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The run config and tags of each partition of a partitioned job (Dagster's {@code
 * PartitionedConfig}): a run for partition {@code k} is launched with {@code runConfigFor(k)} and
 * {@code tagsFor(k)}.
 *
 * <pre>{@code
 * PartitionedConfig config =
 *     PartitionedConfig.of(day -> RunConfig.builder().opConfig("load", Map.of("date", day)).build())
 *         .withTags(day -> Map.of("team", "finance"));
 * config.tagsFor("2024-01-01"); // {team=finance, dagster/partition=2024-01-01}
 * }</pre>
 *
 * @param runConfigForKey the run config of a partition key
 * @param tagsForKey the user tags of a partition key
 */
public record PartitionedConfig(
    Function<String, RunConfig> runConfigForKey, Function<String, Map<String, String>> tagsForKey) {

  /**
   * Validates the functions.
   *
   * @param runConfigForKey the run config of a partition key
   * @param tagsForKey the user tags of a partition key
   * @throws NullPointerException if a function is null
   */
  public PartitionedConfig {
    Objects.requireNonNull(runConfigForKey, "runConfigForKey");
    Objects.requireNonNull(tagsForKey, "tagsForKey");
  }

  /**
   * Returns a partitioned config without user tags.
   *
   * @param runConfigForKey the run config of a partition key
   * @return the partitioned config
   */
  public static PartitionedConfig of(Function<String, RunConfig> runConfigForKey) {
    return new PartitionedConfig(runConfigForKey, key -> Map.of());
  }

  /**
   * Returns this partitioned config with other user tags.
   *
   * @param tagsForKey the user tags of a partition key
   * @return the new partitioned config
   */
  public PartitionedConfig withTags(Function<String, Map<String, String>> tagsForKey) {
    return new PartitionedConfig(runConfigForKey, tagsForKey);
  }

  /**
   * Returns the run config of a partition.
   *
   * @param key the partition key
   * @return its run config
   * @throws IllegalStateException if the function returns null
   */
  public RunConfig runConfigFor(String key) {
    RunConfig config = runConfigForKey.apply(key);
    if (config == null) {
      throw new IllegalStateException(
          "The run config function of a partitioned config returned null for partition '"
              + key
              + "'; return RunConfig.empty() for no config");
    }
    return config;
  }

  /**
   * Returns the tags of a run of one partition: the user tags plus {@link PartitionTags#PARTITION}
   * set to the key, which wins over a user tag of the same name.
   *
   * @param key the partition key
   * @return the tags, unmodifiable, user tags first
   */
  public Map<String, String> tagsFor(String key) {
    Map<String, String> tags = new LinkedHashMap<>(userTags(key));
    tags.remove(PartitionTags.PARTITION);
    tags.put(PartitionTags.PARTITION, key);
    return Collections.unmodifiableMap(tags);
  }

  /**
   * Returns the tags of a run of one partition of a definition: those of {@link #tagsFor(String)}
   * plus, for a multi-partitioned definition, one {@link PartitionTags#dimension(String)} tag per
   * dimension holding that dimension's key, as Dagster tags multi-partitioned runs.
   *
   * @param key the partition key
   * @param definition the definition the key belongs to
   * @return the tags, unmodifiable, user tags first
   * @throws UnknownPartitionKeyException if a multi-partition key does not have one part per
   *     dimension
   */
  public Map<String, String> tagsFor(String key, PartitionsDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    if (!(definition instanceof MultiPartitionsDefinition multi)) {
      return tagsFor(key);
    }
    Map<String, String> tags = new LinkedHashMap<>(tagsFor(key));
    MultiPartitionKey.parse(key, multi)
        .keysByDimension()
        .forEach((dimension, part) -> tags.put(PartitionTags.dimension(dimension), part));
    return Collections.unmodifiableMap(tags);
  }

  /**
   * Returns the tags of one run covering a range of partitions: the user tags of the range's first
   * key plus {@link PartitionTags#PARTITION_RANGE_START} and {@link
   * PartitionTags#PARTITION_RANGE_END}, which win over user tags of the same names.
   *
   * @param range the range
   * @return the tags, unmodifiable, user tags first
   */
  public Map<String, String> tagsFor(PartitionKeyRange range) {
    Objects.requireNonNull(range, "range");
    Map<String, String> tags = new LinkedHashMap<>(userTags(range.start()));
    tags.remove(PartitionTags.PARTITION);
    tags.remove(PartitionTags.PARTITION_RANGE_START);
    tags.remove(PartitionTags.PARTITION_RANGE_END);
    tags.put(PartitionTags.PARTITION_RANGE_START, range.start());
    tags.put(PartitionTags.PARTITION_RANGE_END, range.end());
    return Collections.unmodifiableMap(tags);
  }

  private Map<String, String> userTags(String key) {
    Map<String, String> tags = tagsForKey.apply(key);
    return tags == null ? Map.of() : tags;
  }
}
