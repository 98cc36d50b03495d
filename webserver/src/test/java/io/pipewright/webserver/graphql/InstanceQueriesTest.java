package io.pipewright.webserver.graphql;

import static io.pipewright.webserver.graphql.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.DaemonInfo;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code instance}: daemon health from stored heartbeats, the run queue's configuration as the
 * daemon publishes it, and op concurrency pools with their mutations.
 */
@QuarkusTest
@WithTestResource(value = PrivatePostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestLocationPorts.class, scope = TestResourceScope.GLOBAL)
class InstanceQueriesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TestHTTPResource("/")
  URL root;

  @Inject DaemonHeartbeatStore heartbeats;
  @Inject KeyValueStore keyValues;
  @Inject PoolStore pools;

  private Gql gql;

  @BeforeEach
  void client() {
    gql = new Gql(root);
  }

  @Test
  void shouldReportEachDaemonsHealthFromItsLatestHeartbeatWhenAsked() {
    keyValues
        .put(
            new DaemonInfo(
                    7,
                    "- key: \"team\"\n  limit: 2\n",
                    List.of("QUEUED_RUN_COORDINATOR", "MONITORING", "NEVER_BEATS"),
                    Duration.ofSeconds(15))
                .entries())
        .await()
        .atMost(WAIT);
    Instant now = Instant.now();
    heartbeats
        .beat(new DaemonHeartbeat("QUEUED_RUN_COORDINATOR", "d1", now, List.of()))
        .await()
        .atMost(WAIT);
    heartbeats
        .beat(
            new DaemonHeartbeat(
                "MONITORING",
                "d1",
                now.minus(Duration.ofHours(1)),
                List.of(ErrorSnapshot.of("java.lang.IllegalStateException", "monitor broke"))))
        .await()
        .atMost(WAIT);

    Map<String, Object> data =
        gql.data(
            """
            { instance {
                id hasInfo info runQueuingSupported executablePath supportsConcurrencyLimits
                minConcurrencyLimitValue maxConcurrencyLimitValue useAutoMaterializeSensors
                runQueueConfig { maxConcurrentRuns tagConcurrencyLimitsYaml isOpConcurrencyAware }
                daemonHealth {
                  allDaemonStatuses { daemonType required healthy lastHeartbeatTime
                    lastHeartbeatErrors { message className } }
                  queue: daemonStatus(daemonType: "QUEUED_RUN_COORDINATOR") { healthy required }
                  other: daemonStatus(daemonType: "SCHEDULER") { healthy required lastHeartbeatTime }
                } } }
            """,
            null);

    assertThat(at(data, "instance.runQueuingSupported")).isEqualTo(true);
    assertThat(at(data, "instance.hasInfo")).isEqualTo(true);
    assertThat((String) at(data, "instance.info")).contains("max_concurrent_runs: 7");
    assertThat(at(data, "instance.runQueueConfig.maxConcurrentRuns")).isEqualTo(7);
    assertThat(at(data, "instance.runQueueConfig.tagConcurrencyLimitsYaml"))
        .isEqualTo("- key: \"team\"\n  limit: 2\n");
    assertThat(at(data, "instance.maxConcurrencyLimitValue")).isEqualTo(1000);
    List<Object> statuses = Gql.list(at(data, "instance.daemonHealth.allDaemonStatuses"));
    Map<Object, Object> byType = new java.util.HashMap<>();
    statuses.forEach(s -> byType.put(at(s, "daemonType"), s));
    assertThat(at(byType.get("QUEUED_RUN_COORDINATOR"), "healthy")).isEqualTo(true);
    assertThat(
            ((Number) at(byType.get("QUEUED_RUN_COORDINATOR"), "lastHeartbeatTime")).doubleValue())
        .isCloseTo(now.toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(at(byType.get("MONITORING"), "healthy")).isEqualTo(false);
    assertThat(at(byType.get("MONITORING"), "lastHeartbeatErrors.0.message"))
        .isEqualTo("monitor broke");
    assertThat(at(byType.get("NEVER_BEATS"), "required")).isEqualTo(true);
    assertThat(at(byType.get("NEVER_BEATS"), "healthy")).isEqualTo(false);
    assertThat(at(byType.get("NEVER_BEATS"), "lastHeartbeatTime")).isNull();
    assertThat(at(data, "instance.daemonHealth.queue.healthy")).isEqualTo(true);
    assertThat(at(data, "instance.daemonHealth.other.required")).isEqualTo(false);
    assertThat(at(data, "instance.daemonHealth.other.healthy")).isNull();
  }

  @Test
  void shouldSetShowAndFreeAPoolsSlotsWhenTheConcurrencyMutationsAreUsed() {
    String pool = "pool-" + UUID.randomUUID();
    String run = UUID.randomUUID().toString();
    String query =
        """
        query($key: String) { instance { concurrencyLimit(concurrencyKey: $key) {
          concurrencyKey slotCount limit activeSlotCount activeRunIds pendingStepCount
          claimedSlots { runId stepKey } pendingSteps { runId stepKey priority enqueuedTimestamp } } } }
        """;

    Map<String, Object> set =
        gql.data(
            "mutation($key: String!) { setConcurrencyLimit(concurrencyKey: $key, limit: 1) }",
            Map.of("key", pool));
    assertThat(at(set, "setConcurrencyLimit")).isEqualTo(true);
    pools.claim(pool, run, "a", 0, Instant.now()).await().atMost(WAIT);
    pools.claim(pool, run, "b", 5, Instant.now()).await().atMost(WAIT);

    Map<String, Object> info = gql.data(query, Map.of("key", pool));
    assertThat(at(info, "instance.concurrencyLimit.slotCount")).isEqualTo(1);
    assertThat(at(info, "instance.concurrencyLimit.limit")).isEqualTo(1);
    assertThat(at(info, "instance.concurrencyLimit.claimedSlots"))
        .isEqualTo(List.of(Map.of("runId", run, "stepKey", "a")));
    assertThat(at(info, "instance.concurrencyLimit.activeRunIds")).isEqualTo(List.of(run));
    assertThat(at(info, "instance.concurrencyLimit.pendingSteps.0.stepKey")).isEqualTo("b");
    assertThat(at(info, "instance.concurrencyLimit.pendingSteps.0.priority")).isEqualTo(5);
    Map<String, Object> all =
        gql.data("{ instance { concurrencyLimits { concurrencyKey } } }", null);
    assertThat(Gql.list(at(all, "instance.concurrencyLimits")))
        .contains(Map.of("concurrencyKey", pool));

    gql.data(
        "mutation($run: String!) { freeConcurrencySlots(runId: $run, stepKey: \"a\") }",
        Map.of("run", run));
    assertThat(
            at(gql.data(query, Map.of("key", pool)), "instance.concurrencyLimit.activeSlotCount"))
        .isEqualTo(0);
    gql.data(
        "mutation($run: String!) { freeConcurrencySlotsForRun(runId: $run) }", Map.of("run", run));
    assertThat(
            at(gql.data(query, Map.of("key", pool)), "instance.concurrencyLimit.pendingStepCount"))
        .isEqualTo(0);
    Map<String, Object> deleted =
        gql.data(
            "mutation($key: String!) { deleteConcurrencyLimit(concurrencyKey: $key) }",
            Map.of("key", pool));
    assertThat(at(deleted, "deleteConcurrencyLimit")).isEqualTo(true);
    assertThat(at(gql.data(query, Map.of("key", pool)), "instance.concurrencyLimit.limit"))
        .isNull();
  }

  @Test
  void shouldAnswerAGraphQlErrorWhenAPoolArgumentIsBad() {
    Map<String, Object> negative =
        gql.post("mutation { setConcurrencyLimit(concurrencyKey: \"p\", limit: -1) }", null);
    assertThat(negative.get("errors")).asString().contains("must be 0 to 1000");
    Map<String, Object> blank =
        gql.post("mutation { setConcurrencyLimit(concurrencyKey: \" \", limit: 1) }", null);
    assertThat(blank.get("errors")).asString().contains("concurrencyKey must name a pool");
    Map<String, Object> noKey = gql.post("{ instance { concurrencyLimit { slotCount } } }", null);
    assertThat(noKey.get("errors")).asString().contains("needs a concurrencyKey");
  }
}
