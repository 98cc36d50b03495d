package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogStream;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code capturedLogs} and {@code capturedLogsMetadata}: a step attempt's stdout and stderr from
 * the compute log store (PostgreSQL in the test application), paged by Dagster's cursor.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class CapturedLogsTest {

  private static final String LOGS =
      """
      query($key: [String!]!, $cursor: String, $limit: Int) {
        capturedLogs(logKey: $key, cursor: $cursor, limit: $limit) { logKey stdout stderr cursor }
      }
      """;

  @TestHTTPResource("/")
  URL root;

  @Inject ComputeLogStore logs;

  private Gql gql;

  @BeforeEach
  void client() {
    gql = new Gql(root);
  }

  @Test
  void shouldReadTheLatestAttemptsLogsInPagesWhenNoAttemptIsGiven() {
    String run = UUID.randomUUID().toString();
    write(new AttemptId(run, "load", 1), LogStream.STDOUT, "first attempt\n");
    write(new AttemptId(run, "load", 2), LogStream.STDOUT, "hello ");
    write(new AttemptId(run, "load", 2), LogStream.STDOUT, "world\n");
    write(new AttemptId(run, "load", 2), LogStream.STDERR, "warning\n");
    List<String> key = List.of(run, "compute_logs", "load");

    Map<String, Object> first = gql.data(LOGS, Map.of("key", key, "limit", 6));
    assertThat(at(first, "capturedLogs.logKey")).isEqualTo(key);
    assertThat(at(first, "capturedLogs.stdout")).isEqualTo("hello ");
    assertThat(at(first, "capturedLogs.stderr")).isEqualTo("warnin");
    assertThat(at(first, "capturedLogs.cursor")).isEqualTo("6:6");
    Map<String, Object> vars = new HashMap<>(Map.of("key", key));
    vars.put("cursor", at(first, "capturedLogs.cursor"));
    Map<String, Object> rest = gql.data(LOGS, vars);
    assertThat(at(rest, "capturedLogs.stdout")).isEqualTo("world\n");
    assertThat(at(rest, "capturedLogs.stderr")).isEqualTo("g\n");
    assertThat(at(rest, "capturedLogs.cursor")).isEqualTo("12:8");

    Map<String, Object> attemptOne =
        gql.data(LOGS, Map.of("key", List.of(run, "compute_logs", "load", "1")));
    assertThat(at(attemptOne, "capturedLogs.stdout")).isEqualTo("first attempt\n");
    assertThat(at(attemptOne, "capturedLogs.stderr")).isEqualTo("");
  }

  @Test
  void shouldAnswerNoTextWhenTheStepHasNoLogYet() {
    Map<String, Object> none =
        gql.data(LOGS, Map.of("key", List.of(UUID.randomUUID().toString(), "compute_logs", "x")));

    assertThat(at(none, "capturedLogs.stdout")).isNull();
    assertThat(at(none, "capturedLogs.stderr")).isNull();
  }

  @Test
  void shouldDescribeWhereTheLogsAreWhenMetadataIsAsked() {
    String run = UUID.randomUUID().toString();
    write(new AttemptId(run, "load", 3), LogStream.STDERR, "x");

    Map<String, Object> data =
        gql.data(
            "query($key: [String!]!) { capturedLogsMetadata(logKey: $key) {"
                + " stdoutLocation stderrLocation stdoutDownloadUrl } }",
            Map.of("key", List.of(run, "compute_logs", "load")));

    assertThat(at(data, "capturedLogsMetadata.stderrLocation"))
        .isEqualTo("run " + run + ", step load, attempt 3, stderr");
    assertThat(at(data, "capturedLogsMetadata.stdoutDownloadUrl")).isNull();
  }

  @Test
  void shouldAnswerAGraphQlErrorWhenTheKeyCursorOrLimitIsBad() {
    assertThat(
            gql.post(LOGS.replace("$key", "$key"), Map.of("key", List.of("run", "logs", "x")))
                .get("errors"))
        .asString()
        .contains("is not a compute log key");
    assertThat(
            gql.post(LOGS, Map.of("key", List.of("run", "compute_logs", "x", "zero")))
                .get("errors"))
        .asString()
        .contains("is not an attempt number");
    assertThat(
            gql.post(LOGS, Map.of("key", List.of("run", "compute_logs", "x"), "cursor", "abc"))
                .get("errors"))
        .asString()
        .contains("cursor 'abc' is not a compute log cursor");
    assertThat(
            gql.post(LOGS, Map.of("key", List.of("run", "compute_logs", "x"), "limit", 0))
                .get("errors"))
        .asString()
        .contains("limit must be 1 to");
  }

  private void write(AttemptId attempt, LogStream stream, String text) {
    logs.append(attempt, stream, text.getBytes(StandardCharsets.UTF_8));
  }
}
