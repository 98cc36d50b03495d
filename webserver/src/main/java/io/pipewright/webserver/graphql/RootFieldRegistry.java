package io.pipewright.webserver.graphql;

import graphql.schema.DataFetcher;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the data fetchers of the root fields, by type ({@code Query}, {@code Mutation}). */
public final class RootFieldRegistry {

  private final Map<String, DataFetcher<?>> queries = new LinkedHashMap<>();
  private final Map<String, DataFetcher<?>> mutations = new LinkedHashMap<>();
  private final Map<String, DataFetcher<?>> subscriptions = new LinkedHashMap<>();

  /**
   * Registers a {@code Query} field.
   *
   * @param name the field's name
   * @param fetcher computes it
   * @return this registry
   * @throws IllegalStateException when the field is registered already
   */
  public RootFieldRegistry query(String name, DataFetcher<?> fetcher) {
    put(queries, "Query", name, fetcher);
    return this;
  }

  /**
   * Registers a {@code Mutation} field.
   *
   * @param name the field's name
   * @param fetcher computes it
   * @return this registry
   * @throws IllegalStateException when the field is registered already
   */
  public RootFieldRegistry mutation(String name, DataFetcher<?> fetcher) {
    put(mutations, "Mutation", name, fetcher);
    return this;
  }

  /**
   * Registers a {@code Subscription} field; its fetcher returns a reactive-streams {@code
   * Publisher} of the field's values.
   *
   * @param name the field's name
   * @param fetcher opens the stream
   * @return this registry
   * @throws IllegalStateException when the field is registered already
   */
  public RootFieldRegistry subscription(String name, DataFetcher<?> fetcher) {
    put(subscriptions, "Subscription", name, fetcher);
    return this;
  }

  Map<String, DataFetcher<?>> fields(String type) {
    return switch (type) {
      case "Query" -> queries;
      case "Mutation" -> mutations;
      default -> subscriptions;
    };
  }

  private static void put(
      Map<String, DataFetcher<?>> map, String type, String name, DataFetcher<?> fetcher) {
    if (map.putIfAbsent(name, fetcher) != null) {
      throw new IllegalStateException(type + "." + name + " is registered twice");
    }
  }
}
