package io.pipewright.examples.assets;

import io.pipewright.codelocation.DefinitionsProvider;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.io.IOManagers;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Hands the sales definitions to the code location server through {@link java.util.ServiceLoader},
 * for user code that does not use CDI: this class is listed in {@code
 * META-INF/services/io.pipewright.codelocation.DefinitionsProvider}, and the server reads that one
 * file (no class path scanning). The ETL example shows the other way, a CDI producer.
 *
 * <p>Assets are stored as JSON under {@code $PIPEWRIGHT_HOME/storage/sales}, as in {@link Main}.
 * The records listed for reflection are what the filesystem IO manager (Jackson) writes and reads:
 * a JVM needs nothing, a native image needs them registered.
 */
@RegisterForReflection(targets = {Sale.class, Customer.class})
public final class SalesLocation implements DefinitionsProvider {

  /** For {@link java.util.ServiceLoader}. */
  public SalesLocation() {}

  @Override
  public Definitions definitions() {
    return SalesAssets.definitions(IOManagers.defaultBaseDir().resolve("sales"));
  }
}
