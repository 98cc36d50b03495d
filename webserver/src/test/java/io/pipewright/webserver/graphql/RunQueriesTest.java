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
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading runs: one run with its snapshot, plan and stats, filtered pages, and event pages. */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class RunQueriesTest {

  private static final String RUNS =
      """
      query($filter: RunsFilter, $cursor: String, $limit: Int) {
        runsOrError(filter: $filter, cursor: $cursor, limit: $limit) {
          __typename
          ... on Runs { count results { runId status tags { key value } } }
          ... on InvalidPipelineRunsFilterError { message }
        }
      }
      """;

  private static final String LOGS =
      """
      query($runId: ID!, $cursor: String, $limit: Int) {
        logsForRun(runId: $runId, afterCursor: $cursor, limit: $limit) {
          __typename
          ... on EventConnection { cursor hasMore events { __typename
            ... on MessageEvent { runId message timestamp level eventType }
            ... on RunEvent { pipelineName } } }
          ... on RunNotFoundError { message }
          ... on PythonError { message }
        }
      }
      """;

  @TestHTTPResource("/")
  URL root;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldDescribeARunWithItsSnapshotPlanAndStats() {
    String runId =
        launch(
            "etl",
            Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 2)))),
            Map.of("owner", "ana"));

    Map<String, Object> data =
        gql.data(
            """
            query($id: ID!) { runOrError(runId: $id) { __typename ... on Run {
              runId status runStatus jobName pipelineName mode canTerminate creationTime startTime
              runConfigYaml runConfig tags { key value }
              repositoryOrigin { repositoryLocationName repositoryName }
              pipeline { __typename name ... on PipelineSnapshot { pipelineSnapshotId solids { name } } }
              executionPlan { steps { key } }
              stats { __typename ... on RunStatsSnapshot { stepsSucceeded enqueuedTime endTime } }
              stepStats { stepKey }
              eventConnection { events { __typename } }
            } } }
            """,
            Map.of("id", runId));

    Object run = at(data, "runOrError");
    assertThat(at(run, "__typename")).isEqualTo("Run");
    assertThat(at(run, "status")).isEqualTo("QUEUED");
    assertThat(at(run, "runStatus")).isEqualTo("QUEUED");
    assertThat(at(run, "mode")).isEqualTo("default");
    assertThat(at(run, "canTerminate")).isEqualTo(true);
    assertThat((Double) at(run, "creationTime")).isGreaterThan(1.7e9);
    assertThat(at(run, "startTime")).isNull();
    assertThat(at(run, "runConfig"))
        .isEqualTo(Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 2)))));
    assertThat(Gql.parse((String) at(run, "runConfigYaml"))).isEqualTo(at(run, "runConfig"));
    assertThat(Gql.list(at(run, "tags")))
        .contains(Map.of("key", "owner", "value", "ana"), Map.of("key", "team", "value", "data"));
    assertThat(at(run, "repositoryOrigin.repositoryLocationName")).isEqualTo("test");
    assertThat(at(run, "pipeline.__typename")).isEqualTo("PipelineSnapshot");
    assertThat(at(run, "pipeline.solids.0.name")).isEqualTo("extract");
    assertThat(Gql.list(at(run, "executionPlan.steps")))
        .extracting(s -> at(s, "key"))
        .containsExactly("extract", "clean.double_rows", "load");
    assertThat(at(run, "stats.__typename")).isEqualTo("RunStatsSnapshot");
    assertThat(at(run, "stats.stepsSucceeded")).isEqualTo(0);
    assertThat((Double) at(run, "stats.enqueuedTime")).isGreaterThan(1.7e9);
    assertThat(at(run, "stepStats")).isEqualTo(List.of());
    assertThat(at(run, "eventConnection.events.0.__typename")).isEqualTo("RunEnqueuedEvent");
  }

  @Test
  void shouldPageRunsNewestFirstByCursorWhenFilteredByTag() {
    String batch = UUID.randomUUID().toString();
    String first = launch("hello", Map.of(), Map.of("batch", batch));
    String second = launch("hello", Map.of(), Map.of("batch", batch));
    String third = launch("hello", Map.of(), Map.of("batch", batch));
    Map<String, Object> filter = Map.of("tags", List.of(Map.of("key", "batch", "value", batch)));

    Object page1 = at(gql.data(RUNS, Map.of("filter", filter, "limit", 2)), "runsOrError");
    Object page2 =
        at(gql.data(RUNS, Map.of("filter", filter, "limit", 2, "cursor", second)), "runsOrError");

    assertThat(Gql.list(at(page1, "results")))
        .extracting(r -> at(r, "runId"))
        .containsExactly(third, second);
    assertThat(at(page1, "count")).isEqualTo(3);
    assertThat(Gql.list(at(page2, "results")))
        .extracting(r -> at(r, "runId"))
        .containsExactly(first);
  }

  @Test
  void shouldFilterRunsByStatusAndIds() {
    String queued = launch("hello", Map.of(), Map.of());
    String canceled = launch("hello", Map.of(), Map.of());
    gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", canceled));
    Map<String, Object> filter =
        Map.of("runIds", List.of(queued, canceled), "statuses", List.of("CANCELED"));

    Object result = at(gql.data(RUNS, Map.of("filter", filter)), "runsOrError");
    Object ids =
        at(
            gql.data(
                "query($f: RunsFilter) { runIdsOrError(filter: $f) { ... on RunIds { results } } }",
                Map.of("f", Map.of("runIds", List.of(queued, canceled)))),
            "runIdsOrError.results");

    assertThat(Gql.list(at(result, "results")))
        .extracting(r -> at(r, "runId"))
        .containsExactly(canceled);
    assertThat(Gql.list(ids)).containsExactlyInAnyOrder(queued, canceled);
  }

  @Test
  void shouldAnswerInvalidFilterWhenTheCursorOrLimitCannotBeUsed() {
    Object cursor = at(gql.data(RUNS, Map.of("cursor", "no-such-run")), "runsOrError");
    Object limit = at(gql.data(RUNS, Map.of("limit", 0)), "runsOrError");

    assertThat(at(cursor, "__typename")).isEqualTo("InvalidPipelineRunsFilterError");
    assertThat((String) at(cursor, "message")).contains("cursor 'no-such-run'");
    assertThat(at(limit, "__typename")).isEqualTo("InvalidPipelineRunsFilterError");
    assertThat((String) at(limit, "message")).contains("limit is 0");
  }

  @Test
  void shouldPageARunsEventsByCursor() {
    String runId = launch("hello", Map.of(), Map.of());
    gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));

    Object first = at(gql.data(LOGS, Map.of("runId", runId, "limit", 1)), "logsForRun");
    Object rest =
        at(gql.data(LOGS, Map.of("runId", runId, "cursor", at(first, "cursor"))), "logsForRun");

    assertThat(at(first, "__typename")).isEqualTo("EventConnection");
    assertThat(at(first, "hasMore")).isEqualTo(true);
    assertThat(at(first, "events.0.__typename")).isEqualTo("RunEnqueuedEvent");
    assertThat(at(first, "events.0.eventType")).isEqualTo("RUN_ENQUEUED");
    assertThat(at(first, "events.0.pipelineName")).isEqualTo("hello");
    assertThat(at(first, "events.0.level")).isEqualTo("INFO");
    assertThat(Long.parseLong((String) at(first, "events.0.timestamp")))
        .isGreaterThan(1_700_000_000_000L);
    assertThat(Gql.list(at(rest, "events")))
        .extracting(e -> at(e, "__typename"))
        .containsExactly("RunCancelingEvent", "RunCanceledEvent");
    assertThat(at(rest, "hasMore")).isEqualTo(false);
  }

  @Test
  void shouldAnswerErrorsAsDataWhenEventsOfAnUnknownRunOrABadCursorAreAsked() {
    Object unknown = at(gql.data(LOGS, Map.of("runId", "no-such-run")), "logsForRun");
    String runId = launch("hello", Map.of(), Map.of());
    Object badCursor = at(gql.data(LOGS, Map.of("runId", runId, "cursor", "abc")), "logsForRun");

    assertThat(at(unknown, "__typename")).isEqualTo("RunNotFoundError");
    assertThat(at(badCursor, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(badCursor, "message")).contains("afterCursor 'abc' is not a cursor");
  }

  private String launch(String job, Map<String, Object> config, Map<String, String> tags) {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit(job, config, tags));
    assertThat(at(data, "launchPipelineExecution.__typename")).isEqualTo("LaunchRunSuccess");
    return (String) at(data, "launchPipelineExecution.run.runId");
  }
}
