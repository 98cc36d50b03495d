package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static io.pipewright.webserver.graphql.Gql.document;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.webserver.graphql.view.AssetPartitionViews;
import io.pipewright.webserver.graphql.view.AssetPartitionViews.PartitionStatuses;
import io.pipewright.webserver.graphql.view.AssetPartitionViews.Planned;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status of each partition of an asset, from its materializations, its planned materializations
 * and the runs that planned them, read from the real stores.
 */
@QuarkusTest
@TestProfile(InstigationDefinitions.Profile.class)
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class AssetPartitionStatusTest {

  private static final List<String> KEYS = List.of("north", "south", "east", "west", "up");

  @TestHTTPResource("/")
  URL root;

  @Inject AssetPartitionViews views;

  @Inject EventLog events;

  @Inject RunStore runs;

  @Test
  void shouldLetTheLatestAttemptWinOverAnOlderMaterializationWhenDeciding() {
    PartitionStatuses statuses =
        PartitionStatuses.of(
            KEYS,
            Map.of("north", 10L, "south", 10L, "east", 30L),
            Map.of(
                "south", new Planned(20L, RunStatus.FAILURE),
                "east", new Planned(20L, RunStatus.FAILURE),
                "west", new Planned(25L, RunStatus.STARTED),
                "up", new Planned(26L, RunStatus.CANCELED)));

    assertThat(statuses.materialized()).containsExactly("north", "east");
    assertThat(statuses.failed()).containsExactly("south");
    assertThat(statuses.materializing()).containsExactly("west");
    assertThat(statuses.missing()).containsExactly("up");
    assertThat(AssetPartitionViews.partitionStats(statuses).peek("numPartitions")).isEqualTo(5);
    assertThat(AssetPartitionViews.partitionStats(statuses).peek("numFailed")).isEqualTo(1);
    assertThat(
            AssetPartitionViews.defaultPartitionStatuses(statuses).peek("unmaterializedPartitions"))
        .isEqualTo(List.of("up"));
  }

  @Test
  void shouldReadMaterializedFailedMaterializingAndMissingPartitionsFromTheStores() {
    Gql gql = new Gql(root);
    gql.awaitTestLocationLoaded();
    AssetKeySnapshot asset = AssetKeySnapshot.of("status_test", Long.toString(System.nanoTime()));
    String done = launchHello(gql);
    String failed = launchHello(gql);
    String running = launchHello(gql);
    // north materialized; south planned in a run that failed; east planned in a queued run.
    append(done, planned(asset, "north"), materialized(asset, "north"));
    append(failed, planned(asset, "south"));
    append(running, planned(asset, "east"));
    for (RunStatus next : List.of(RunStatus.STARTING, RunStatus.STARTED, RunStatus.FAILURE)) {
      RunStatus current = Await.of(runs.find(failed)).orElseThrow().status();
      Await.of(runs.transition(failed, current, next, Instant.now()));
    }

    PartitionStatuses statuses = views.statuses(asset, List.of("north", "south", "east", "west"));

    assertThat(statuses.materialized()).containsExactly("north");
    assertThat(statuses.failed()).containsExactly("south");
    assertThat(statuses.materializing()).containsExactly("east");
    assertThat(statuses.missing()).containsExactly("west");
  }

  private static EventRecord planned(AssetKeySnapshot asset, String partition) {
    return event(
        DagsterEventType.ASSET_MATERIALIZATION_PLANNED,
        new MaterializationPlannedPayload(asset, partition));
  }

  private static EventRecord materialized(AssetKeySnapshot asset, String partition) {
    return event(
        DagsterEventType.ASSET_MATERIALIZATION,
        new MaterializationPayload(asset, null, List.of(), partition));
  }

  private static EventRecord event(
      DagsterEventType type, io.pipewright.core.event.EventPayload payload) {
    return new EventRecord(
        "placeholder", "op", 1, 0, Instant.now(), type, EventLevel.INFO, "", payload);
  }

  private void append(String runId, EventRecord... records) {
    List<EventRecord> withRun = new ArrayList<>();
    long sequence = 0;
    for (EventRecord r : records) {
      withRun.add(
          new EventRecord(
              runId,
              r.stepKey(),
              r.attempt(),
              sequence++,
              r.timestamp(),
              r.type(),
              r.level(),
              r.message(),
              r.payload()));
    }
    Await.of(events.append(withRun));
  }

  private static String launchHello(Gql gql) {
    Map<String, Object> data =
        gql.data(
            document("dagster-client/submit_job_execution.graphql"),
            DagsterClientDocumentsTest.submit("hello", Map.of(), Map.of()));
    return (String) at(data, "launchPipelineExecution.run.runId");
  }
}
