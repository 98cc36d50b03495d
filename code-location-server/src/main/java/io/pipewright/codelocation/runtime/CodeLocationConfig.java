package io.pipewright.codelocation.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The code location's settings, under {@code pipewright.code-location}. */
@ConfigMapping(prefix = "pipewright.code-location")
public interface CodeLocationConfig {

  /**
   * Returns the location's name, unique in the workspace; Quarkus's application name by default.
   *
   * @return the name
   */
  @WithDefault("${quarkus.application.name:code-location}")
  String name();

  /**
   * Returns the container image the location's server and step workers run, which the snapshot
   * carries; by default the {@code PIPEWRIGHT_CURRENT_IMAGE} environment variable, empty outside
   * containers.
   *
   * @return the image, or empty
   */
  Optional<String> image();
}
