/**
 * The gRPC adapter of core's {@link io.pipewright.core.codelocation.CodeLocationClient} port:
 * {@link io.pipewright.protocol.client.GrpcCodeLocationClient} and its {@link
 * io.pipewright.protocol.client.GrpcCodeLocationClientOptions}.
 */
package io.pipewright.protocol.client;
