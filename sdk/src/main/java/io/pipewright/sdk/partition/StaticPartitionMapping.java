package io.pipewright.sdk.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dagster's {@code StaticPartitionMapping}: an explicit map from each upstream key to the
 * downstream keys that depend on it, between two static partitions definitions. Upstream keys
 * missing from the map relate to nothing. Obtain it with {@link PartitionMapping#staticMap(Map)}.
 *
 * <pre>{@code
 * PartitionMapping.staticMap(Map.of("eu-west", Set.of("eu"), "eu-central", Set.of("eu")));
 * // downstream "eu" depends on upstream "eu-west" and "eu-central"
 * }</pre>
 *
 * @param upstreamToDownstream the downstream keys of each upstream key; copied, order kept
 */
public record StaticPartitionMapping(Map<String, Set<String>> upstreamToDownstream)
    implements PartitionMapping {

  /**
   * Validates and copies the map.
   *
   * @param upstreamToDownstream the downstream keys of each upstream key
   * @throws IllegalArgumentException if the map, a key, a set or an element is null
   */
  public StaticPartitionMapping {
    if (upstreamToDownstream == null) {
      throw new IllegalArgumentException("A static partition mapping needs a map, got null");
    }
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> entry : upstreamToDownstream.entrySet()) {
      if (entry.getKey() == null
          || entry.getValue() == null
          || entry.getValue().stream().anyMatch(key -> key == null)) {
        throw new IllegalArgumentException(
            "A static partition mapping must not contain null keys or sets: "
                + upstreamToDownstream);
      }
      copy.put(entry.getKey(), Collections.unmodifiableSet(new LinkedHashSet<>(entry.getValue())));
    }
    upstreamToDownstream = Collections.unmodifiableMap(copy);
  }

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    Mappings.checkKeys(downstream, downstreamKeys, ctx);
    Set<String> wanted = new LinkedHashSet<>(downstreamKeys);
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : upstreamToDownstream.entrySet()) {
      for (String key : entry.getValue()) {
        if (wanted.contains(key)) {
          found.add(entry.getKey());
          break;
        }
      }
    }
    return KeyOrder.ordered(upstream, found, ctx);
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    Mappings.checkKeys(upstream, upstreamKeys, ctx);
    List<String> found = new ArrayList<>();
    for (String key : upstreamKeys) {
      found.addAll(upstreamToDownstream.getOrDefault(key, Set.of()));
    }
    return KeyOrder.ordered(downstream, found, ctx);
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    if (!(upstream instanceof StaticPartitionsDefinition up)
        || !(downstream instanceof StaticPartitionsDefinition down)) {
      return Optional.of(
          "the static partition mapping needs static partitions on both sides, but the upstream"
              + " has "
              + (upstream == null ? "none" : Mappings.kind(upstream))
              + " and the downstream "
              + (downstream == null ? "none" : Mappings.kind(downstream)));
    }
    List<String> missingUpstream = new ArrayList<>();
    Set<String> missingDownstream = new LinkedHashSet<>();
    for (Map.Entry<String, Set<String>> entry : upstreamToDownstream.entrySet()) {
      if (!up.hasKey(entry.getKey(), null)) {
        missingUpstream.add(entry.getKey());
      }
      for (String key : entry.getValue()) {
        if (!down.hasKey(key, null)) {
          missingDownstream.add(key);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missingUpstream.isEmpty()) {
      problems.add("keys " + missingUpstream + " of the map are not upstream partitions");
    }
    if (!missingDownstream.isEmpty()) {
      problems.add("values " + missingDownstream + " of the map are not downstream partitions");
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(", and ", problems) + "; fix the map or the definitions");
  }

  @Override
  public String describe() {
    return "static partition mapping " + upstreamToDownstream;
  }
}
