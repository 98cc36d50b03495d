package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static io.pipewright.webserver.graphql.Gql.document;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.ExpectationPayload;
import io.pipewright.core.event.HandledOutputPayload;
import io.pipewright.core.event.LoadedInputPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepInputPayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fast path answers exactly what graphql-java answers: each query runs through both and the
 * JSON must be the same bytes, and the fast path must have answered it (not left it to
 * graphql-java). What it does not support is left to graphql-java, with the same answer.
 *
 * <p>The test profile also verifies every fast answer of every other test against graphql-java
 * ({@code pipewright.graphql.fast-path-verify}).
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class FastPathDifferentialTest {

  /** Dagster UI's runs page: fields of runs behind a named fragment, errors as data. */
  private static final String RUNS_PAGE =
      """
      query RunsRoot($filter: RunsFilter, $cursor: String, $limit: Int) {
        pipelineRunsOrError: runsOrError(filter: $filter, cursor: $cursor, limit: $limit) {
          ... on Runs { results { key: runId ...RunTableRunFragment __typename } __typename }
          ... on InvalidPipelineRunsFilterError { message __typename }
          ...PythonErrorFragment
          __typename
        }
      }
      fragment RunTableRunFragment on Run {
        id runId status stepKeysToExecute canTerminate mode rootRunId parentRunId
        pipelineName jobName creationTime startTime endTime updateTime
        tags { key value __typename } __typename
      }
      fragment PythonErrorFragment on PythonError { message stack __typename }
      """;

  /** The figures' page of runs, and the same with the count. */
  private static final String BENCH_PAGE =
      """
      query($filter: RunsFilter, $cursor: String, $limit: Int) {
        runsOrError(filter: $filter, cursor: $cursor, limit: $limit) {
          __typename
          ... on Runs { count results { runId status pipelineName creationTime startTime endTime
                                  tags { key value } } }
          ... on PythonError { message }
        }
      }
      """;

  /** A run page with fields on interfaces, fragments on the event union and include/skip. */
  private static final String LOGS =
      """
      query Logs($runId: ID!, $cursor: String, $limit: Int, $withSteps: Boolean!) {
        logsForRun(runId: $runId, afterCursor: $cursor, limit: $limit) {
          __typename
          ... on EventConnection { cursor hasMore events { __typename ...Message
            ... on StepEvent @include(if: $withSteps) { stepKey }
            ... on MaterializationEvent { assetKey { path } partition label description }
            ... on DisplayableEvent { label description metadataEntries { __typename label } }
          } }
          ... on RunNotFoundError { runId message }
          ... on PythonError { message }
        }
      }
      fragment Message on MessageEvent {
        runId message timestamp level eventType stepKey
        again: message @skip(if: $withSteps)
      }
      """;

  private static final String BENCH_LOGS =
      """
      query($runId: ID!, $cursor: String, $limit: Int) {
        logsForRun(runId: $runId, afterCursor: $cursor, limit: $limit) {
          ... on EventConnection { cursor hasMore events { __typename
            ... on MessageEvent { runId message timestamp level eventType stepKey } } }
        }
      }
      """;

  /** Every event type's own fields, through fragments on the interfaces and on each type. */
  private static final String EVERY_EVENT =
      """
      query Every($runId: ID!) {
        logsForRun(runId: $runId) {
          __typename
          ... on EventConnection { cursor hasMore events {
            __typename
            ... on MessageEvent { runId message timestamp level eventType stepKey solidHandleID }
            ... on ErrorEvent { error { message className stack } }
            ... on DisplayableEvent { label description metadataEntries { __typename label
              ... on IntMetadataEntry { intValue intRepr } ... on TextMetadataEntry { text } } }
            ... on ExecutionStepFailureEvent { errorSource
              failureMetadata { label metadataEntries { label } } }
            ... on ExecutionStepUpForRetryEvent { secondsToWait }
            ... on ExecutionStepInputEvent { inputName
              typeCheck { label success description metadataEntries { label } } }
            ... on ExecutionStepOutputEvent { outputName typeCheck { label success } }
            ... on LoadedInputEvent { inputName managerKey upstreamOutputName upstreamStepKey }
            ... on HandledOutputEvent { outputName managerKey }
            ... on MaterializationEvent { assetKey { path } partition
              runOrError { __typename ... on Run { runId } } stepStats { stepKey } }
            ... on ObservationEvent { assetKey { path } partition }
            ... on AssetMaterializationPlannedEvent { pipelineName assetKey { path }
              runOrError { __typename } }
            ... on StepExpectationResultEvent { expectationResult { success label description } }
            ... on AssetCheckEvaluationEvent { evaluation { checkName severity success partition
              description assetKey { path } timestamp } }
            ... on FailedToMaterializeEvent { materializationFailureReason
              materializationFailureType tags { key } }
          } }
        }
      }
      """;

  private static final String RUN =
      """
      query($id: ID!) { __typename runOrError(runId: $id) { __typename ... on Run {
        runId status runStatus jobName pipelineName mode canTerminate creationTime startTime
        runConfigYaml runConfig tags { key value }
        repositoryOrigin { repositoryLocationName repositoryName }
        pipeline { __typename name ... on PipelineSnapshot { pipelineSnapshotId solids { name } } }
        executionPlan { steps { key } }
        stats { __typename ... on RunStatsSnapshot { stepsSucceeded enqueuedTime endTime } }
        stepStats { stepKey }
        eventConnection { events { __typename } }
      } ... on RunNotFoundError { message } } }
      """;

  private static final String WORKSPACE =
      """
      { workspaceOrError { __typename ... on Workspace { locationEntries {
          name loadStatus
          locationOrLoadError { __typename
            ... on RepositoryLocation { name repositories { name jobs { name } } }
            ... on PythonError { message className } } } } } }
      """;

  private static final String PIPELINE =
      """
      query($sel: PipelineSelector!) {
        pipelineOrError(params: $sel) {
          __typename
          ... on Pipeline {
            name description isJob pipelineSnapshotId tags { key value } modes { name }
            solids { name definition { __typename name } inputs { definition { name } } }
            solidHandles { handleID parent { handleID } }
          }
          ... on PipelineNotFoundError { message pipelineName }
          ... on PythonError { message }
        }
      }
      """;

  private static final String ASSETS =
      """
      { assetNodes { id assetKey { path } groupName opNames jobNames isPartitioned
          owners { __typename ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
          dependencyKeys { path } dependedByKeys { path } } }
      """;

  private static final String INSTANCE =
      """
      { instance { id hasInfo runQueuingSupported
          runQueueConfig { maxConcurrentRuns isOpConcurrencyAware }
          daemonHealth { allDaemonStatuses { daemonType required healthy } } } }
      """;

  private static final String SCHEDULES =
      """
      query($r: RepositorySelector!) {
        schedulesOrError(repositorySelector: $r) { __typename ... on Schedules { results {
          name cronSchedule pipelineName executionTimezone
          scheduleState { status } } } }
        sensorsOrError(repositorySelector: $r) { __typename ... on Sensors { results {
          name sensorState { status } } } }
      }
      """;

  @TestHTTPResource("/")
  URL root;

  @Inject GraphQLEngine engine;
  @Inject ObjectMapper json;
  @Inject EventLog events;
  @Inject MeterRegistry registry;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldAnswerRunsAndRunPagesAsGraphqlJavaDoesWhenTheFastPathRunsThem() throws Exception {
    String runId = launchWithEvents();

    Map<String, Object> logs = new HashMap<>();
    logs.put("runId", runId);
    logs.put("limit", 3);
    logs.put("withSteps", true);
    Map<String, Object> logsWithoutSteps = new HashMap<>(logs);
    logsWithoutSteps.put("withSteps", false);
    logsWithoutSteps.put("limit", null);
    Map<String, Object> missing = new HashMap<>(logs);
    missing.put("runId", "nope");

    assertSameAndFast(RUNS_PAGE, "RunsRoot", Map.of("limit", 50));
    assertSameAndFast(
        RUNS_PAGE, null, Map.of("filter", Map.of("statuses", List.of("QUEUED")), "limit", 2));
    assertSameAndFast(BENCH_PAGE, null, Map.of("limit", 50));
    assertSameAndFast(BENCH_PAGE, null, Map.of("cursor", "not-a-run", "limit", 5));
    assertSameAndFast(LOGS, "Logs", logs);
    assertSameAndFast(LOGS, "Logs", logsWithoutSteps);
    assertSameAndFast(LOGS, "Logs", missing);
    assertSameAndFast(BENCH_LOGS, null, Map.of("runId", runId, "limit", 1000));
    assertSameAndFast(RUN, null, Map.of("id", runId));
    assertSameAndFast(RUN, null, Map.of("id", "nope"));
    assertSameAndFast(
        document("dagster-client/get_run_status.graphql"), null, Map.of("runId", runId));
  }

  @Test
  void shouldAnswerEveryEventTypeAsGraphqlJavaDoesWhenTheFastPathRunsIt() throws Exception {
    String runId = launchWithEveryPayload();

    assertSameAndFast(EVERY_EVENT, "Every", Map.of("runId", runId));
  }

  @Test
  void shouldAnswerDefinitionQueriesAsGraphqlJavaDoesWhenTheFastPathRunsThem() throws Exception {
    Map<String, Object> selector = new HashMap<>();
    selector.put("repositoryLocationName", "test");
    selector.put("repositoryName", "__repository__");
    selector.put("pipelineName", "etl");
    Map<String, Object> repository =
        Map.of("repositoryLocationName", "test", "repositoryName", "__repository__");

    assertSameAndFast(WORKSPACE, null, null);
    assertSameAndFast(PIPELINE, null, Map.of("sel", selector));
    assertSameAndFast(ASSETS, null, null);
    assertSameAndFast(INSTANCE, null, null);
    assertSameAndFast(SCHEDULES, null, Map.of("r", repository));
    assertSameAndFast(document("dagster-client/get_job_names.graphql"), null, null);
  }

  @Test
  void shouldLeaveToGraphqlJavaWhatTheFastPathDoesNotSupport() throws Exception {
    assertSameAndDeclined("{ __schema { queryType { name } } }", null, null);
    assertSameAndDeclined("{ __type(name: \"Run\") { name } }", null, null);
    assertSameAndDeclined("{ runsOrError { nope } }", null, null);
    assertSameAndDeclined("query A { instance { id } } query B { instance { id } }", null, null);
    assertSameAndDeclined("query($id: ID!) { runOrError(runId: $id) { __typename } }", null, null);
    assertSameAndDeclined(
        "mutation { deletePipelineRun(runId: \"nope\") { __typename } }", null, null);
  }

  @Test
  void shouldRecordTheOperationWhenTheFastPathAnswers() throws Exception {
    String query = "query FastPathMetric { instance { id } }";
    engine.executeJson(json, query, null, null, false);

    assertThat(
            registry
                .find("pipewright.graphql.requests")
                .tags("operation", "FastPathMetric", "type", "query", "outcome", "success")
                .timer())
        .isNotNull()
        .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
  }

  private void assertSameAndFast(String query, String operation, Map<String, Object> variables)
      throws Exception {
    long[] before = engine.fastPathCounts();
    String fast = new String(engine.executeJson(json, query, operation, variables, false), UTF8);
    long[] after = engine.fastPathCounts();
    String slow = slow(query, operation, variables);

    assertThat(fast).isEqualTo(slow);
    assertThat(fast).doesNotContain("\"errors\"");
    assertThat(after[0] - before[0]).as("answered by the fast path: %s", query).isEqualTo(1);
  }

  private void assertSameAndDeclined(String query, String operation, Map<String, Object> variables)
      throws Exception {
    long[] before = engine.fastPathCounts();
    String answer = new String(engine.executeJson(json, query, operation, variables, false), UTF8);
    long[] after = engine.fastPathCounts();

    assertThat(answer).isEqualTo(slow(query, operation, variables));
    assertThat(after[0]).as("answered by the fast path: %s", query).isEqualTo(before[0]);
  }

  private String slow(String query, String operation, Map<String, Object> variables)
      throws Exception {
    return new String(
        ResultJson.write(json, engine.execute(query, operation, variables, false)), UTF8);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** A run of {@code etl} with host and step events of several types. */
  private String launchWithEvents() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit("hello", Map.of(), Map.of("team", "fast")));
    String runId = (String) at(data, "launchPipelineExecution.run.runId");
    Instant t0 = Instant.now();
    List<EventRecord> records = new ArrayList<>();
    records.add(event(runId, null, 1, t0, DagsterEventType.RUN_START, "Started.", null));
    records.add(event(runId, "extract", 0, t0, DagsterEventType.STEP_START, "Started.", null));
    records.add(event(runId, "extract", 1, t0, DagsterEventType.STEP_OUTPUT, "Output.", null));
    records.add(
        event(
            runId,
            "extract",
            2,
            t0,
            DagsterEventType.ASSET_MATERIALIZATION,
            "Materialized.",
            new MaterializationPayload(AssetKeySnapshot.of("fast_path"), "made", List.of(), "p1")));
    records.add(event(runId, "extract", 3, t0, DagsterEventType.STEP_SUCCESS, "Done.", null));
    records.add(event(runId, null, 2, t0, DagsterEventType.ENGINE_EVENT, "Engine.", null));
    events.append(records).await().atMost(Duration.ofSeconds(10));
    return runId;
  }

  /** A run of {@code hello} with an event of every payload the views show differently. */
  private String launchWithEveryPayload() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit("hello", Map.of(), Map.of("team", "fast")));
    String runId = (String) at(data, "launchPipelineExecution.run.runId");
    Instant t0 = Instant.now();
    AssetKeySnapshot asset = AssetKeySnapshot.of("fast", "every");
    List<MetadataEntrySnapshot> metadata =
        List.of(
            new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(42)),
            new MetadataEntrySnapshot("note", new MetadataValueSnapshot.Text("fine")));
    ErrorSnapshot error = ErrorSnapshot.of("ValueError", "bad value");
    TypeCheckSnapshot check = new TypeCheckSnapshot(true, "an int", metadata);
    List<Object[]> made =
        List.of(
            new Object[] {DagsterEventType.LOG_MESSAGE, null},
            new Object[] {
              DagsterEventType.STEP_FAILURE,
              new StepFailurePayload(
                  error, StepFailurePayload.ErrorSource.USER_CODE_ERROR, metadata)
            },
            new Object[] {DagsterEventType.STEP_UP_FOR_RETRY, new StepRetryPayload(error, 2, 1.5)},
            new Object[] {DagsterEventType.STEP_INPUT, new StepInputPayload("numbers", check)},
            new Object[] {
              DagsterEventType.STEP_OUTPUT, new StepOutputPayload("result", null, check, metadata)
            },
            new Object[] {
              DagsterEventType.LOADED_INPUT,
              new LoadedInputPayload("numbers", "io_manager", "extract", "result", metadata)
            },
            new Object[] {
              DagsterEventType.HANDLED_OUTPUT,
              new HandledOutputPayload("result", "io_manager", metadata)
            },
            new Object[] {
              DagsterEventType.ASSET_MATERIALIZATION,
              new MaterializationPayload(asset, "made", metadata, "p1")
            },
            new Object[] {
              DagsterEventType.ASSET_OBSERVATION,
              new ObservationPayload(asset, "seen", metadata, null)
            },
            new Object[] {
              DagsterEventType.ASSET_MATERIALIZATION_PLANNED,
              new MaterializationPlannedPayload(asset, "p1")
            },
            new Object[] {
              DagsterEventType.STEP_EXPECTATION_RESULT,
              new ExpectationPayload(false, "non_empty", "rows > 0", metadata)
            },
            new Object[] {
              DagsterEventType.ASSET_CHECK_EVALUATION,
              new AssetCheckEvaluationPayload(
                  asset,
                  "fresh",
                  false,
                  AssetCheckEvaluationPayload.Severity.WARN,
                  false,
                  "stale",
                  metadata,
                  "p1")
            },
            new Object[] {DagsterEventType.ASSET_FAILED_TO_MATERIALIZE, null},
            new Object[] {DagsterEventType.ENGINE_EVENT, new EnginePayload(metadata, error)});
    List<EventRecord> records = new ArrayList<>();
    for (int i = 0; i < made.size(); i++) {
      DagsterEventType type = (DagsterEventType) made.get(i)[0];
      io.pipewright.core.event.EventPayload payload =
          (io.pipewright.core.event.EventPayload) made.get(i)[1];
      String step = type == DagsterEventType.ENGINE_EVENT ? null : "extract";
      records.add(event(runId, step, i, t0, type, "Event " + type + ".", payload));
    }
    events.append(records).await().atMost(Duration.ofSeconds(10));
    return runId;
  }

  private static EventRecord event(
      String runId,
      String step,
      long sequence,
      Instant at,
      DagsterEventType type,
      String message,
      io.pipewright.core.event.EventPayload payload) {
    return new EventRecord(
        runId, step, step == null ? 0 : 1, sequence, at, type, EventLevel.INFO, message, payload);
  }
}
