package io.pipewright.sdk.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders keys of a definition as the definition lists them, so that mapping results are stable and
 * read naturally. Keys must exist in the definition.
 */
final class KeyOrder {

  private KeyOrder() {}

  /** Returns the distinct keys in the definition's order, as an unmodifiable ordered set. */
  static Set<String> ordered(
      PartitionsDefinition definition, Collection<String> keys, PartitionContext ctx) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Function<String, long[]> ranker = ranker(definition, ctx);
    Map<String, long[]> ranks = new HashMap<>(distinct.size() * 2);
    for (String key : distinct) {
      ranks.put(key, ranker.apply(key));
    }
    distinct.sort((a, b) -> Arrays.compare(ranks.get(a), ranks.get(b)));
    return Collections.unmodifiableSet(new LinkedHashSet<>(distinct));
  }

  private static Function<String, long[]> ranker(
      PartitionsDefinition definition, PartitionContext ctx) {
    if (definition instanceof StaticPartitionsDefinition s) {
      return key -> new long[] {s.indexOf(key)};
    }
    if (definition instanceof TimeWindowPartitionsDefinition t) {
      return key -> new long[] {t.partitions().boundaryOf(key)};
    }
    if (definition instanceof DynamicPartitionsDefinition d) {
      List<String> all = d.keys(ctx);
      Map<String, Integer> index = new HashMap<>(all.size() * 2);
      for (int i = 0; i < all.size(); i++) {
        index.put(all.get(i), i);
      }
      return key -> new long[] {index.getOrDefault(key, Integer.MAX_VALUE)};
    }
    MultiPartitionsDefinition m = (MultiPartitionsDefinition) definition;
    String firstName = m.dimensionNames().get(0);
    String secondName = m.dimensionNames().get(1);
    Function<String, long[]> first = ranker(m.dimension(firstName), ctx);
    Function<String, long[]> second = ranker(m.dimension(secondName), ctx);
    return key ->
        new long[] {
          first.apply(m.part(key, firstName))[0], second.apply(m.part(key, secondName))[0]
        };
  }
}
