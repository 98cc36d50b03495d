package io.pipewright.daemon.testing;

import io.pipewright.core.auth.AttemptClaims;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.v1.IngestEventsRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The webserver's event ingest ({@code POST /ingest/v1/events}), reduced to what the daemon's
 * end-to-end tests need, served by the daemon's own HTTP server in tests: step pods post their
 * events here, with their attempt's token. It checks the token as the webserver does (signature,
 * expiry, the batch's run, step and attempt) and appends the batch with {@code EventLog.ingest}.
 * The daemon itself serves no ingest: the webserver does (IngestResource), which these tests do not
 * start.
 */
@ApplicationScoped
public class TestIngestRoute {

  @Inject EventLog events;

  @ConfigProperty(name = "pipewright.ingest.token-secret")
  Optional<String> secret;

  void route(@Observes Router router) {
    router.post("/ingest/v1/events").handler(BodyHandler.create());
    router
        .post("/ingest/v1/events")
        .blockingHandler(
            ctx -> {
              if (secret.isEmpty()) {
                ctx.response().setStatusCode(503).end("no pipewright.ingest.token-secret");
                return;
              }
              StepEventBatch batch;
              try {
                batch =
                    EventMapper.toCore(
                        IngestEventsRequest.parseFrom(ctx.body().buffer().getBytes()));
              } catch (Exception e) {
                ctx.response().setStatusCode(400).end(String.valueOf(e.getMessage()));
                return;
              }
              String header = ctx.request().getHeader("Authorization");
              AttemptClaims claims;
              try {
                claims =
                    new AttemptTokens(Base64.getDecoder().decode(secret.get().strip()))
                        .verify(
                            header == null ? null : header.replaceFirst("^Bearer ", ""),
                            Instant.now());
              } catch (RuntimeException e) {
                ctx.response().setStatusCode(401).end(String.valueOf(e.getMessage()));
                return;
              }
              if (!claims.covers(batch.runId(), batch.stepKey(), batch.attempt())) {
                ctx.response().setStatusCode(403).end("the token is another attempt's");
                return;
              }
              IngestResult result;
              try {
                result = events.ingest(batch).await().atMost(Duration.ofSeconds(30));
              } catch (RuntimeException e) {
                ctx.response().putHeader("Retry-After", "1").setStatusCode(503).end();
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "application/x-protobuf")
                  .end(
                      io.vertx.core.buffer.Buffer.buffer(
                          EventMapper.toProto(result).toByteArray()));
            });
  }
}
