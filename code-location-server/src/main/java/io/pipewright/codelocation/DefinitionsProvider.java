package io.pipewright.codelocation;

import io.pipewright.sdk.Definitions;

/**
 * Supplies a code location's {@link Definitions} when the application does not produce them as a
 * CDI bean: the fallback for user code that does not use CDI.
 *
 * <p>Register exactly one implementation in {@code
 * META-INF/services/io.pipewright.codelocation.DefinitionsProvider}: the server finds it with
 * {@link java.util.ServiceLoader}, which reads that file and never scans the class path (and works
 * in native images). Prefer a CDI producer when the application uses CDI:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class SalesLocation {
 *   @Produces
 *   @Singleton
 *   Definitions definitions() {
 *     return Definitions.builder().assets(...).build();
 *   }
 * }
 * }</pre>
 *
 * <p>The implementation needs a public no-argument constructor. The server calls {@link
 * #definitions()} once, at start-up; if it throws, the server still starts and serves the error as
 * the location's load errors.
 */
public interface DefinitionsProvider {

  /**
   * Builds the location's definitions.
   *
   * @return the definitions
   * @throws io.pipewright.sdk.DefinitionsException when the definitions are invalid; any other
   *     exception is reported as a load error too
   */
  Definitions definitions();
}
