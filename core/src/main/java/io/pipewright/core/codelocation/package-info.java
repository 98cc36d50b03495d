/**
 * How hosts call a code location: the {@link io.pipewright.core.codelocation.CodeLocationClient}
 * port, its request records, the {@link io.pipewright.core.codelocation.ExecutionPlanResult} and
 * the exceptions for calls that produce no answer. The gRPC adapter lives in the {@code protocol}
 * module.
 */
package io.pipewright.core.codelocation;
