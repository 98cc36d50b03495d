package io.pipewright.webserver.figures;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The figures' configuration: the test profile's check of every fast-path answer against
 * graphql-java ({@code pipewright.graphql.fast-path-verify}) runs each query twice, which the
 * figures must not measure.
 */
public class FiguresProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("pipewright.graphql.fast-path-verify", "false");
  }
}
