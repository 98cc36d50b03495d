package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.ObservationPayload;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asset queries: definitions of the test location ({@code assetNodes}, {@code
 * assetNodeOrError}), the catalog ({@code assetOrError}, {@code assetsOrError}) with events stored
 * in PostgreSQL, asset checks, and their errors.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class AssetQueriesTest {

  private static final String NODES =
      """
      query($group: AssetGroupSelector, $pipeline: PipelineSelector, $keys: [AssetKeyInput!]) {
        assetNodes(group: $group, pipeline: $pipeline, assetKeys: $keys) {
          id assetKey { path } groupName description opName opNames jobNames kinds computeKind
          owners { __typename ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
          tags { key value }
          isPartitioned isMaterializable isObservable isExecutable
          partitionDefinition { type name description dimensionTypes { type name } }
          partitionKeys
          partitionStats { numPartitions numMaterialized }
          assetPartitionStatuses { __typename ... on DefaultPartitionStatuses {
            materializedPartitions materializingPartitions unmaterializedPartitions
            failedPartitions } }
          dependencyKeys { path } dependedByKeys { path }
          dependencies { asset { assetKey { path } } }
          dependedBy { asset { assetKey { path } } }
          jobs { name }
          repository { name location { name } }
          hasAssetChecks
        }
      }
      """;

  private static final String ASSET =
      """
      query($key: AssetKeyInput!, $partitions: [String!], $before: String, $limit: Int) {
        assetOrError(assetKey: $key) {
          __typename
          ... on Asset {
            id key { path } latestMaterializationTimestamp latestEventSortKey hasDefinitionOrRecord
            assetMaterializations(partitions: $partitions, beforeTimestampMillis: $before, limit: $limit) {
              runId partition timestamp description assetKey { path } eventType
              runOrError { __typename }
            }
            assetObservations { runId partition }
            definition { assetKey { path } groupName }
          }
          ... on AssetNotFoundError { message }
        }
      }
      """;

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
  void shouldDescribeTheTestLocationsAssetsWhenAssetNodesIsQueried() {
    Map<String, Object> numbers = node(Map.of("keys", List.of(key("raw", "numbers"))));

    assertThat(at(numbers, "id")).isEqualTo("test.__repository__.[\"raw\", \"numbers\"]");
    assertThat(at(numbers, "groupName")).isEqualTo("raw");
    assertThat(at(numbers, "description")).isEqualTo("Numbers per letter.");
    assertThat(at(numbers, "opName")).isEqualTo("raw__numbers");
    assertThat(Gql.list(at(numbers, "jobNames"))).contains("numbers_job");
    assertThat(Gql.list(at(numbers, "jobs")))
        .extracting(j -> at(j, "name"))
        .contains("numbers_job");
    assertThat(at(numbers, "computeKind")).isEqualTo("java");
    assertThat(Gql.list(at(numbers, "owners")))
        .extracting(o -> at(o, "__typename") + ":" + at(o, "team") + at(o, "email"))
        .containsExactlyInAnyOrder("TeamAssetOwner:datanull", "UserAssetOwner:nullann@example.com");
    assertThat(Gql.list(at(numbers, "tags"))).contains(Map.of("key", "tier", "value", "bronze"));
    assertThat(at(numbers, "isPartitioned")).isEqualTo(true);
    assertThat(at(numbers, "isMaterializable")).isEqualTo(true);
    assertThat(at(numbers, "partitionDefinition.type")).isEqualTo("STATIC");
    assertThat(at(numbers, "partitionDefinition.description")).isEqualTo("'a', 'b', 'c'");
    assertThat(Gql.list(at(numbers, "partitionKeys"))).containsExactly("a", "b", "c");
    assertThat(at(numbers, "partitionStats.numPartitions")).isEqualTo(3);
    // Other tests may materialize partitions first: every key is in exactly one of the four.
    List<Object> everyStatus = new java.util.ArrayList<>();
    for (String status : List.of("materialized", "materializing", "unmaterialized", "failed")) {
      everyStatus.addAll(Gql.list(at(numbers, "assetPartitionStatuses." + status + "Partitions")));
    }
    assertThat(at(numbers, "assetPartitionStatuses.__typename"))
        .isEqualTo("DefaultPartitionStatuses");
    assertThat(everyStatus).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(Gql.list(at(numbers, "dependedByKeys")))
        .containsExactly(Map.of("path", List.of("summary")));
    assertThat(at(numbers, "dependedBy.0.asset.assetKey.path")).isEqualTo(List.of("summary"));
    assertThat(at(numbers, "repository.location.name")).isEqualTo("test");
    assertThat(at(numbers, "hasAssetChecks")).isEqualTo(true);

    Map<String, Object> summary = node(Map.of("keys", List.of(key("summary"))));
    assertThat(Gql.list(at(summary, "dependencyKeys")))
        .containsExactly(Map.of("path", List.of("raw", "numbers")));
    assertThat(at(summary, "dependencies.0.asset.assetKey.path"))
        .isEqualTo(List.of("raw", "numbers"));
    assertThat(at(summary, "isPartitioned")).isEqualTo(false);
    assertThat(at(summary, "partitionDefinition")).isNull();
    assertThat(at(summary, "partitionStats")).isNull();
    assertThat(Gql.list(at(summary, "assetPartitionStatuses.unmaterializedPartitions"))).isEmpty();
    assertThat(at(summary, "hasAssetChecks")).isEqualTo(false);
  }

  @Test
  void shouldListPartitionKeysOfTimeWindowAndDynamicAssetsWhenAsked() {
    Map<String, Object> daily = node(Map.of("keys", List.of(key("daily_events"))));
    assertThat(at(daily, "partitionDefinition.type")).isEqualTo("TIME_WINDOW");
    assertThat(Gql.list(at(daily, "partitionKeys")))
        .containsExactly("2026-01-01", "2026-01-02", "2026-01-03");

    Map<String, Object> tenants = node(Map.of("keys", List.of(key("tenant_report"))));
    assertThat(at(tenants, "partitionDefinition.type")).isEqualTo("DYNAMIC");
    assertThat(at(tenants, "partitionDefinition.name")).isEqualTo("tenants");
    assertThat(at(tenants, "partitionDefinition.dimensionTypes.0.type")).isEqualTo("DYNAMIC");
  }

  @Test
  void shouldFilterAssetNodesByGroupJobAndKeysWhenSelectorsAreGiven() {
    Map<String, Object> repo =
        Map.of("repositoryLocationName", "test", "repositoryName", "__repository__");
    Map<String, Object> group = new HashMap<>(repo);
    group.put("groupName", "raw");
    Map<String, Object> job = new HashMap<>(repo);
    job.put("pipelineName", "numbers_job");
    Map<String, Object> otherLocation = new HashMap<>(group);
    otherLocation.put("repositoryLocationName", "down");

    assertThat(keys(nodes(Map.of("group", group)))).containsExactly(List.of("raw", "numbers"));
    assertThat(keys(nodes(Map.of("pipeline", job)))).containsExactly(List.of("raw", "numbers"));
    assertThat(keys(nodes(Map.of("keys", List.of(key("summary"), key("nope"))))))
        .containsExactly(List.of("summary"));
    assertThat(nodes(Map.of("group", otherLocation))).isEmpty();
    assertThat(keys(nodes(Map.of())))
        .contains(List.of("raw", "numbers"), List.of("summary"), List.of("daily_events"));
  }

  @Test
  void shouldListAnAssetsMaterializationsNewestFirstWhenItIsQueried() {
    AssetKeySnapshot asset = AssetKeySnapshot.of("ext", unique());
    String run = UUID.randomUUID().toString();
    Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
    append(run, t0, materialization(asset, "p1"));
    append(run, t0.plusSeconds(60), materialization(asset, "p2"));
    append(run, t0.plusSeconds(120), materialization(asset, "p1"));
    append(run, t0.plusSeconds(130), new ObservationPayload(asset, null, List.of(), null));

    Map<String, Object> all = asset(asset, Map.of());
    assertThat(at(all, "assetOrError.__typename")).isEqualTo("Asset");
    assertThat(at(all, "assetOrError.id")).isEqualTo("[\"ext\", \"" + asset.path().get(1) + "\"]");
    List<Object> materializations = Gql.list(at(all, "assetOrError.assetMaterializations"));
    assertThat(materializations)
        .extracting(m -> at(m, "partition"))
        .containsExactly("p1", "p2", "p1");
    assertThat(at(materializations.get(0), "timestamp"))
        .isEqualTo(Long.toString(t0.plusSeconds(120).toEpochMilli()));
    assertThat(at(materializations.get(0), "runId")).isEqualTo(run);
    assertThat(at(materializations.get(0), "eventType")).isEqualTo("ASSET_MATERIALIZATION");
    assertThat(at(materializations.get(0), "runOrError.__typename")).isEqualTo("RunNotFoundError");
    assertThat(at(all, "assetOrError.latestMaterializationTimestamp"))
        .isEqualTo((double) t0.plusSeconds(120).toEpochMilli());
    assertThat(Gql.list(at(all, "assetOrError.assetObservations"))).hasSize(1);
    assertThat(at(all, "assetOrError.definition")).isNull();

    Map<String, Object> limited = asset(asset, Map.of("limit", 1, "partitions", List.of("p2")));
    assertThat(Gql.list(at(limited, "assetOrError.assetMaterializations")))
        .extracting(m -> at(m, "partition"))
        .containsExactly("p2");
    Map<String, Object> before =
        asset(asset, Map.of("before", Long.toString(t0.plusSeconds(90).toEpochMilli())));
    assertThat(Gql.list(at(before, "assetOrError.assetMaterializations")))
        .extracting(m -> at(m, "partition"))
        .containsExactly("p2", "p1");
  }

  @Test
  void shouldShowADefinedAssetsEventsOnItsNodeAndInTheCatalogWhenMaterialized() {
    String run = UUID.randomUUID().toString();
    append(run, Instant.now(), materialization(AssetKeySnapshot.of("summary"), null));

    Map<String, Object> data =
        gql.data(
            """
            { assetNodeOrError(assetKey: {path: ["summary"]}) { __typename ... on AssetNode {
                assetMaterializations(limit: 1) { runId }
                latestMaterializationByPartition(partitions: ["x"]) { runId } } }
              assetOrError(assetKey: {path: ["summary"]}) { ... on Asset { definition { opName } } } }
            """,
            null);

    assertThat(at(data, "assetNodeOrError.assetMaterializations.0.runId")).isEqualTo(run);
    assertThat(Gql.list(at(data, "assetNodeOrError.latestMaterializationByPartition")))
        .containsExactly((Object) null);
    assertThat(at(data, "assetOrError.definition.opName")).isEqualTo("summary");
  }

  @Test
  void shouldAnswerAssetNotFoundWhenAnAssetIsNeitherStoredNorDefined() {
    AssetKeySnapshot unknown = AssetKeySnapshot.of("nowhere", unique());

    assertThat(at(asset(unknown, Map.of()), "assetOrError.__typename"))
        .isEqualTo("AssetNotFoundError");
    assertThat((String) at(asset(unknown, Map.of()), "assetOrError.message"))
        .contains("nowhere/" + unknown.path().get(1));
    Map<String, Object> node =
        gql.data(
            "query($k: AssetKeyInput!) { assetNodeOrError(assetKey: $k) { __typename"
                + " ... on AssetNotFoundError { message } } }",
            Map.of("k", Map.of("path", unknown.path())));
    assertThat(at(node, "assetNodeOrError.__typename")).isEqualTo("AssetNotFoundError");
    // Defined but never materialized: an Asset with its definition.
    Map<String, Object> defined = asset(AssetKeySnapshot.of("tenant_report"), Map.of());
    assertThat(at(defined, "assetOrError.__typename")).isEqualTo("Asset");
    assertThat(at(defined, "assetOrError.definition.assetKey.path"))
        .isEqualTo(List.of("tenant_report"));
  }

  @Test
  void shouldPageTheCatalogByCursorWithinAPrefixWhenListing() {
    String prefix = unique();
    for (String name : List.of("a", "b", "c")) {
      append(
          UUID.randomUUID().toString(),
          Instant.now(),
          materialization(AssetKeySnapshot.of(prefix, name), null));
    }
    String query =
        """
        query($prefix: [String!], $cursor: String, $limit: Int) {
          assetsOrError(prefix: $prefix, cursor: $cursor, limit: $limit) {
            __typename
            ... on AssetConnection { cursor nodes { key { path } } }
            ... on PythonError { message className }
          }
        }
        """;

    Map<String, Object> first = gql.data(query, Map.of("prefix", List.of(prefix), "limit", 2));
    assertThat(Gql.list(at(first, "assetsOrError.nodes")))
        .extracting(n -> at(n, "key.path"))
        .containsExactly(List.of(prefix, "a"), List.of(prefix, "b"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("prefix", List.of(prefix));
    vars.put("limit", 2);
    vars.put("cursor", at(first, "assetsOrError.cursor"));
    Map<String, Object> second = gql.data(query, vars);
    assertThat(Gql.list(at(second, "assetsOrError.nodes")))
        .extracting(n -> at(n, "key.path"))
        .containsExactly(List.of(prefix, "c"));

    Map<String, Object> keys =
        gql.data(
            "query($k: [AssetKeyInput!]) { assetsOrError(assetKeys: $k) { ... on AssetConnection {"
                + " nodes { key { path } } } } }",
            Map.of("k", List.of(key(prefix, "b"), key(prefix, "zz"), key("summary"))));
    assertThat(Gql.list(at(keys, "assetsOrError.nodes")))
        .extracting(n -> at(n, "key.path"))
        .containsExactly(List.of(prefix, "b"), List.of("summary"));

    Map<String, Object> badCursor = gql.data(query, Map.of("cursor", "not json"));
    assertThat(at(badCursor, "assetsOrError.__typename")).isEqualTo("PythonError");
    assertThat((String) at(badCursor, "assetsOrError.message")).contains("cursor 'not json'");
    Map<String, Object> badLimit = gql.data(query, Map.of("limit", 0));
    assertThat((String) at(badLimit, "assetsOrError.message")).contains("limit must be 1 to");
  }

  @Test
  void shouldAnswerAGraphQlErrorWhenAnAssetKeyIsMalformed() {
    Map<String, Object> response =
        gql.post("{ assetOrError(assetKey: {path: []}) { __typename } }", null);

    assertThat(response.get("errors")).asString().contains("at least one path part");
  }

  @Test
  void shouldListChecksAndTheirExecutionsWhenAnAssetHasChecks() {
    String run = UUID.randomUUID().toString();
    AssetKeySnapshot numbers = AssetKeySnapshot.of("raw", "numbers");
    append(
        run,
        Instant.now(),
        new AssetCheckEvaluationPayload(
            numbers,
            "positive",
            true,
            AssetCheckEvaluationPayload.Severity.ERROR,
            false,
            "all positive",
            List.of(),
            "a"));

    Map<String, Object> data =
        gql.data(
            """
            { assetNodeOrError(assetKey: {path: ["raw", "numbers"]}) { ... on AssetNode {
                assetChecksOrError { __typename ... on AssetChecks { checks {
                  name description blocking canExecuteIndividually assetKey { path }
                  executionForLatestMaterialization { runId status partition } } } }
                missing: assetCheckOrError(checkName: "nope") { __typename ... on AssetCheckNotFoundError { message } } } }
              assetCheckExecutions(assetKey: {path: ["raw", "numbers"]}, checkName: "positive", limit: 5) {
                id runId status partition stepKey timestamp evaluation { success description checkName } }
            }
            """,
            null);

    Map<String, Object> check =
        (Map<String, Object>) at(data, "assetNodeOrError.assetChecksOrError.checks.0");
    assertThat(at(check, "name")).isEqualTo("positive");
    assertThat(at(check, "description")).isEqualTo("Numbers are positive.");
    assertThat(at(check, "canExecuteIndividually")).isEqualTo("CAN_EXECUTE");
    assertThat(at(check, "executionForLatestMaterialization.runId")).isEqualTo(run);
    assertThat(at(check, "executionForLatestMaterialization.status")).isEqualTo("SUCCEEDED");
    assertThat((String) at(data, "assetNodeOrError.missing.message")).contains("positive");
    Map<String, Object> execution = (Map<String, Object>) at(data, "assetCheckExecutions.0");
    assertThat(at(execution, "runId")).isEqualTo(run);
    assertThat(at(execution, "partition")).isEqualTo("a");
    assertThat(at(execution, "stepKey")).isEqualTo("check_step");
    assertThat(at(execution, "evaluation.success")).isEqualTo(true);
    assertThat(at(execution, "evaluation.description")).isEqualTo("all positive");

    Map<String, Object> response =
        gql.post(
            "{ assetCheckExecutions(assetKey: {path: [\"raw\", \"numbers\"]}, checkName: \"positive\","
                + " limit: 5, cursor: \"x\") { id } }",
            null);
    assertThat(response.get("errors")).asString().contains("cursor 'x' is not an execution id");
  }

  private Map<String, Object> node(Map<String, Object> variables) {
    List<Object> nodes = nodes(variables);
    assertThat(nodes).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> node = (Map<String, Object>) nodes.get(0);
    return node;
  }

  private List<Object> nodes(Map<String, Object> variables) {
    return Gql.list(at(gql.data(NODES, variables), "assetNodes"));
  }

  private static List<Object> keys(List<Object> nodes) {
    List<Object> keys = new ArrayList<>();
    nodes.forEach(n -> keys.add(at(n, "assetKey.path")));
    return keys;
  }

  private Map<String, Object> asset(AssetKeySnapshot key, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put("key", Map.of("path", key.path()));
    return gql.data(ASSET, variables);
  }

  private static Map<String, Object> key(String... path) {
    return Map.of("path", List.of(path));
  }

  private static String unique() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  private static MaterializationPayload materialization(AssetKeySnapshot key, String partition) {
    return new MaterializationPayload(key, "made", List.of(), partition);
  }

  /** Appends one step event of a run (asset events belong to steps). */
  private void append(String runId, Instant at, EventPayload payload) {
    DagsterEventType type =
        payload instanceof MaterializationPayload
            ? DagsterEventType.ASSET_MATERIALIZATION
            : payload instanceof ObservationPayload
                ? DagsterEventType.ASSET_OBSERVATION
                : DagsterEventType.ASSET_CHECK_EVALUATION;
    String step = payload instanceof AssetCheckEvaluationPayload ? "check_step" : "step";
    events
        .append(
            List.of(
                new EventRecord(runId, step, 1, 0, at, type, EventLevel.INFO, "event", payload)))
        .await()
        .atMost(Duration.ofSeconds(10));
  }
}
