package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static io.pipewright.webserver.graphql.Gql.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.RecordingShutdown;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact documents Dagster's Python client sends (test resources {@code dagster-client/}),
 * posted as it posts them, with the variables it builds, against a real code location server; each
 * test checks the fields and type names the client reads.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class DagsterClientDocumentsTest {

  @TestHTTPResource("/")
  URL root;

  @Inject RunStore runs;

  @Inject RecordingShutdown shutdown;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldListEveryJobAsPipelinesWhenTheClientLocatesAJob() {
    Map<String, Object> data = gql.data(document("dagster-client/get_job_names.graphql"), null);

    assertThat(at(data, "repositoriesOrError.__typename")).isEqualTo("RepositoryConnection");
    List<?> nodes = Gql.list(at(data, "repositoriesOrError.nodes"));
    assertThat(nodes).hasSize(1);
    assertThat(at(nodes, "0.name")).isEqualTo("__repository__");
    assertThat(at(nodes, "0.location.name")).isEqualTo("test");
    assertThat(at(nodes, "0.pipelines.0.name")).isEqualTo("etl");
    assertThat(at(nodes, "0.pipelines.1.name")).isEqualTo("hello");
  }

  @Test
  void shouldQueueTheRunWithItsConfigAndTagsWhenTheClientSubmitsAJob() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            submit(
                "etl",
                Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 10)))),
                Map.of("owner", "ana", "team", "ops")));

    assertThat(at(data, "launchPipelineExecution.__typename")).isEqualTo("LaunchRunSuccess");
    String runId = (String) at(data, "launchPipelineExecution.run.runId");
    Run run = runs.find(runId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.jobName()).isEqualTo("etl");
    assertThat(run.codeLocation()).isEqualTo("test");
    assertThat(run.runConfig())
        .isEqualTo(Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 10L)))));
    // The job's tag, overridden by the user's, and the user's own.
    assertThat(run.tags()).containsEntry("team", "ops").containsEntry("owner", "ana");
    assertThat(run.planSnapshotId()).isNotBlank();
    assertThat(run.jobSnapshotId()).isNotBlank();
  }

  @Test
  void shouldAnswerTheConfigErrorsWithPathsWhenTheClientSubmitsInvalidConfig() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            submit(
                "etl",
                Map.of(
                    "ops",
                    Map.of("extract", Map.of("config", Map.of("limit", "ten", "colour", "red")))),
                Map.of()));

    Map<?, ?> result = (Map<?, ?>) at(data, "launchPipelineExecution");
    assertThat(result.get("__typename")).isEqualTo("RunConfigValidationInvalid");
    List<?> errors = (List<?>) result.get("errors");
    assertThat(errors).hasSize(2);
    Map<String, Object> byType = new LinkedHashMap<>();
    for (Object error : errors) {
      byType.put((String) at(error, "__typename"), error);
    }
    assertThat(byType).containsKeys("RuntimeMismatchConfigError", "FieldNotDefinedConfigError");
    Object mismatch = byType.get("RuntimeMismatchConfigError");
    assertThat(at(mismatch, "path")).isEqualTo(List.of("ops", "extract", "config", "limit"));
    assertThat(at(mismatch, "reason")).isEqualTo("RUNTIME_TYPE_MISMATCH");
    assertThat((String) at(mismatch, "message")).contains("limit");
    Object undefined = byType.get("FieldNotDefinedConfigError");
    assertThat(at(undefined, "path")).isEqualTo(List.of("ops", "extract", "config"));
    assertThat(at(undefined, "reason")).isEqualTo("FIELD_NOT_DEFINED");
  }

  @Test
  void shouldAnswerPipelineNotFoundWithAMessageWhenTheClientSubmitsAnUnknownJob() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            submit("nope", Map.of(), Map.of()));

    assertThat(at(data, "launchPipelineExecution.__typename")).isEqualTo("PipelineNotFoundError");
    assertThat((String) at(data, "launchPipelineExecution.message"))
        .startsWith("Could not find Pipeline test.__repository__.nope")
        .contains("etl, hello");
  }

  @Test
  void shouldAnswerTheStatusWhenTheClientAsksForARun() {
    String runId = launchHello();

    Map<String, Object> data =
        gql.data(document("dagster-client/get_run_status.graphql"), Map.of("runId", runId));

    assertThat(at(data, "pipelineRunOrError.__typename")).isEqualTo("Run");
    assertThat(at(data, "pipelineRunOrError.status")).isEqualTo("QUEUED");
  }

  @Test
  void shouldAnswerRunNotFoundWithAMessageWhenTheClientAsksForAnUnknownRun() {
    Map<String, Object> data =
        gql.data(document("dagster-client/get_run_status.graphql"), Map.of("runId", "no-such-run"));

    assertThat(at(data, "pipelineRunOrError.__typename")).isEqualTo("RunNotFoundError");
    assertThat(at(data, "pipelineRunOrError.message"))
        .isEqualTo("Run no-such-run could not be found.");
  }

  @Test
  void shouldCancelAQueuedRunAtOnceWhenTheClientTerminatesIt() {
    String runId = launchHello();

    Map<String, Object> data =
        gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));

    assertThat(at(data, "terminateRun.__typename")).isEqualTo("TerminateRunSuccess");
    assertThat(at(data, "terminateRun.run.runId")).isEqualTo(runId);
    assertThat(runs.find(runId).await().atMost(Duration.ofSeconds(5)).orElseThrow().status())
        .isEqualTo(RunStatus.CANCELED);
  }

  @Test
  void shouldAnswerFailureWithAMessageWhenTheClientTerminatesAFinishedRun() {
    String runId = launchHello();
    gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));

    Map<String, Object> again =
        gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", runId));

    assertThat(at(again, "terminateRun.__typename")).isEqualTo("TerminateRunFailure");
    assertThat(at(again, "terminateRun.message"))
        .isEqualTo("Run " + runId + " could not be terminated due to having status CANCELED.");
  }

  @Test
  void shouldAnswerRunNotFoundWhenTheClientTerminatesAnUnknownRun() {
    Map<String, Object> data =
        gql.data(document("dagster-client/terminate_run.graphql"), Map.of("runId", "no-such-run"));

    assertThat(at(data, "terminateRun.__typename")).isEqualTo("RunNotFoundError");
    assertThat(at(data, "terminateRun.runId")).isEqualTo("no-such-run");
  }

  @Test
  void shouldAnswerOneResultPerRunInOrderWhenTheClientTerminatesSeveral() {
    String first = launchHello();
    String second = launchHello();
    List<String> ids = new ArrayList<>(List.of(first, "no-such-run", second));

    Map<String, Object> data =
        gql.data(document("dagster-client/terminate_runs.graphql"), Map.of("runIds", ids));

    assertThat(at(data, "terminateRuns.__typename")).isEqualTo("TerminateRunsResult");
    assertThat(at(data, "terminateRuns.terminateRunResults.0.__typename"))
        .isEqualTo("TerminateRunSuccess");
    assertThat(at(data, "terminateRuns.terminateRunResults.0.run.runId")).isEqualTo(first);
    assertThat(at(data, "terminateRuns.terminateRunResults.1.__typename"))
        .isEqualTo("RunNotFoundError");
    assertThat(at(data, "terminateRuns.terminateRunResults.1.message")).isNotNull();
    assertThat(at(data, "terminateRuns.terminateRunResults.2.run.runId")).isEqualTo(second);
  }

  @Test
  void shouldAnswerTheLoadedLocationWhenTheClientReloadsIt() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/reload_repository_location.graphql"),
            Map.of("repositoryLocationName", "test"));

    assertThat(at(data, "reloadRepositoryLocation.__typename")).isEqualTo("WorkspaceLocationEntry");
    assertThat(at(data, "reloadRepositoryLocation.name")).isEqualTo("test");
    assertThat(at(data, "reloadRepositoryLocation.locationOrLoadError.__typename"))
        .isEqualTo("RepositoryLocation");
    assertThat(at(data, "reloadRepositoryLocation.locationOrLoadError.isReloadSupported"))
        .isEqualTo(true);
    assertThat(at(data, "reloadRepositoryLocation.locationOrLoadError.repositories.0.name"))
        .isEqualTo("__repository__");
  }

  @Test
  void shouldAnswerAPythonErrorInsideTheEntryWhenTheClientReloadsALocationThatIsDown() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/reload_repository_location.graphql"),
            Map.of("repositoryLocationName", "down"));

    assertThat(at(data, "reloadRepositoryLocation.__typename")).isEqualTo("WorkspaceLocationEntry");
    assertThat(at(data, "reloadRepositoryLocation.locationOrLoadError.__typename"))
        .isEqualTo("PythonError");
    assertThat((String) at(data, "reloadRepositoryLocation.locationOrLoadError.message"))
        .contains("down")
        .contains("localhost:");
  }

  @Test
  void shouldAnswerLocationNotFoundWhenTheClientReloadsAnUnknownLocation() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/reload_repository_location.graphql"),
            Map.of("repositoryLocationName", "nowhere"));

    assertThat(at(data, "reloadRepositoryLocation.__typename"))
        .isEqualTo("RepositoryLocationNotFound");
    assertThat((String) at(data, "reloadRepositoryLocation.message"))
        .startsWith("Location nowhere does not exist.");
  }

  @Test
  void shouldAskTheServerToShutDownWhenTheClientShutsALocationDown() {
    int before = shutdown.requests();

    Map<String, Object> data =
        gql.data(
            document("dagster-client/shutdown_repository_location.graphql"),
            Map.of("repositoryLocationName", "test"));

    assertThat(at(data, "shutdownRepositoryLocation.__typename"))
        .isEqualTo("ShutdownRepositoryLocationSuccess");
    assertThat(shutdown.requests()).isEqualTo(before + 1);
  }

  @Test
  void shouldAnswerErrorsWithMessagesWhenTheClientShutsDownAnUnknownOrDownLocation() {
    Map<String, Object> unknown =
        gql.data(
            document("dagster-client/shutdown_repository_location.graphql"),
            Map.of("repositoryLocationName", "nowhere"));
    Map<String, Object> down =
        gql.data(
            document("dagster-client/shutdown_repository_location.graphql"),
            Map.of("repositoryLocationName", "down"));

    assertThat(at(unknown, "shutdownRepositoryLocation.__typename"))
        .isEqualTo("RepositoryLocationNotFound");
    assertThat(at(unknown, "shutdownRepositoryLocation.message")).isNotNull();
    assertThat(at(down, "shutdownRepositoryLocation.__typename")).isEqualTo("PythonError");
    assertThat((String) at(down, "shutdownRepositoryLocation.message")).contains("down");
  }

  private String launchHello() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            submit("hello", Map.of(), Map.of()));
    assertThat(at(data, "launchPipelineExecution.__typename")).isEqualTo("LaunchRunSuccess");
    return (String) at(data, "launchPipelineExecution.run.runId");
  }

  /** The variables the client builds in {@code _core_submit_execution}. */
  static Map<String, Object> submit(
      String job, Map<String, Object> runConfig, Map<String, String> tags) {
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("repositoryLocationName", "test");
    selector.put("repositoryName", "__repository__");
    selector.put("pipelineName", job);
    selector.put("solidSelection", null);
    selector.put("assetSelection", null);
    List<Map<String, String>> tagList = new ArrayList<>();
    tags.forEach((k, v) -> tagList.add(Map.of("key", k, "value", v)));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("selector", selector);
    params.put("runConfigData", runConfig);
    params.put("mode", "default");
    params.put("executionMetadata", tags.isEmpty() ? Map.of() : Map.of("tags", tagList));
    return Map.of("executionParams", params);
  }
}
