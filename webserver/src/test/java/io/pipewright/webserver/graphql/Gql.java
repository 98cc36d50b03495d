package io.pipewright.webserver.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL client for tests, speaking HTTP as Dagster's Python client does: POST to {@code
 * /graphql} with a JSON body of {@code query} and {@code variables}.
 */
public final class Gql {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI endpoint;

  /**
   * Creates a client of the test application.
   *
   * @param root the application's root URL
   */
  public Gql(URL root) {
    this.endpoint = URI.create(root.toString().replaceAll("/$", "") + "/graphql");
  }

  /**
   * Reads a document from the test resources.
   *
   * @param name the resource, such as {@code dagster-client/get_run_status.graphql}
   * @return its text
   */
  public static String document(String name) {
    try (InputStream in = Gql.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Posts a request and returns the whole response body.
   *
   * @param query the document
   * @param variables the variables, or null
   * @return the response ({@code data}, {@code errors})
   */
  public Map<String, Object> post(String query, Map<String, Object> variables) {
    Map<String, Object> body = new HashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    HttpResponse<String> response = send(json(body), "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response.body());
  }

  /**
   * Posts a request that must succeed and returns its {@code data}.
   *
   * @param query the document
   * @param variables the variables, or null
   * @return the data
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> data(String query, Map<String, Object> variables) {
    Map<String, Object> response = post(query, variables);
    assertThat(response.get("errors")).as("GraphQL errors of %s", query).isNull();
    return (Map<String, Object>) response.get("data");
  }

  /**
   * Posts a raw body.
   *
   * @param body the body
   * @param contentType its media type
   * @return the HTTP response
   */
  public HttpResponse<String> send(String body, String contentType) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a GET request with the query in the URL.
   *
   * @param query the document
   * @return the HTTP response
   */
  public HttpResponse<String> get(String query) {
    String url = endpoint + "?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the code location {@code test} is loaded (it loads in the background at start-up).
   */
  public void awaitTestLocationLoaded() {
    Instant deadline = Instant.now().plusSeconds(60);
    String query =
        "{ workspaceLocationEntryOrError(name: \"test\") { ... on WorkspaceLocationEntry {"
            + " loadStatus locationOrLoadError { __typename } } } }";
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> data = data(query, null);
      if ("RepositoryLocation"
          .equals(at(data, "workspaceLocationEntryOrError.locationOrLoadError.__typename"))) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("Code location 'test' did not load within 60 s");
  }

  /**
   * Reads a value at a dotted path of keys and list indexes ({@code a.b.0.c}).
   *
   * @param tree the JSON tree
   * @param path the path
   * @return the value, or null when a step is missing
   */
  public static Object at(Object tree, String path) {
    Object at = tree;
    for (String part : path.split("\\.")) {
      if (at instanceof Map<?, ?> map) {
        at = map.get(part);
      } else if (at instanceof List<?> list && part.chars().allMatch(Character::isDigit)) {
        int index = Integer.parseInt(part);
        at = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return at;
  }

  /**
   * Returns a JSON array as a list of objects, for assertions.
   *
   * @param value the array
   * @return the list
   */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  /**
   * Writes a value as JSON.
   *
   * @param value the value
   * @return the JSON text
   */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses JSON.
   *
   * @param text the text
   * @return the tree
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String text) {
    try {
      return JSON.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
