package io.pipewright.webserver.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The GraphQL endpoint's settings, under {@code pipewright.graphql}. */
@ConfigMapping(prefix = "pipewright.graphql")
public interface GraphQLConfig {

  /**
   * Returns whether queries run on the compiled fast path ({@code FastQueries}) where it supports
   * them; false runs every request through graphql-java's execution.
   *
   * @return whether the fast path is on
   */
  @WithDefault("true")
  boolean fastPath();

  /**
   * Returns whether every fast-path answer is checked against graphql-java's answer for the same
   * request (a request whose two answers differ fails with an internal error). For tests: it runs
   * every query twice.
   *
   * @return whether fast-path answers are verified
   */
  @WithDefault("false")
  boolean fastPathVerify();
}
