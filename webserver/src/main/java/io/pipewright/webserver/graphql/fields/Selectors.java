package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import io.pipewright.webserver.graphql.BadArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads selector and config arguments, naming the argument when one cannot be used. */
final class Selectors {

  private Selectors() {}

  /**
   * A job and its selection, from a {@code PipelineSelector} or {@code JobOrPipelineSelector}.
   *
   * @param location the code location
   * @param repository the repository
   * @param job the job
   * @param opSelection op selection clauses; empty for all
   * @param assetSelection asset keys; empty for all
   */
  record JobSelector(
      String location,
      String repository,
      String job,
      List<String> opSelection,
      List<AssetKeySnapshot> assetSelection) {}

  /**
   * Reads a selector: the job is its {@code pipelineName} or its {@code jobName}.
   *
   * @param selector the argument
   * @param argument its name, for messages
   * @return the selector
   * @throws BadArgumentException when it names no job or two
   */
  static JobSelector job(Map<String, Object> selector, String argument) {
    String pipelineName = (String) selector.get("pipelineName");
    String jobName = (String) selector.get("jobName");
    if (pipelineName != null && jobName != null && !pipelineName.equals(jobName)) {
      throw new BadArgumentException(
          argument
              + " names two jobs (pipelineName '"
              + pipelineName
              + "', jobName '"
              + jobName
              + "'); give one of them");
    }
    String job = pipelineName != null ? pipelineName : jobName;
    if (job == null || job.isBlank()) {
      throw new BadArgumentException(argument + " names no job; give pipelineName or jobName");
    }
    return new JobSelector(
        (String) selector.get("repositoryLocationName"),
        (String) selector.get("repositoryName"),
        job,
        strings(selector.get("solidSelection")),
        assetKeys(selector.get("assetSelection"), argument));
  }

  /**
   * Reads a run config argument: an object, or null for none (strings were parsed by the scalar).
   *
   * @param value the argument's value
   * @return the config, canonical
   * @throws BadArgumentException when it is not a JSON object
   */
  static Map<String, Object> runConfig(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new BadArgumentException(
          "runConfigData must be a JSON object (such as {\"ops\": {...}}), got "
              + (value instanceof List ? "a list" : value.getClass().getSimpleName()));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    map.forEach((k, v) -> config.put(String.valueOf(k), v));
    try {
      return UserJson.canonicalObject(config, "runConfigData");
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(e.getMessage());
    }
  }

  /**
   * Reads tags ({@code [ExecutionTag!]}) in order; a later key replaces an earlier one.
   *
   * @param value the argument's value
   * @param argument its name, for messages
   * @return the tags
   * @throws BadArgumentException for a blank key
   */
  static Map<String, String> tags(Object value, String argument) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        Map<?, ?> tag = (Map<?, ?>) item;
        String key = (String) tag.get("key");
        if (key == null || key.isBlank()) {
          throw new BadArgumentException(
              argument + " has a tag without a key; give every tag a key");
        }
        tags.put(key, (String) tag.get("value"));
      }
    }
    return tags;
  }

  /** A list of strings, without nulls; empty for null. */
  static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item != null) {
          strings.add(item.toString());
        }
      }
    }
    return strings;
  }

  private static List<AssetKeySnapshot> assetKeys(Object value, String argument) {
    List<AssetKeySnapshot> keys = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        List<String> path = strings(((Map<?, ?>) item).get("path"));
        try {
          keys.add(new AssetKeySnapshot(path));
        } catch (IllegalArgumentException e) {
          throw new BadArgumentException(argument + ".assetSelection: " + e.getMessage());
        }
      }
    }
    return keys;
  }
}
