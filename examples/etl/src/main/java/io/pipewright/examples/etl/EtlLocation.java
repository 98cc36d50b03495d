package io.pipewright.examples.etl;

import io.pipewright.sdk.Definitions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands the ETL definitions to the code location server, as a CDI producer: the server serves the
 * one {@code Definitions} bean of the application (see {@code docs/code-location-server.md}).
 * Quarkus wires it when it builds the application; nothing is scanned at run time.
 *
 * <p>The records listed for reflection are read reflectively at run time: config records by {@code
 * ConfigSchema.fromClass}, and the values the filesystem IO manager stores by Jackson. A JVM needs
 * nothing; a native image needs them registered.
 */
@ApplicationScoped
@RegisterForReflection(
    targets = {
      ExtractConfig.class,
      ExtractConfig.Source.class,
      WarehouseConfig.class,
      Order.class,
      RegionSummary.class,
      Report.class
    })
public class EtlLocation {

  /** For CDI. */
  public EtlLocation() {}

  /**
   * The location's definitions. Failure alerts go to an in-memory {@link Alerts} stand-in.
   *
   * @return the definitions
   */
  @Produces
  @Singleton
  Definitions definitions() {
    return OrdersEtl.definitions(new Alerts());
  }
}
