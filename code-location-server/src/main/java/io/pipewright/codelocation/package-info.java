/**
 * The code location server: a Quarkus runtime that serves one code location's {@link
 * io.pipewright.sdk.Definitions} to hosts over gRPC.
 *
 * <p>User code provides its definitions with a CDI producer or, as a fallback, a {@link
 * io.pipewright.codelocation.DefinitionsProvider} registered for {@link java.util.ServiceLoader}.
 * The rest of the module is implementation: {@code snapshot} translates definitions into core's
 * snapshot records, {@code service} answers the calls in plain Java, {@code grpc} exposes them,
 * {@code worker} runs one step of a run when the application is started as {@code execute-step},
 * and {@code runtime} wires everything together in Quarkus. See {@code
 * docs/code-location-server.md}.
 */
package io.pipewright.codelocation;
