package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launching with selections and steps, re-executing, terminating runs that are executing, and
 * deleting, with every error as data. Runs are moved through their lifecycle with the storage
 * ports, as the daemon would.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class RunMutationsTest {

  private static final String LAUNCH =
      """
      mutation($p: ExecutionParams!) { launchRun(executionParams: $p) {
        __typename
        ... on LaunchRunSuccess { run { runId solidSelection stepKeysToExecute tags { key value } } }
        ... on InvalidStepError { invalidStepKey }
        ... on InvalidSubsetError { message }
        ... on PipelineNotFoundError { message }
        ... on ConflictingExecutionParamsError { message }
        ... on PresetNotFoundError { message preset }
        ... on PythonError { message }
      } }
      """;

  private static final String REEXECUTE =
      """
      mutation($r: ReexecutionParams) { launchRunReexecution(reexecutionParams: $r) {
        __typename
        ... on LaunchRunSuccess { run { runId parentRunId rootRunId stepKeysToExecute tags { key value } } }
        ... on PythonError { message }
      } }
      """;

  private static final String TERMINATE =
      """
      mutation($id: String!, $policy: TerminateRunPolicy) {
        terminateRun(runId: $id, terminatePolicy: $policy) {
          __typename
          ... on TerminateRunSuccess { run { status canTerminate } }
          ... on TerminateRunFailure { message }
        } }
      """;

  @TestHTTPResource("/")
  URL root;

  @Inject RunStore runs;

  @Inject EventLog events;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldTagTheOpSelectionWhenAJobIsLaunchedWithOne() {
    Object result = launch(params("etl", List.of("extract"), null, config(1)));

    assertThat(at(result, "__typename")).isEqualTo("LaunchRunSuccess");
    assertThat(at(result, "run.solidSelection")).isEqualTo(List.of("extract"));
    assertThat(Gql.list(at(result, "run.tags")))
        .contains(Map.of("key", "dagster/solid_selection", "value", "extract"));
  }

  @Test
  void shouldRunThePartitionOfTheTagWhenAPartitionedJobIsLaunchedWithDagsterPartition() {
    String runId = launched("numbers_job", Map.of("dagster/partition", "b"));
    Map<String, Object> params = params("numbers_job", null, null, Map.of());
    params.put(
        "executionMetadata",
        Map.of("tags", List.of(Map.of("key", "dagster/partition", "value", "zz"))));
    Object refused = launch(params);

    assertThat(run(runId).partitionKey()).isEqualTo("b");
    assertThat(run(runId).tags()).containsEntry("dagster/partition", "b");
    // The code location checks the key when it plans: no run is created for an unknown one.
    assertThat(at(refused, "__typename")).isNotEqualTo("LaunchRunSuccess");
  }

  @Test
  void shouldAnswerInvalidSubsetOrStepWhenTheSelectionOrAStepIsUnknown() {
    Object subset = launch(params("etl", List.of("nothing_here"), null, config(1)));
    Object step = launch(params("etl", null, List.of("no_such_step"), config(1)));

    assertThat(at(subset, "__typename")).isEqualTo("InvalidSubsetError");
    assertThat(at(step, "__typename")).isEqualTo("InvalidStepError");
    assertThat(at(step, "invalidStepKey")).isEqualTo("no_such_step");
  }

  @Test
  void shouldRunOnlyTheGivenStepsWhenLaunchedWithStepKeys() {
    Object result = launch(params("etl", null, List.of("load"), config(1)));

    assertThat(at(result, "__typename")).isEqualTo("LaunchRunSuccess");
    assertThat(at(result, "run.stepKeysToExecute")).isEqualTo(List.of("load"));
    assertThat(Gql.list(at(result, "run.tags")))
        .contains(Map.of("key", "dagster/step_selection", "value", "load"));
  }

  @Test
  void shouldAnswerConflictsPresetsAndDownLocationsAsData() {
    Map<String, Object> both = params("etl", null, null, config(1));
    ((Map<String, Object>) both.get("selector")).put("jobName", "hello");
    Map<String, Object> preset = params("hello", null, null, Map.of());
    preset.put("preset", "nightly");
    Map<String, Object> down = params("hello", null, null, Map.of());
    ((Map<String, Object>) down.get("selector")).put("repositoryLocationName", "down");

    Object conflict = launch(both);
    Object presetResult = launch(preset);
    Object downResult = launch(down);

    assertThat(at(conflict, "__typename")).isEqualTo("ConflictingExecutionParamsError");
    assertThat((String) at(conflict, "message")).contains("names two jobs");
    assertThat(at(presetResult, "__typename")).isEqualTo("PresetNotFoundError");
    assertThat(at(presetResult, "preset")).isEqualTo("nightly");
    assertThat(at(downResult, "__typename")).isEqualTo("PipelineNotFoundError");
    assertThat((String) at(downResult, "message")).contains("code location 'down' is not loaded");
  }

  @Test
  void shouldGoToCancelingForTheDaemonWhenAStartedRunIsTerminatedSafely() {
    String runId = launched("hello");
    moveTo(runId, RunStatus.STARTING, RunStatus.STARTED);

    Object result = at(gql.data(TERMINATE, Map.of("id", runId)), "terminateRun");
    Object again = at(gql.data(TERMINATE, Map.of("id", runId)), "terminateRun");
    Object forced =
        at(
            gql.data(TERMINATE, Map.of("id", runId, "policy", "MARK_AS_CANCELED_IMMEDIATELY")),
            "terminateRun");

    assertThat(at(result, "__typename")).isEqualTo("TerminateRunSuccess");
    assertThat(at(result, "run.status")).isEqualTo("CANCELING");
    assertThat(at(result, "run.canTerminate")).isEqualTo(false);
    assertThat(at(again, "__typename")).isEqualTo("TerminateRunFailure");
    assertThat((String) at(again, "message")).contains("already being canceled");
    assertThat(at(forced, "__typename")).isEqualTo("TerminateRunSuccess");
    assertThat(at(forced, "run.status")).isEqualTo("CANCELED");
  }

  @Test
  void shouldCancelAStartedRunAtOnceWhenMarkedCanceledImmediately() {
    String runId = launched("hello");
    moveTo(runId, RunStatus.STARTING, RunStatus.STARTED);

    Object result =
        at(
            gql.data(TERMINATE, Map.of("id", runId, "policy", "MARK_AS_CANCELED_IMMEDIATELY")),
            "terminateRun");

    assertThat(at(result, "run.status")).isEqualTo("CANCELED");
    assertThat(run(runId).endTime()).isNotNull();
  }

  @Test
  void shouldReexecuteAllStepsWithTheParentsConfigTagsAndLineage() {
    String parent = launched("etl", Map.of("owner", "ana"));

    Object result =
        at(
            gql.data(
                REEXECUTE, Map.of("r", Map.of("parentRunId", parent, "strategy", "ALL_STEPS"))),
            "launchRunReexecution");

    assertThat(at(result, "__typename")).isEqualTo("LaunchRunSuccess");
    assertThat(at(result, "run.parentRunId")).isEqualTo(parent);
    assertThat(at(result, "run.rootRunId")).isEqualTo(parent);
    assertThat(at(result, "run.stepKeysToExecute")).isNull();
    assertThat(Gql.list(at(result, "run.tags")))
        .contains(
            Map.of("key", "owner", "value", "ana"),
            Map.of("key", "dagster/parent_run_id", "value", parent),
            Map.of("key", "dagster/root_run_id", "value", parent));
    Run child = run((String) at(result, "run.runId"));
    assertThat(child.runConfig()).isEqualTo(run(parent).runConfig());
  }

  @Test
  void shouldReexecuteTheFailedStepAndWhatFollowsWhenReexecutedFromFailure() {
    String parent = launched("etl");
    moveTo(parent, RunStatus.STARTING, RunStatus.STARTED);
    appendSteps(
        parent,
        step("extract", DagsterEventType.STEP_START),
        step("extract", DagsterEventType.STEP_SUCCESS),
        step("clean.double_rows", DagsterEventType.STEP_START),
        step("clean.double_rows", DagsterEventType.STEP_FAILURE));
    moveTo(parent, RunStatus.FAILURE);

    Object result =
        at(
            gql.data(
                REEXECUTE, Map.of("r", Map.of("parentRunId", parent, "strategy", "FROM_FAILURE"))),
            "launchRunReexecution");

    assertThat(at(result, "__typename")).isEqualTo("LaunchRunSuccess");
    assertThat(at(result, "run.stepKeysToExecute")).isEqualTo(List.of("clean.double_rows", "load"));
    assertThat(Gql.list(at(result, "run.tags")))
        .contains(Map.of("key", "dagster/is_resume_retry", "value", "true"));
  }

  @Test
  void shouldRefuseToReexecuteFromFailureARunThatDidNotFail() {
    String parent = launched("hello");

    Object result =
        at(
            gql.data(
                REEXECUTE, Map.of("r", Map.of("parentRunId", parent, "strategy", "FROM_FAILURE"))),
            "launchRunReexecution");
    Object unknown =
        at(
            gql.data(
                REEXECUTE,
                Map.of("r", Map.of("parentRunId", "no-such-run", "strategy", "ALL_STEPS"))),
            "launchRunReexecution");

    assertThat(at(result, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(result, "message"))
        .contains("Cannot reexecute from failure a run that is not failed or canceled");
    assertThat(at(unknown, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(unknown, "message"))
        .contains("Could not find parent run with id: no-such-run");
  }

  @Test
  void shouldDeleteARunWithItsEvents() {
    String runId = launched("hello");
    String query =
        "mutation($id: String!) { deleteRun(runId: $id) { __typename"
            + " ... on DeletePipelineRunSuccess { runId } ... on RunNotFoundError { message } } }";

    Object deleted = at(gql.data(query, Map.of("id", runId)), "deleteRun");
    Object again = at(gql.data(query, Map.of("id", runId)), "deleteRun");

    assertThat(at(deleted, "__typename")).isEqualTo("DeletePipelineRunSuccess");
    assertThat(at(deleted, "runId")).isEqualTo(runId);
    assertThat(runs.find(runId).await().atMost(Duration.ofSeconds(5))).isEmpty();
    assertThat(events.eventsForRun(runId, 0, 10).await().atMost(Duration.ofSeconds(5)).events())
        .isEmpty();
    assertThat(at(again, "__typename")).isEqualTo("RunNotFoundError");
  }

  private Object launch(Map<String, Object> params) {
    return at(gql.data(LAUNCH, Map.of("p", params)), "launchRun");
  }

  private String launched(String job) {
    return launched(job, Map.of());
  }

  private String launched(String job, Map<String, String> tags) {
    Map<String, Object> params = params(job, null, null, job.equals("etl") ? config(5) : Map.of());
    if (!tags.isEmpty()) {
      List<Map<String, String>> list = new java.util.ArrayList<>();
      tags.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
      params.put("executionMetadata", Map.of("tags", list));
    }
    Object result = launch(params);
    assertThat(at(result, "__typename")).isEqualTo("LaunchRunSuccess");
    return (String) at(result, "run.runId");
  }

  private void moveTo(String runId, RunStatus... statuses) {
    for (RunStatus next : statuses) {
      runs.transition(runId, run(runId).status(), next, Instant.now())
          .await()
          .atMost(Duration.ofSeconds(5));
    }
  }

  private Run run(String runId) {
    return runs.find(runId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
  }

  private void appendSteps(String runId, EventRecord... records) {
    List<EventRecord> withRun = new java.util.ArrayList<>();
    long sequence = 0;
    for (EventRecord record : records) {
      withRun.add(
          new EventRecord(
              runId,
              record.stepKey(),
              1,
              sequence++,
              Instant.now(),
              record.type(),
              EventLevel.INFO,
              "",
              null));
    }
    events.append(withRun).await().atMost(Duration.ofSeconds(5));
  }

  private static EventRecord step(String stepKey, DagsterEventType type) {
    return new EventRecord(
        "placeholder", stepKey, 1, 0, Instant.now(), type, EventLevel.INFO, "", null);
  }

  private static Map<String, Object> config(int limit) {
    return Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", limit))));
  }

  private static Map<String, Object> params(
      String job, List<String> opSelection, List<String> stepKeys, Map<String, Object> runConfig) {
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("repositoryLocationName", "test");
    selector.put("repositoryName", "__repository__");
    selector.put("pipelineName", job);
    selector.put("solidSelection", opSelection);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("selector", selector);
    params.put("runConfigData", runConfig);
    params.put("stepKeys", stepKeys);
    return params;
  }
}
