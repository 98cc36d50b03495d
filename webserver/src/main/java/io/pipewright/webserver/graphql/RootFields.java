package io.pipewright.webserver.graphql;

/**
 * A group of root fields (of {@code Query} and {@code Mutation}) that registers its data fetchers;
 * the engine collects every CDI bean of this type and checks that the schema's root fields and the
 * registered ones are the same.
 */
public interface RootFields {

  /**
   * Registers this group's fields.
   *
   * @param registry where to register them
   */
  void register(RootFieldRegistry registry);
}
