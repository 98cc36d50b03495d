package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The GraphQL endpoint at {@code /graphql}, where Dagster's Python client posts: POST with a JSON
 * body {@code {query, variables, operationName}} (or the document itself as {@code
 * application/graphql}), and GET with the same as query parameters (queries only).
 *
 * <p>A well-formed request is answered 200 with {@code data} and {@code errors} (GraphQL errors for
 * malformed documents and arguments; errors as data inside {@code data}); a body that is not a
 * GraphQL request is answered 400 with an {@code errors} entry saying what is wrong.
 *
 * <p>Blocking: resolvers call code locations and wait for storage, so requests run on worker
 * threads, never on the event loop.
 */
@Path("/graphql")
public class GraphQLResource {

  private static final Logger LOG = Logger.getLogger(GraphQLResource.class);

  private final GraphQLEngine engine;
  private final ObjectMapper json;

  /**
   * Creates the endpoint.
   *
   * @param engine executes requests
   * @param json reads bodies and writes responses
   */
  @Inject
  public GraphQLResource(GraphQLEngine engine, ObjectMapper json) {
    this.engine = engine;
    this.json = json;
  }

  /**
   * Executes a request sent with POST.
   *
   * @param contentType the body's media type
   * @param body the body
   * @return the response
   */
  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  public Response post(@HeaderParam("Content-Type") String contentType, byte[] body) {
    String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
    if (contentType != null && contentType.toLowerCase().startsWith("application/graphql")) {
      return execute(text, null, null, false);
    }
    JsonNode request;
    try {
      request = json.readTree(text);
    } catch (JsonProcessingException e) {
      return badRequest(
          "The body is not JSON ("
              + e.getOriginalMessage()
              + "); send {\"query\": \"...\", \"variables\": {...}} with Content-Type:"
              + " application/json");
    }
    if (request == null || !request.isObject()) {
      return badRequest(
          "The body must be a JSON object {\"query\": \"...\", \"variables\": {...},"
              + " \"operationName\": \"...\"}"
              + (request != null && request.isArray()
                  ? "; batched requests are not supported"
                  : ""));
    }
    JsonNode query = request.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      return badRequest("The request has no \"query\": put the GraphQL document there");
    }
    JsonNode operation = request.get("operationName");
    if (operation != null && !operation.isNull() && !operation.isTextual()) {
      return badRequest("\"operationName\" must be a string or null");
    }
    Map<String, Object> variables;
    try {
      variables = variables(request.get("variables"));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    return execute(
        query.asText(),
        operation == null || operation.isNull() ? null : operation.asText(),
        variables,
        false);
  }

  /**
   * Executes a query sent with GET.
   *
   * @param query the document
   * @param variables the variables as a JSON object; may be absent
   * @param operationName the operation to run; may be absent
   * @return the response
   */
  @GET
  @Blocking
  public Response get(
      @QueryParam("query") String query,
      @QueryParam("variables") String variables,
      @QueryParam("operationName") String operationName) {
    if (query == null || query.isBlank()) {
      return badRequest("The request has no query parameter: put the GraphQL document there");
    }
    Map<String, Object> parsed;
    try {
      parsed =
          variables == null || variables.isBlank() ? null : variables(json.readTree(variables));
    } catch (JsonProcessingException e) {
      return badRequest("The variables parameter is not JSON (" + e.getOriginalMessage() + ")");
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    return execute(query, operationName, parsed, true);
  }

  private Response execute(
      String query, String operationName, Map<String, Object> variables, boolean viaGet) {
    byte[] result;
    try {
      result = engine.executeJson(json, query, operationName, variables, viaGet);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write a GraphQL response as JSON", e);
    } catch (RuntimeException e) {
      // graphql-java reports problems as errors; anything else is a bug here, answered as JSON.
      LOG.errorf(e, "GraphQL request failed outside of execution");
      return respond(
          Response.Status.INTERNAL_SERVER_ERROR,
          Map.of("errors", List.of(Map.of("message", "Internal error: " + e))));
    }
    return Response.ok(result, MediaType.APPLICATION_JSON).build();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> variables(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode object = node;
    if (node.isTextual()) {
      try {
        object = json.readTree(node.asText());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "\"variables\" is a string that is not JSON (" + e.getOriginalMessage() + ")");
      }
    }
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(
          "\"variables\" must be a JSON object mapping variable names to values");
    }
    return json.convertValue(object, Map.class);
  }

  private Response badRequest(String message) {
    return respond(
        Response.Status.BAD_REQUEST, Map.of("errors", List.of(Map.of("message", message))));
  }

  /**
   * Writes the body here ({@link ResultJson}): the REST layer then needs no JSON provider of its
   * own.
   */
  private Response respond(Response.Status status, Map<String, Object> body) {
    try {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON)
          .entity(ResultJson.write(json, body))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write a GraphQL response as JSON", e);
    }
  }
}
