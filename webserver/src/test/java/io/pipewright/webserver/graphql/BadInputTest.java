package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input: malformed documents and arguments get GraphQL errors naming what is wrong, bodies that
 * are not GraphQL requests get 400, arguments the schema accepts but the API cannot use get errors
 * as data; the transport variants Dagster's clients use (GET, {@code application/graphql},
 * introspection) work; latency is measured per operation.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

  @TestHTTPResource("/")
  URL root;

  @Test
  void shouldAnswerGraphQlErrorsWhenTheDocumentIsMalformed() {
    Map<String, Object> response = new Gql(root).post("{ version ", null);

    assertThat(response.get("data")).isNull();
    assertThat((String) at(response, "errors.0.message")).containsIgnoringCase("invalid syntax");
  }

  @Test
  void shouldNameTheFieldWhenAQueryAsksForOneThatDoesNotExist() {
    Map<String, Object> response = new Gql(root).post("{ version nonsenseField }", null);

    assertThat((String) at(response, "errors.0.message")).contains("nonsenseField");
  }

  @Test
  void shouldNameTheVariableWhenItsTypeDoesNotMatchTheArgument() {
    Map<String, Object> wrongType =
        new Gql(root)
            .post(
                "query($runId: String!) { pipelineRunOrError(runId: $runId) { __typename } }",
                Map.of("runId", "x"));
    Map<String, Object> badEnum =
        new Gql(root)
            .post(
                "mutation { terminateRun(runId: \"x\", terminatePolicy: KILL_IT) { __typename } }",
                null);

    assertThat((String) at(wrongType, "errors.0.message")).contains("runId");
    assertThat((String) at(badEnum, "errors.0.message")).contains("KILL_IT");
  }

  @Test
  void shouldNameTheArgumentWhenRunConfigDataIsAStringThatIsNotJson() {
    Map<String, Object> response =
        new Gql(root)
            .post(
                """
                query { isPipelineConfigValid(mode: "default", runConfigData: "ops: {}",
                  pipeline: {repositoryLocationName: "test", repositoryName: "__repository__", pipelineName: "etl"}) {
                  __typename } }
                """,
                null);

    assertThat(response.toString()).contains("runConfigData");
  }

  @Test
  void shouldAnswerAPythonErrorNamingTheArgumentWhenRunConfigDataIsNotAnObject() {
    Map<String, Object> data =
        new Gql(root)
            .data(
                """
                query { executionPlanOrError(mode: "default", runConfigData: [1, 2],
                  pipeline: {repositoryLocationName: "test", repositoryName: "__repository__", pipelineName: "etl"}) {
                  __typename ... on PythonError { message className } } }
                """,
                null);

    assertThat(at(data, "executionPlanOrError.__typename")).isEqualTo("PythonError");
    assertThat((String) at(data, "executionPlanOrError.message"))
        .contains("runConfigData must be a JSON object");
  }

  @Test
  void shouldAnswer400WithTheFixWhenTheBodyIsNotAGraphQlRequest() {
    Gql gql = new Gql(root);

    HttpResponse<String> notJson = gql.send("{query", "application/json");
    HttpResponse<String> noQuery = gql.send("{\"variables\": {}}", "application/json");
    HttpResponse<String> batch = gql.send("[{\"query\": \"{ version }\"}]", "application/json");
    HttpResponse<String> badVariables =
        gql.send("{\"query\": \"{ version }\", \"variables\": [1]}", "application/json");

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");
    assertThat(noQuery.statusCode()).isEqualTo(400);
    assertThat(noQuery.body()).contains("no \\\"query\\\"");
    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(batch.body()).contains("batched requests are not supported");
    assertThat(badVariables.statusCode()).isEqualTo(400);
    assertThat(badVariables.body()).contains("variables");
  }

  @Test
  void shouldExecuteADocumentSentAsApplicationGraphql() {
    HttpResponse<String> response = new Gql(root).send("{ version }", "application/graphql");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(at(Gql.parse(response.body()), "data.version")).isEqualTo("0.1.0-SNAPSHOT");
  }

  @Test
  void shouldAnswerQueriesButRefuseMutationsSentWithGet() {
    Gql gql = new Gql(root);

    HttpResponse<String> query = gql.get("{ version }");
    HttpResponse<String> mutation = gql.get("mutation { reloadWorkspace { __typename } }");

    assertThat(at(Gql.parse(query.body()), "data.version")).isEqualTo("0.1.0-SNAPSHOT");
    assertThat((String) at(Gql.parse(mutation.body()), "errors.0.message"))
        .contains("Mutations must be sent with POST");
  }

  @Test
  void shouldAnswerStandardIntrospectionWithTheLegacyInterfaces() {
    Gql gql = new Gql(root);
    Map<String, Object> data = new java.util.HashMap<>();
    data.putAll(gql.data("{ run: __type(name: \"Run\") { interfaces { name } } }", null));
    data.putAll(
        gql.data(
            "{ success: __type(name: \"LaunchPipelineRunSuccess\") { kind possibleTypes { name } } }",
            null));
    data.putAll(gql.data("{ status: __type(name: \"RunStatus\") { enumValues { name } } }", null));
    Map<String, Object> schema =
        gql.data("{ __schema { queryType { name } mutationType { name } types { name } } }", null);

    assertThat(Gql.list(at(data, "run.interfaces")))
        .extracting(i -> at(i, "name"))
        .contains("PipelineRun");
    assertThat(at(data, "success.kind")).isEqualTo("INTERFACE");
    assertThat(at(data, "success.possibleTypes.0.name")).isEqualTo("LaunchRunSuccess");
    assertThat(Gql.list(at(data, "status.enumValues")))
        .extracting(v -> at(v, "name"))
        .contains("QUEUED", "STARTED", "CANCELING", "CANCELED");
    assertThat(at(schema, "__schema.mutationType.name")).isEqualTo("Mutation");
    assertThat(Gql.list(at(schema, "__schema.types"))).hasSizeGreaterThan(200);
  }

  @Test
  void shouldMeasureLatencyPerOperationName() throws Exception {
    new Gql(root)
        .data(
            Gql.document("dagster-client/get_run_status.graphql"), Map.of("runId", "metrics-run"));
    new Gql(root).data("{ version }", null);

    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(root.toString() + "q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(metrics.body())
        .contains(
            "pipewright_graphql_requests_seconds_count{operation=\"GraphQLClientGetRunStatus\"")
        .contains("operation=\"version\"");
  }
}
