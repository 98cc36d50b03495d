package io.pipewright.webserver.ingest;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.v1.IngestEventsResponse;
import io.pipewright.webserver.graphql.Gql;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event ingest over HTTP as step workers use it: protobuf batches with the attempt's token,
 * stored once however often they are sent, and refused with the right status for a missing, wrong,
 * expired or foreign token and for malformed bodies.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class IngestTest {

  private static final byte[] SECRET =
      "test-secret-of-the-event-ingest-0123456789".getBytes(StandardCharsets.UTF_8);

  @TestHTTPResource("/")
  URL root;

  @Test
  void shouldStoreABatchOnceAndShowItsEventsInTheRunsLog() throws Exception {
    String runId = UUID.randomUUID().toString();
    StepEventBatch batch = batch(runId, "extract", 1, 0, 2);
    String token = token(runId, "extract", 1, Instant.now().plusSeconds(300));

    HttpResponse<byte[]> first = post(batch, "Bearer " + token);
    HttpResponse<byte[]> again = post(batch, "Bearer " + token);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-protobuf"));
    IngestEventsResponse stored = IngestEventsResponse.parseFrom(first.body());
    assertThat(stored.getAccepted()).isEqualTo(2);
    assertThat(stored.getHighestSequence()).isEqualTo(1);
    IngestEventsResponse repeated = IngestEventsResponse.parseFrom(again.body());
    assertThat(repeated.getAccepted()).isZero();
    assertThat(repeated.getDuplicates()).isEqualTo(2);
  }

  @Test
  void shouldShowIngestedEventsOfALaunchedRunInItsLog() throws Exception {
    Gql gql = new Gql(root);
    gql.awaitTestLocationLoaded();
    Map<String, Object> launched =
        gql.data(
            Gql.document("dagster-client/submit_job_execution.graphql"),
            io.pipewright.webserver.graphql.DagsterClientDocumentsTestAccess.submit("hello"));
    String runId = (String) at(launched, "launchPipelineExecution.run.runId");

    HttpResponse<byte[]> response =
        post(
            batch(runId, "say_hello", 1, 0, 2),
            "Bearer " + token(runId, "say_hello", 1, Instant.now().plusSeconds(300)));
    Map<String, Object> logs =
        gql.data(
            "query($id: ID!) { logsForRun(runId: $id) { ... on EventConnection { events { __typename"
                + " ... on MessageEvent { stepKey } } } } }",
            Map.of("id", runId));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Gql.list(at(logs, "logsForRun.events")))
        .extracting(e -> at(e, "__typename"))
        .containsExactly(
            "RunEnqueuedEvent", "ExecutionStepStartEvent", "ExecutionStepSuccessEvent");
    assertThat(at(logs, "logsForRun.events.1.stepKey")).isEqualTo("say_hello");
  }

  @Test
  void shouldRefuseRequestsWithoutAValidTokenForTheAttempt() throws Exception {
    String runId = UUID.randomUUID().toString();
    StepEventBatch batch = batch(runId, "extract", 1, 0, 1);

    HttpResponse<byte[]> none = post(batch, null);
    HttpResponse<byte[]> wrong = post(batch, "Bearer v1.abc.def");
    HttpResponse<byte[]> expired =
        post(batch, "Bearer " + token(runId, "extract", 1, Instant.now().minusSeconds(1)));
    HttpResponse<byte[]> foreign =
        post(batch, "Bearer " + token(runId, "extract", 2, Instant.now().plusSeconds(300)));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(text(none)).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(text(expired)).contains("expired");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(text(foreign)).contains("attempt 2, not run " + runId + ", step extract, attempt 1");
  }

  @Test
  void shouldAnswer400WhenTheBodyIsNotAWellFormedBatch() throws Exception {
    String runId = UUID.randomUUID().toString();
    String token = "Bearer " + token(runId, "extract", 1, Instant.now().plusSeconds(300));
    StepEventBatch valid = batch(runId, "extract", 1, 0, 2);
    byte[] outOfOrder = reversed(valid);

    HttpResponse<byte[]> garbage = send(new byte[] {(byte) 0xff, 1, 2}, token);
    HttpResponse<byte[]> disordered = send(outOfOrder, token);

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(text(garbage)).contains("not an IngestEventsRequest");
    assertThat(disordered.statusCode()).isEqualTo(400);
    assertThat(text(disordered)).contains("malformed");
  }

  private static StepEventBatch batch(
      String runId, String step, int attempt, long from, int count) {
    List<EventRecord> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          new EventRecord(
              runId,
              step,
              attempt,
              from + i,
              Instant.now(),
              i == 0 ? DagsterEventType.STEP_START : DagsterEventType.STEP_SUCCESS,
              EventLevel.INFO,
              "event " + i,
              null));
    }
    return new StepEventBatch(runId, step, attempt, events);
  }

  private static byte[] reversed(StepEventBatch batch) {
    var request = EventMapper.toProto(batch, "").toBuilder();
    var events = new ArrayList<>(request.getEventsList());
    java.util.Collections.reverse(events);
    return request.clearEvents().addAllEvents(events).build().toByteArray();
  }

  private static String token(String runId, String step, int attempt, Instant expiry) {
    return IngestTokens.mint(SECRET, new IngestTokens.Scope(runId, step, attempt, expiry));
  }

  private HttpResponse<byte[]> post(StepEventBatch batch, String authorization)
      throws IOException, InterruptedException {
    return send(EventMapper.toProto(batch, "").toByteArray(), authorization);
  }

  private HttpResponse<byte[]> send(byte[] body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root.toString() + "ingest/v1/events"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
