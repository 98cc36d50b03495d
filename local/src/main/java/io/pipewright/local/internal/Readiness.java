package io.pipewright.local.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the servers whether they are ready, over HTTP. */
final class Readiness {

  /** The query whose answer names each code location and whether its definitions loaded. */
  static final String WORKSPACE_QUERY =
      "{\"query\":\"{ workspaceOrError { ... on Workspace { locationEntries { name"
          + " locationOrLoadError { __typename ... on PythonError { message } } } } } }\"}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /**
   * Tells whether a Quarkus readiness check answers 200 (UP).
   *
   * @param url the check's URL
   * @return true when ready; false when it does not answer yet or is DOWN
   * @throws InterruptedException when interrupted
   */
  boolean ready(String url) throws InterruptedException {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns the webserver's answer to {@link #WORKSPACE_QUERY}.
   *
   * @param graphql the GraphQL endpoint
   * @return the JSON answer; empty when it does not answer
   * @throws InterruptedException when interrupted
   */
  String workspace(String graphql) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(graphql))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(WORKSPACE_QUERY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Counts the loaded code locations in an answer to {@link #WORKSPACE_QUERY}.
   *
   * @param answer the JSON answer
   * @return how many entries hold a {@code RepositoryLocation}
   */
  static int loadedLocations(String answer) {
    int count = 0;
    int at = answer.indexOf("\"RepositoryLocation\"");
    while (at >= 0) {
      count++;
      at = answer.indexOf("\"RepositoryLocation\"", at + 1);
    }
    return count;
  }
}
