package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * GraphQL over a websocket on {@code /graphql}, in the two sub-protocols clients speak: {@code
 * graphql-ws} (the legacy Apollo protocol of Dagster's UI: {@code connection_init}/{@code
 * connection_ack}, {@code start}/{@code data}/{@code stop}/{@code complete}, keep-alive {@code ka})
 * and {@code graphql-transport-ws} ({@code subscribe}/{@code next}/{@code complete}, {@code
 * ping}/{@code pong}). Subscriptions stream their results; a query or mutation sent over the socket
 * gets its one result, then {@code complete}.
 */
@WebSocket(path = "/graphql")
public class GraphQLWebSocket {

  private static final Logger LOG = Logger.getLogger(GraphQLWebSocket.class);

  /** The legacy Apollo sub-protocol, Dagster's UI's. */
  static final String GRAPHQL_WS = "graphql-ws";

  /** The sub-protocol of the graphql-ws library. */
  static final String TRANSPORT_WS = "graphql-transport-ws";

  private final GraphQLEngine engine;
  private final ObjectMapper json;

  /** Open subscriptions by connection id, then by operation id. */
  private final Map<String, Map<String, Subscription>> open = new ConcurrentHashMap<>();

  /**
   * Creates the endpoint.
   *
   * @param engine executes operations
   * @param json reads and writes messages
   */
  @Inject
  public GraphQLWebSocket(GraphQLEngine engine, ObjectMapper json) {
    this.engine = engine;
    this.json = json;
  }

  /**
   * Registers the connection.
   *
   * @param connection the connection
   */
  @OnOpen
  public void opened(WebSocketConnection connection) {
    open.put(connection.id(), new ConcurrentHashMap<>());
  }

  /**
   * Cancels the connection's subscriptions.
   *
   * @param connection the connection
   */
  @OnClose
  public void closed(WebSocketConnection connection) {
    Map<String, Subscription> subscriptions = open.remove(connection.id());
    if (subscriptions != null) {
      subscriptions.values().forEach(Subscription::cancel);
    }
  }

  /**
   * Handles one message of either sub-protocol.
   *
   * @param message the message, a JSON object
   * @param connection the connection
   */
  @OnTextMessage
  @Blocking
  public void message(String message, WebSocketConnection connection) {
    boolean legacy = !TRANSPORT_WS.equals(connection.subprotocol());
    JsonNode node;
    try {
      node = json.readTree(message);
    } catch (JsonProcessingException e) {
      close(connection, 4400, "The message is not JSON");
      return;
    }
    String type = node.path("type").asText("");
    String id = node.path("id").asText(null);
    switch (type) {
      case "connection_init" -> {
        send(connection, Map.of("type", "connection_ack"));
        if (legacy) {
          send(connection, Map.of("type", "ka"));
        }
      }
      case "ping" -> send(connection, Map.of("type", "pong"));
      case "pong", "connection_terminate" -> {
        if ("connection_terminate".equals(type)) {
          connection.closeAndAwait();
        }
      }
      case "start", "subscribe" -> start(connection, id, node.path("payload"), legacy);
      case "stop", "complete" -> stop(connection, id, legacy);
      default ->
          close(
              connection,
              4400,
              "Unknown message type '" + type + "' for " + connection.subprotocol());
    }
  }

  @SuppressWarnings("unchecked")
  private void start(WebSocketConnection connection, String id, JsonNode payload, boolean legacy) {
    Map<String, Subscription> subscriptions = open.get(connection.id());
    if (id == null || subscriptions == null) {
      close(connection, 4400, "A subscription needs an id");
      return;
    }
    if (subscriptions.containsKey(id)) {
      close(connection, 4409, "Subscriber for " + id + " already exists");
      return;
    }
    String query = payload.path("query").asText(null);
    if (query == null) {
      sendError(connection, id, "The payload has no query", legacy);
      return;
    }
    Map<String, Object> variables =
        payload.hasNonNull("variables")
            ? json.convertValue(payload.get("variables"), Map.class)
            : null;
    String operationName = payload.path("operationName").asText(null);
    ExecutionResult result = engine.executeResult(query, operationName, variables);
    if (!(result.getData() instanceof Publisher<?>)) {
      if (result.getData() == null && !result.getErrors().isEmpty()) {
        sendError(connection, id, result.toSpecification().get("errors"), legacy);
        return;
      }
      send(connection, data(id, result.toSpecification(), legacy));
      send(connection, Map.of("id", id, "type", "complete"));
      return;
    }
    ((Publisher<ExecutionResult>) result.getData())
        .subscribe(
            new Subscriber<>() {
              @Override
              public void onSubscribe(Subscription subscription) {
                subscriptions.put(id, subscription);
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ExecutionResult item) {
                send(connection, data(id, item.toSpecification(), legacy));
              }

              @Override
              public void onError(Throwable error) {
                subscriptions.remove(id);
                LOG.errorf(error, "Subscription %s failed", id);
                sendError(connection, id, "The subscription failed: " + error, legacy);
              }

              @Override
              public void onComplete() {
                if (subscriptions.remove(id) != null) {
                  send(connection, Map.of("id", id, "type", "complete"));
                }
              }
            });
  }

  private void stop(WebSocketConnection connection, String id, boolean legacy) {
    Map<String, Subscription> subscriptions = open.get(connection.id());
    Subscription subscription =
        subscriptions == null || id == null ? null : subscriptions.remove(id);
    if (subscription != null) {
      subscription.cancel();
      if (legacy) {
        send(connection, Map.of("id", id, "type", "complete"));
      }
    }
  }

  private static Map<String, Object> data(String id, Map<String, Object> result, boolean legacy) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("type", legacy ? "data" : "next");
    message.put("payload", result);
    return message;
  }

  private void sendError(WebSocketConnection connection, String id, Object errors, boolean legacy) {
    Object payload =
        errors instanceof String text
            ? (legacy ? Map.of("message", text) : List.of(Map.of("message", text)))
            : errors;
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("type", "error");
    message.put("payload", payload);
    send(connection, message);
  }

  private void send(WebSocketConnection connection, Map<String, Object> message) {
    if (!connection.isOpen()) {
      return;
    }
    try {
      connection.sendTextAndAwait(json.writeValueAsString(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a websocket message", e);
    } catch (RuntimeException e) {
      // The client went away while a result was on its way: its close cancels the rest.
      LOG.debugf(e, "Websocket send to %s failed", connection.id());
    }
  }

  private static void close(WebSocketConnection connection, int code, String reason) {
    connection.closeAndAwait(new CloseReason(code, reason));
  }
}
