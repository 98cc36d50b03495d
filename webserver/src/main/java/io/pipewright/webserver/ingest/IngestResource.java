package io.pipewright.webserver.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.webserver.run.Await;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The event ingest of step workers ({@code docs/code-location-server.md}): {@code POST
 * /ingest/v1/events} with a binary {@code IngestEventsRequest} and the attempt's token as {@code
 * Authorization: Bearer}. Appends the batch to the event log idempotently (a batch sent again is
 * counted as duplicates), and answers an {@code IngestEventsResponse}.
 *
 * <p>400 for a body that is not a well-formed batch, 401 without a valid token, 403 for a token of
 * another attempt (refusals are logged, never the token), 503 with {@code Retry-After} when the
 * storage fails, so that the worker retries.
 */
@Path("/ingest/v1/events")
public class IngestResource {

  private static final Logger LOG = Logger.getLogger(IngestResource.class);
  private static final String PROTOBUF = "application/x-protobuf";

  private final IngestSecret secret;
  private final EventLog events;
  private final Clock clock;
  private final Counter accepted;
  private final Counter duplicates;
  private final MeterRegistry registry;
  private final DistributionSummary batchSizes;

  /**
   * Creates the endpoint.
   *
   * @param secret the token secret
   * @param events the event log
   * @param clock the time tokens are checked at
   * @param registry where the ingest's metrics go
   */
  @Inject
  public IngestResource(IngestSecret secret, EventLog events, Clock clock, MeterRegistry registry) {
    this.secret = secret;
    this.events = events;
    this.clock = clock;
    this.registry = registry;
    this.accepted =
        Counter.builder("pipewright.ingest.events")
            .description("Events received from step workers")
            .tag("result", "accepted")
            .register(registry);
    this.duplicates =
        Counter.builder("pipewright.ingest.events")
            .description("Events received from step workers")
            .tag("result", "duplicate")
            .register(registry);
    this.batchSizes =
        DistributionSummary.builder("pipewright.ingest.batch.size")
            .description("Events per ingest request")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(10_000.0)
            .register(registry);
  }

  /**
   * Stores one batch of one attempt's events.
   *
   * @param authorization {@code Bearer <token>}
   * @param body the binary {@code IngestEventsRequest}
   * @return the response
   */
  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  public Response ingest(@HeaderParam("Authorization") String authorization, byte[] body) {
    IngestRequests.Decoded decoded;
    try {
      decoded = IngestRequests.decode(body == null ? new byte[0] : body);
    } catch (InvalidProtocolBufferException e) {
      return refuse(
          400, "The body is not an IngestEventsRequest (binary protobuf): " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return refuse(400, "The batch is malformed: " + e.getMessage());
    }
    StepEventBatch batch = decoded.batch();
    IngestAuthorization.Decision decision =
        IngestAuthorization.decide(
            secret.bytes(),
            authorization,
            batch.runId(),
            batch.stepKey(),
            batch.attempt(),
            clock.instant());
    if (!decision.allowed()) {
      LOG.warnf(
          "Ingest refused (%d) for run %s, step %s, attempt %d: %s",
          decision.status(), batch.runId(), batch.stepKey(), batch.attempt(), decision.message());
      return refuse(decision.status(), decision.message());
    }
    IngestResult result;
    try {
      result = Await.of(events.ingest(batch, decoded.bodies()));
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "Ingest of run %s, step %s, attempt %d failed in storage; the worker retries",
          batch.runId(),
          batch.stepKey(),
          batch.attempt());
      return Response.status(503)
          .header("Retry-After", "1")
          .type(MediaType.TEXT_PLAIN)
          .entity("The event log is unavailable; retry".getBytes(StandardCharsets.UTF_8))
          .build();
    }
    accepted.increment(result.accepted());
    duplicates.increment(result.duplicates());
    batchSizes.record(batch.events().size());
    return Response.ok(EventMapper.toProto(result).toByteArray(), PROTOBUF).build();
  }

  private Response refuse(int status, String message) {
    registry.counter("pipewright.ingest.refused", "status", Integer.toString(status)).increment();
    return Response.status(status)
        .type(MediaType.TEXT_PLAIN)
        .entity(message.getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
