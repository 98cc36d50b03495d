package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static io.pipewright.webserver.graphql.Gql.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The {@code pipelineRunLogs} subscription over a websocket on {@code /graphql}, in both
 * sub-protocols: the past events first, then the events stored later (woken by the event log's
 * notifications), and the errors as data.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class SubscriptionTest {

  private static final String RUN_LOGS =
      """
      subscription($runId: ID!, $cursor: String) {
        pipelineRunLogs(runId: $runId, cursor: $cursor) {
          __typename
          ... on PipelineRunLogsSubscriptionSuccess {
            hasMorePastEvents cursor run { runId status } messages { __typename ... on MessageEvent { eventType } }
          }
          ... on PipelineRunLogsSubscriptionFailure { message missingRunId }
        }
      }
      """;

  @TestHTTPResource("/")
  URL root;

  @Test
  void shouldStreamPastThenNewEventsOverTheLegacyProtocol() throws Exception {
    Gql gql = new Gql(root);
    gql.awaitTestLocationLoaded();
    String runId = launch(gql);
    Socket socket = Socket.open(root, "graphql-ws");
    socket.send(Map.of("type", "connection_init", "payload", Map.of()));
    assertThat(socket.await(m -> "connection_ack".equals(at(m, "type")))).isNotNull();

    socket.send(
        Map.of(
            "id",
            "1",
            "type",
            "start",
            "payload",
            Map.of("query", RUN_LOGS, "variables", Map.of("runId", runId))));
    Map<String, Object> past = socket.await(m -> "data".equals(at(m, "type")));
    gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));
    List<Object> liveEvents = new ArrayList<>();
    Map<String, Object> last = null;
    while (liveEvents.size() < 2) {
      last = socket.await(m -> "data".equals(at(m, "type")));
      liveEvents.addAll(Gql.list(at(last, "payload.data.pipelineRunLogs.messages")));
    }
    socket.send(Map.of("id", "1", "type", "stop"));
    Map<String, Object> complete = socket.await(m -> "complete".equals(at(m, "type")));
    socket.close();

    assertThat(at(past, "id")).isEqualTo("1");
    Object payload = at(past, "payload.data.pipelineRunLogs");
    assertThat(at(payload, "__typename")).isEqualTo("PipelineRunLogsSubscriptionSuccess");
    assertThat(at(payload, "hasMorePastEvents")).isEqualTo(false);
    assertThat(Gql.list(at(payload, "messages")))
        .extracting(e -> at(e, "__typename"))
        .containsExactly("RunEnqueuedEvent");
    assertThat(liveEvents)
        .extracting(e -> at(e, "__typename"))
        .containsExactly("RunCancelingEvent", "RunCanceledEvent");
    assertThat(at(last, "payload.data.pipelineRunLogs.run.status")).isEqualTo("CANCELED");
    assertThat(Long.parseLong((String) at(last, "payload.data.pipelineRunLogs.cursor")))
        .isGreaterThan(Long.parseLong((String) at(payload, "cursor")));
    assertThat(at(complete, "id")).isEqualTo("1");
  }

  @Test
  void shouldStreamOnlyNewEventsFromHeadOverGraphqlTransportWs() throws Exception {
    Gql gql = new Gql(root);
    gql.awaitTestLocationLoaded();
    String runId = launch(gql);
    Socket socket = Socket.open(root, "graphql-transport-ws");
    socket.send(Map.of("type", "connection_init"));
    socket.await(m -> "connection_ack".equals(at(m, "type")));
    socket.send(Map.of("type", "ping"));
    assertThat(socket.await(m -> "pong".equals(at(m, "type")))).isNotNull();

    socket.send(
        Map.of(
            "id", "a",
            "type", "subscribe",
            "payload",
                Map.of("query", RUN_LOGS, "variables", Map.of("runId", runId, "cursor", "HEAD"))));
    // Give the subscription time to listen before the run changes.
    Thread.sleep(500);
    gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));
    Map<String, Object> next = socket.await(m -> "next".equals(at(m, "type")));
    socket.send(Map.of("id", "a", "type", "complete"));
    socket.close();

    assertThat(Gql.list(at(next, "payload.data.pipelineRunLogs.messages")))
        .extracting(e -> at(e, "__typename"))
        .first()
        .isEqualTo("RunCancelingEvent");
  }

  @Test
  void shouldAnswerAFailurePayloadForAnUnknownRun() throws Exception {
    Socket socket = Socket.open(root, "graphql-transport-ws");
    socket.send(Map.of("type", "connection_init"));
    socket.await(m -> "connection_ack".equals(at(m, "type")));

    socket.send(
        Map.of(
            "id",
            "x",
            "type",
            "subscribe",
            "payload",
            Map.of("query", RUN_LOGS, "variables", Map.of("runId", "no-such-run"))));
    Map<String, Object> next = socket.await(m -> "next".equals(at(m, "type")));
    Map<String, Object> complete = socket.await(m -> "complete".equals(at(m, "type")));
    socket.close();

    Object payload = at(next, "payload.data.pipelineRunLogs");
    assertThat(at(payload, "__typename")).isEqualTo("PipelineRunLogsSubscriptionFailure");
    assertThat(at(payload, "missingRunId")).isEqualTo("no-such-run");
    assertThat(at(complete, "id")).isEqualTo("x");
  }

  private static String launch(Gql gql) {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit("hello", Map.of(), Map.of()));
    return (String) at(data, "launchPipelineExecution.run.runId");
  }

  /** A websocket client collecting the server's messages. */
  private static final class Socket implements WebSocket.Listener {
    private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Socket open(URL root, String subprotocol) {
      Socket listener = new Socket();
      URI uri = URI.create("ws://" + root.getHost() + ":" + root.getPort() + "/graphql");
      listener.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .subprotocols(subprotocol)
              .buildAsync(uri, listener)
              .join();
      assertThat(listener.socket.getSubprotocol()).isEqualTo(subprotocol);
      return listener;
    }

    void send(Map<String, Object> message) {
      socket.sendText(Gql.json(message), true).join();
    }

    Map<String, Object> await(Predicate<Map<String, Object>> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        Map<String, Object> message = messages.poll(200, TimeUnit.MILLISECONDS);
        if (message != null && wanted.test(message)) {
          return message;
        }
      }
      throw new AssertionError("No wanted message within 20 s");
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(Gql.parse(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
