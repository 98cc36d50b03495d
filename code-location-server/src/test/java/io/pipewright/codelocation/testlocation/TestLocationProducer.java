package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.Definitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Provides the test location's definitions, as a user's code location app does. */
@ApplicationScoped
public class TestLocationProducer {

  /**
   * Produces the definitions.
   *
   * @return the test location's definitions
   */
  @Produces
  @ApplicationScoped
  Definitions definitions() {
    return TestLocation.definitions();
  }
}
