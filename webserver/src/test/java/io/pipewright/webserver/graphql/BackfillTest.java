package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static io.pipewright.webserver.graphql.Gql.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.testlocation.InstigationDefinitions;
import io.pipewright.webserver.testlocation.TestLocationPorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfills over GraphQL: launching over a job's partition set or over assets (names, all, ranges)
 * checked against the code location's partition keys, the status of each partition from its run,
 * listing, cancel and resume, and every error as data.
 */
@QuarkusTest
@TestProfile(InstigationDefinitions.Profile.class)
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class BackfillTest {

  private static final String LAUNCH =
      "mutation($p: LaunchBackfillParams!) { launchPartitionBackfill(backfillParams: $p) {"
          + " __typename ... on LaunchBackfillSuccess { backfillId launchedRunIds }"
          + " ... on PartitionKeysNotFoundError { message partitionKeys }"
          + " ... on PartitionSetNotFoundError { message partitionSetName }"
          + " ... on PythonError { message className } } }";

  private static final String BACKFILL =
      "query($id: String!) { partitionBackfillOrError(backfillId: $id) { __typename"
          + " ... on PartitionBackfill { id status runStatus numPartitions partitionNames"
          + " partitionSetName jobName isAssetBackfill fromFailure numCancelable timestamp"
          + " assetSelection { path } tags { key value }"
          + " partitionStatuses { results { partitionName runId runStatus } }"
          + " partitionStatusCounts { runStatus count } runs { runId } unfinishedRuns { runId } }"
          + " ... on BackfillNotFoundError { message backfillId } } }";

  @TestHTTPResource("/")
  URL root;

  @Inject BackfillStore backfills;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldStoreARequestedBackfillOfTheNamedPartitionsWhenLaunchedOnAPartitionSet() {
    Map<String, Object> params = jobParams("regions_job_partition_set");
    params.put("partitionNames", List.of("north", "east", "north"));
    params.put("fromFailure", true);
    params.put("tags", List.of(Map.of("key", "team", "value", "sales")));

    Object launched = launch(params);
    String id = (String) at(launched, "backfillId");
    Object backfill = backfill(id);

    assertThat(at(launched, "__typename")).isEqualTo("LaunchBackfillSuccess");
    assertThat(id).matches("[a-z]{8}");
    assertThat(at(launched, "launchedRunIds")).isEqualTo(List.of());
    assertThat(at(backfill, "status")).isEqualTo("REQUESTED");
    assertThat(at(backfill, "runStatus")).isEqualTo("STARTED");
    assertThat(at(backfill, "numPartitions")).isEqualTo(2);
    assertThat(at(backfill, "partitionNames")).isEqualTo(List.of("north", "east"));
    assertThat(at(backfill, "partitionSetName")).isEqualTo("regions_job_partition_set");
    assertThat(at(backfill, "jobName")).isEqualTo("regions_job");
    assertThat(at(backfill, "isAssetBackfill")).isEqualTo(false);
    assertThat(at(backfill, "fromFailure")).isEqualTo(true);
    assertThat(at(backfill, "numCancelable")).isEqualTo(2);
    assertThat(Gql.list(at(backfill, "tags")))
        .containsExactly(Map.of("key", "team", "value", "sales"));
    assertThat(at(backfill, "partitionStatuses.results.0.runId")).isNull();
    assertThat(Gql.list(at(backfill, "partitionStatusCounts")))
        .containsExactly(Map.of("runStatus", "NOT_STARTED", "count", 2));
    Backfill stored = Await.of(backfills.find(id)).orElseThrow();
    assertThat(stored.status()).isEqualTo(BackfillStatus.REQUESTED);
    assertThat(stored.codeLocation()).isEqualTo("test");
    assertThat(stored.tags()).isEqualTo(Map.of("team", "sales"));
  }

  @Test
  void shouldBackfillAllPartitionsOrARangeOfAssetsWhenAsked() {
    Map<String, Object> all = jobParams("regions_job");
    all.put("allPartitions", true);
    Map<String, Object> range = new HashMap<>();
    range.put(
        "partitionsByAssets",
        List.of(
            Map.of(
                "assetKey",
                Map.of("path", List.of("region_sales")),
                "partitions",
                Map.of("range", Map.of("start", "south", "end", "west")))));
    Map<String, Object> assets = new HashMap<>();
    assets.put("assetSelection", List.of(Map.of("path", List.of("region_sales"))));
    assets.put("allPartitions", true);

    Object allBackfill = backfill((String) at(launch(all), "backfillId"));
    Object rangeBackfill = backfill((String) at(launch(range), "backfillId"));
    Object assetBackfill = backfill((String) at(launch(assets), "backfillId"));

    assertThat(at(allBackfill, "partitionNames"))
        .isEqualTo(List.of("north", "south", "east", "west"));
    assertThat(at(rangeBackfill, "partitionNames")).isEqualTo(List.of("south", "east", "west"));
    assertThat(at(rangeBackfill, "isAssetBackfill")).isEqualTo(true);
    assertThat(at(rangeBackfill, "assetSelection.0.path")).isEqualTo(List.of("region_sales"));
    assertThat(at(rangeBackfill, "partitionSetName")).isNull();
    assertThat(at(assetBackfill, "numPartitions")).isEqualTo(4);
  }

  @Test
  void shouldAnswerUnknownPartitionsSetsAndLocationsAsData() {
    Map<String, Object> unknownPartition = jobParams("regions_job_partition_set");
    unknownPartition.put("partitionNames", List.of("north", "atlantis"));
    Map<String, Object> unknownSet = jobParams("nothing_partition_set");
    unknownSet.put("allPartitions", true);
    Map<String, Object> unpartitioned = jobParams("hello_partition_set");
    unpartitioned.put("allPartitions", true);
    Map<String, Object> down = jobParams("regions_job_partition_set");
    down.put("allPartitions", true);
    ((Map<String, Object>) ((Map<String, Object>) down.get("selector")).get("repositorySelector"))
        .put("repositoryLocationName", "down");
    Map<String, Object> noChoice = jobParams("regions_job_partition_set");

    Object partition = launch(unknownPartition);
    Object set = launch(unknownSet);
    Object plain = launch(unpartitioned);
    Object downResult = launch(down);
    Object none = launch(noChoice);

    assertThat(at(partition, "__typename")).isEqualTo("PartitionKeysNotFoundError");
    assertThat(at(partition, "partitionKeys")).isEqualTo(List.of("atlantis"));
    assertThat((String) at(partition, "message"))
        .contains("Partition atlantis does not exist in job 'regions_job'")
        .contains("north, south, east, west");
    assertThat(at(set, "__typename")).isEqualTo("PartitionSetNotFoundError");
    assertThat((String) at(set, "message")).contains("has no job 'nothing'");
    assertThat(at(plain, "__typename")).isEqualTo("PartitionSetNotFoundError");
    assertThat((String) at(plain, "message")).contains("job 'hello' is not partitioned");
    assertThat(at(downResult, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(downResult, "message")).contains("Code location 'down' is not loaded");
    assertThat(at(none, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(none, "message")).contains("must choose the partitions");
  }

  @Test
  void shouldShowEachPartitionsRunAndItsStatusWhenTheDaemonHasLaunchedSome() {
    Map<String, Object> params = jobParams("regions_job_partition_set");
    params.put("partitionNames", List.of("north", "south"));
    String id = (String) at(launch(params), "backfillId");
    String runId = launchHello();
    Await.of(
        backfills.update(
            id,
            b ->
                b.withPartitions(
                    List.of(
                        new BackfillPartition(
                            "north", BackfillPartitionStatus.REQUESTED, runId)))));

    Object backfill = backfill(id);

    assertThat(Gql.list(at(backfill, "partitionStatuses.results")))
        .containsExactly(
            Map.of("partitionName", "north", "runId", runId, "runStatus", "QUEUED"),
            nullRun("south"));
    assertThat(Gql.list(at(backfill, "partitionStatusCounts")))
        .containsExactlyInAnyOrder(
            Map.of("runStatus", "QUEUED", "count", 1),
            Map.of("runStatus", "NOT_STARTED", "count", 1));
    assertThat(at(backfill, "runs.0.runId")).isEqualTo(runId);
    assertThat(at(backfill, "unfinishedRuns.0.runId")).isEqualTo(runId);
  }

  @Test
  void shouldResumeAFailedBackfillWhenAsked() {
    Map<String, Object> params = jobParams("regions_job");
    params.put("partitionNames", List.of("west"));
    String id = (String) at(launch(params), "backfillId");
    // As the daemon fails a backfill whose job disappeared.
    Await.of(
        backfills.update(
            id,
            b ->
                b.withStatus(
                    BackfillStatus.FAILED,
                    ErrorSnapshot.of("JobNotFound", "job regions_job is gone"),
                    Instant.now())));

    Object resumed = resume(id);
    Backfill stored = Await.of(backfills.find(id)).orElseThrow();
    Object resumedAgain = resume(id);

    assertThat(at(resumed, "__typename")).isEqualTo("ResumeBackfillSuccess");
    assertThat(at(resumed, "backfillId")).isEqualTo(id);
    assertThat(stored.status()).isEqualTo(BackfillStatus.REQUESTED);
    assertThat(stored.error()).isNull();
    assertThat(stored.endTime()).isNull();
    assertThat(at(resumedAgain, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(resumedAgain, "message")).contains("nothing to resume");
  }

  @Test
  void shouldCancelAndRefuseToResumeOrCancelAgainWhenTheLifecycleForbidsIt() {
    Map<String, Object> params = jobParams("regions_job");
    params.put("partitionNames", List.of("west"));
    String id = (String) at(launch(params), "backfillId");

    Object resumeRunning = resume(id);
    Object canceled = cancel(id);
    Object canceledAgain = cancel(id);
    String status = (String) at(backfill(id), "status");
    Await.of(backfills.update(id, b -> b.withStatus(BackfillStatus.CANCELED, Instant.now())));
    Object cancelFinished = cancel(id);
    Object resumeFinished = resume(id);
    Object cancelUnknown = cancel("nosuchid");
    Object unknown = backfill("nosuchid");

    assertThat(at(resumeRunning, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(resumeRunning, "message")).contains("nothing to resume");
    assertThat(at(canceled, "__typename")).isEqualTo("CancelBackfillSuccess");
    assertThat(at(canceled, "backfillId")).isEqualTo(id);
    assertThat(at(canceledAgain, "__typename")).isEqualTo("CancelBackfillSuccess");
    assertThat(status).isEqualTo("CANCELING");
    assertThat(at(cancelFinished, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(cancelFinished, "message"))
        .contains("cannot be canceled")
        .contains("CANCELED is terminal");
    assertThat(at(resumeFinished, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(resumeFinished, "message")).contains("cannot be resumed");
    assertThat((String) at(cancelUnknown, "message")).contains("Backfill nosuchid not found");
    assertThat(at(unknown, "__typename")).isEqualTo("BackfillNotFoundError");
    assertThat(at(unknown, "backfillId")).isEqualTo("nosuchid");
  }

  @Test
  void shouldListBackfillsNewestFirstByStatusAndCursor() {
    Map<String, Object> params = jobParams("regions_job");
    params.put("partitionNames", List.of("east"));
    String first = (String) at(launch(params), "backfillId");
    String second = (String) at(launch(params), "backfillId");
    cancel(second);
    String list =
        "query($cursor: String) { partitionBackfillsOrError(cursor: $cursor, limit: 1) {"
            + " __typename ... on PartitionBackfills { results { id status } }"
            + " ... on PythonError { message } } }";
    Map<String, Object> firstPage = new HashMap<>();
    firstPage.put("cursor", null);

    Object page = gql.data(list, firstPage).get("partitionBackfillsOrError");
    Object next = gql.data(list, Map.of("cursor", second)).get("partitionBackfillsOrError");
    Object canceling =
        gql.data(
                "{ partitionBackfillsOrError(status: CANCELING) { ... on PartitionBackfills {"
                    + " results { id } } } }",
                null)
            .get("partitionBackfillsOrError");
    Object badCursor =
        gql.data(list, Map.of("cursor", "nosuchid")).get("partitionBackfillsOrError");

    assertThat(at(page, "results.0.id")).isEqualTo(second);
    assertThat(at(next, "results.0.id")).isEqualTo(first);
    assertThat(Gql.list(at(canceling, "results")))
        .extracting(b -> at(b, "id"))
        .contains(second)
        .doesNotContain(first);
    assertThat(at(badCursor, "__typename")).isEqualTo("PythonError");
    assertThat((String) at(badCursor, "message")).contains("cursor 'nosuchid' is not the id");
  }

  private static Map<String, Object> nullRun(String partition) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("partitionName", partition);
    entry.put("runId", null);
    entry.put("runStatus", null);
    return entry;
  }

  private static Map<String, Object> jobParams(String partitionSet) {
    Map<String, Object> repository = new HashMap<>();
    repository.put("repositoryLocationName", "test");
    repository.put("repositoryName", "__repository__");
    Map<String, Object> selector = new HashMap<>();
    selector.put("partitionSetName", partitionSet);
    selector.put("repositorySelector", repository);
    Map<String, Object> params = new HashMap<>();
    params.put("selector", selector);
    return params;
  }

  private Object launch(Map<String, Object> params) {
    return gql.data(LAUNCH, Map.of("p", params)).get("launchPartitionBackfill");
  }

  private Object backfill(String id) {
    return gql.data(BACKFILL, Map.of("id", id)).get("partitionBackfillOrError");
  }

  private Object cancel(String id) {
    return gql.data(
            "mutation($id: String!) { cancelPartitionBackfill(backfillId: $id) { __typename"
                + " ... on CancelBackfillSuccess { backfillId } ... on PythonError { message } } }",
            Map.of("id", id))
        .get("cancelPartitionBackfill");
  }

  private Object resume(String id) {
    return gql.data(
            "mutation($id: String!) { resumePartitionBackfill(backfillId: $id) { __typename"
                + " ... on ResumeBackfillSuccess { backfillId } ... on PythonError { message } } }",
            Map.of("id", id))
        .get("resumePartitionBackfill");
  }

  private String launchHello() {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit("hello", Map.of(), Map.of()));
    assertThat(at(data, "launchPipelineExecution.__typename")).isEqualTo("LaunchRunSuccess");
    return (String) at(data, "launchPipelineExecution.run.runId");
  }
}
