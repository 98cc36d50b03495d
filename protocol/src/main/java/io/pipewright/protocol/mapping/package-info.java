/**
 * Mappers between the generated messages of {@code io.pipewright.protocol.v1} and core's records,
 * both directions, one class per concept: {@link io.pipewright.protocol.mapping.SnapshotMapper} for
 * whole snapshots (delegating to {@code JobMapper}, {@code AssetMapper}, {@code InstigatorMapper},
 * ...), {@link io.pipewright.protocol.mapping.PlanMapper}, {@link
 * io.pipewright.protocol.mapping.EventMapper} for events and the ingest, and {@link
 * io.pipewright.protocol.mapping.CodeLocationServiceMapper} for the service's requests and
 * responses. For step workers: {@link io.pipewright.protocol.mapping.StepArgsMapper} and {@link
 * io.pipewright.protocol.mapping.StepArgsCodec} (arguments on the command line), {@link
 * io.pipewright.protocol.mapping.EventJsonLines} (events on standard output).
 *
 * <p>Mapping to core validates: a malformed or incomplete message (a required part absent, an enum
 * value this version does not know) fails with an {@code IllegalArgumentException} naming the
 * message and the field, never with a half-built record.
 */
package io.pipewright.protocol.mapping;
