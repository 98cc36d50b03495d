package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Definitions that fail to build (an op requires a resource nobody binds, and two jobs share a
 * name), enabled by {@link BrokenLocationProfile} in place of {@link TestLocationProducer}.
 */
@Alternative
@ApplicationScoped
public class BrokenLocationProducer {

  /**
   * Produces nothing: building the definitions throws {@code DefinitionsException}.
   *
   * @return never
   */
  @Produces
  @ApplicationScoped
  Definitions definitions() {
    OpDefinition needsWarehouse =
        OpDefinition.builder("load")
            .noOutputs()
            .requiredResources("warehouse")
            .compute((ctx, in) -> null)
            .build();
    return Definitions.builder()
        .jobs(
            JobDefinition.builder("load", needsWarehouse).build(),
            JobDefinition.builder("load", needsWarehouse).build())
        .build();
  }
}
