package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.snapshot.AssetKeySnapshot;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The asset mutations: wiping, runless events, dynamic partitions, and their errors as data. */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class AssetMutationsTest {

  private static final String WIPE =
      """
      mutation($ranges: [PartitionsByAssetSelector!]!) {
        wipeAssets(assetPartitionRanges: $ranges) {
          __typename
          ... on AssetWipeSuccess { assetPartitionRanges { assetKey { path } partitionRange { start } } }
          ... on AssetNotFoundError { message }
          ... on UnsupportedOperationError { message }
          ... on PythonError { message }
        }
      }
      """;

  private static final String REPORT =
      """
      mutation($params: ReportRunlessAssetEventsParams!) {
        reportRunlessAssetEvents(eventParams: $params) {
          __typename
          ... on ReportRunlessAssetEventsSuccess { assetKey { path } }
          ... on PythonError { message className }
        }
      }
      """;

  private static final String ADD =
      """
      mutation($key: String!, $def: String!, $repo: RepositorySelector!) {
        addDynamicPartition(partitionKey: $key, partitionsDefName: $def, repositorySelector: $repo) {
          __typename
          ... on AddDynamicPartitionSuccess { partitionsDefName partitionKey }
          ... on DuplicateDynamicPartitionError { message partitionsDefName partitionName }
          ... on PythonError { message }
        }
      }
      """;

  private static final String DELETE =
      """
      mutation($keys: [String!]!, $def: String!, $repo: RepositorySelector!, $wipe: Boolean) {
        deleteDynamicPartitions(partitionKeys: $keys, partitionsDefName: $def,
            repositorySelector: $repo, wipeMaterializations: $wipe) {
          __typename
          ... on DeleteDynamicPartitionsSuccess { partitionsDefName }
          ... on UnsupportedOperationError { message }
          ... on PythonError { message }
        }
      }
      """;

  private static final Map<String, Object> REPO =
      Map.of("repositoryLocationName", "test", "repositoryName", "__repository__");

  @TestHTTPResource("/")
  URL root;

  @Inject EventLog events;

  private Gql gql;

  @BeforeEach
  void awaitWorkspace() {
    gql = new Gql(root);
    gql.awaitTestLocationLoaded();
  }

  @Test
  void shouldForgetAnAssetButKeepItsRunsEventsWhenWiped() {
    AssetKeySnapshot key = AssetKeySnapshot.of("wipe", unique());
    String run = UUID.randomUUID().toString();
    events
        .append(
            List.of(
                new EventRecord(
                    run,
                    "step",
                    1,
                    0,
                    Instant.now(),
                    DagsterEventType.ASSET_MATERIALIZATION,
                    EventLevel.INFO,
                    "made",
                    new MaterializationPayload(key, null, List.of(), null))))
        .await()
        .atMost(Duration.ofSeconds(10));

    Map<String, Object> wiped = gql.data(WIPE, Map.of("ranges", List.of(range(key))));

    assertThat(at(wiped, "wipeAssets.__typename")).isEqualTo("AssetWipeSuccess");
    assertThat(at(wiped, "wipeAssets.assetPartitionRanges.0.assetKey.path")).isEqualTo(key.path());
    assertThat(at(wiped, "wipeAssets.assetPartitionRanges.0.partitionRange")).isNull();
    assertThat(typeOf(key)).isEqualTo("AssetNotFoundError");
    assertThat(events.eventsForRun(run, 0, 10).await().atMost(Duration.ofSeconds(10)).events())
        .hasSize(1);
  }

  @Test
  void shouldAnswerErrorsAsDataWhenAWipeCannotBeDone() {
    AssetKeySnapshot unknown = AssetKeySnapshot.of("wipe", unique());
    Map<String, Object> notFound = gql.data(WIPE, Map.of("ranges", List.of(range(unknown))));
    assertThat(at(notFound, "wipeAssets.__typename")).isEqualTo("AssetNotFoundError");
    assertThat((String) at(notFound, "wipeAssets.message")).contains(unknown.toUserString());

    Map<String, Object> partial = new HashMap<>(range(AssetKeySnapshot.of("summary")));
    partial.put("partitions", Map.of("range", Map.of("start", "a", "end", "b")));
    Map<String, Object> unsupported = gql.data(WIPE, Map.of("ranges", List.of(partial)));
    assertThat(at(unsupported, "wipeAssets.__typename")).isEqualTo("UnsupportedOperationError");

    Map<String, Object> blank =
        gql.data(WIPE, Map.of("ranges", List.of(Map.of("assetKey", Map.of("path", List.of(" "))))));
    assertThat(at(blank, "wipeAssets.__typename")).isEqualTo("PythonError");
    assertThat((String) at(blank, "wipeAssets.message")).contains("blank");
  }

  @Test
  void shouldStoreMaterializationsWithoutARunWhenReported() {
    AssetKeySnapshot key = AssetKeySnapshot.of("external", unique());

    Map<String, Object> reported =
        gql.data(
            REPORT,
            Map.of(
                "params",
                Map.of(
                    "eventType",
                    "ASSET_MATERIALIZATION",
                    "assetKey",
                    Map.of("path", key.path()),
                    "partitionKeys",
                    List.of("x", "y"),
                    "description",
                    "loaded by hand")));

    assertThat(at(reported, "reportRunlessAssetEvents.__typename"))
        .isEqualTo("ReportRunlessAssetEventsSuccess");
    assertThat(at(reported, "reportRunlessAssetEvents.assetKey.path")).isEqualTo(key.path());
    Map<String, Object> asset =
        gql.data(
            "query($k: AssetKeyInput!) { assetOrError(assetKey: $k) { ... on Asset {"
                + " assetMaterializations { runId partition description } } } }",
            Map.of("k", Map.of("path", key.path())));
    assertThat(Gql.list(at(asset, "assetOrError.assetMaterializations")))
        .extracting(m -> at(m, "runId") + "/" + at(m, "partition") + "/" + at(m, "description"))
        .containsExactlyInAnyOrder("__runless__/x/loaded by hand", "__runless__/y/loaded by hand");
  }

  @Test
  void shouldStoreAnObservationOfADefinedAssetWhenReported() {
    Map<String, Object> reported =
        gql.data(
            REPORT,
            Map.of(
                "params",
                Map.of(
                    "eventType",
                    "ASSET_OBSERVATION",
                    "assetKey",
                    Map.of("path", List.of("summary")))));

    assertThat(at(reported, "reportRunlessAssetEvents.__typename"))
        .isEqualTo("ReportRunlessAssetEventsSuccess");
    Map<String, Object> node =
        gql.data(
            "{ assetNodeOrError(assetKey: {path: [\"summary\"]}) { ... on AssetNode {"
                + " assetObservations(limit: 1) { runId } } } }",
            null);
    assertThat(at(node, "assetNodeOrError.assetObservations.0.runId")).isEqualTo("__runless__");
  }

  @Test
  void shouldRefuseARunlessEventForPartitionsTheAssetDoesNotHave() {
    Map<String, Object> unknownPartition =
        gql.data(
            REPORT,
            Map.of(
                "params",
                Map.of(
                    "eventType", "ASSET_MATERIALIZATION",
                    "assetKey", Map.of("path", List.of("raw", "numbers")),
                    "partitionKeys", List.of("a", "zzz"))));
    assertThat(at(unknownPartition, "reportRunlessAssetEvents.__typename"))
        .isEqualTo("PythonError");
    assertThat((String) at(unknownPartition, "reportRunlessAssetEvents.message"))
        .contains("has no partitions [zzz]");

    Map<String, Object> missingPartition =
        gql.data(
            REPORT,
            Map.of(
                "params",
                Map.of(
                    "eventType",
                    "ASSET_MATERIALIZATION",
                    "assetKey",
                    Map.of("path", List.of("raw", "numbers")))));
    assertThat((String) at(missingPartition, "reportRunlessAssetEvents.message"))
        .contains("is partitioned; give the partitionKeys");
  }

  @Test
  void shouldAddListAndDeleteDynamicPartitionsWhenTheDefinitionIsDynamic() {
    String tenant = unique();
    Map<String, Object> vars = Map.of("key", tenant, "def", "tenants", "repo", REPO);

    Map<String, Object> added = gql.data(ADD, vars);
    assertThat(at(added, "addDynamicPartition.__typename")).isEqualTo("AddDynamicPartitionSuccess");
    assertThat(at(added, "addDynamicPartition.partitionKey")).isEqualTo(tenant);
    Map<String, Object> again = gql.data(ADD, vars);
    assertThat(at(again, "addDynamicPartition.__typename"))
        .isEqualTo("DuplicateDynamicPartitionError");
    assertThat(at(again, "addDynamicPartition.partitionName")).isEqualTo(tenant);
    assertThat(partitionKeysOfTenantReport()).contains(tenant);

    Map<String, Object> deleted =
        gql.data(DELETE, Map.of("keys", List.of(tenant), "def", "tenants", "repo", REPO));
    assertThat(at(deleted, "deleteDynamicPartitions.__typename"))
        .isEqualTo("DeleteDynamicPartitionsSuccess");
    assertThat(partitionKeysOfTenantReport()).doesNotContain(tenant);
  }

  @Test
  void shouldAnswerErrorsAsDataWhenADynamicPartitionsDefinitionCannotBeUsed() {
    Map<String, Object> unknownDef = gql.data(ADD, Map.of("key", "k", "def", "nope", "repo", REPO));
    assertThat(at(unknownDef, "addDynamicPartition.__typename")).isEqualTo("PythonError");
    assertThat((String) at(unknownDef, "addDynamicPartition.message"))
        .contains("No dynamic partitions definition named nope")
        .contains("[tenants]");

    Map<String, Object> down =
        gql.data(
            ADD,
            Map.of(
                "key", "k",
                "def", "tenants",
                "repo",
                    Map.of(
                        "repositoryLocationName", "nowhere", "repositoryName", "__repository__")));
    assertThat((String) at(down, "addDynamicPartition.message"))
        .contains("Location nowhere does not exist");

    Map<String, Object> badKey =
        gql.data(ADD, Map.of("key", "a\nb", "def", "tenants", "repo", REPO));
    assertThat(at(badKey, "addDynamicPartition.__typename")).isEqualTo("PythonError");

    Map<String, Object> wipe =
        gql.data(
            DELETE, Map.of("keys", List.of("k"), "def", "tenants", "repo", REPO, "wipe", true));
    assertThat(at(wipe, "deleteDynamicPartitions.__typename"))
        .isEqualTo("UnsupportedOperationError");
  }

  private List<Object> partitionKeysOfTenantReport() {
    return Gql.list(
        at(
            gql.data(
                "{ assetNodes(assetKeys: [{path: [\"tenant_report\"]}]) { partitionKeys } }", null),
            "assetNodes.0.partitionKeys"));
  }

  private String typeOf(AssetKeySnapshot key) {
    return (String)
        at(
            gql.data(
                "query($k: AssetKeyInput!) { assetOrError(assetKey: $k) { __typename } }",
                Map.of("k", Map.of("path", key.path()))),
            "assetOrError.__typename");
  }

  private static Map<String, Object> range(AssetKeySnapshot key) {
    return Map.of("assetKey", Map.of("path", key.path()));
  }

  private static String unique() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }
}
