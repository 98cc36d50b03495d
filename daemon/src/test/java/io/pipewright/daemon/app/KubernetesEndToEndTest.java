package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.LogStream;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.testing.ExampleLocation;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole runs through the daemon with the Kubernetes launcher: the example code locations plan the
 * runs over gRPC and the runs are queued as the webserver's launch queues them; the daemon (leading
 * through a Lease) launches each step attempt as a pod in the mock API server; the test kubelet
 * runs each pod as the location's packaged app in {@code execute-step} mode (a real step worker),
 * which posts its events with its attempt's token to the ingest; failures the kubelet plays (OOM
 * kill, image pull errors) end as step and run failures with their reasons.
 *
 * <p>The example servers started here name no image, so the pods' images come from the daemon's
 * {@code locations.<name>.image} (the fallback of {@code StepImages}), and the ingest is the
 * daemon's {@code TestIngestRoute}. The same runs through the real webserver, with the images from
 * the runs' plans, are {@code KubernetesSystemTest} in module {@code local}.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
class KubernetesEndToEndTest {

  private static final String SCENARIO =
      "{\"pod_template_spec_metadata\": {\"annotations\": {\""
          + TestKubelet.SCENARIO_ANNOTATION
          + "\": \"%s\"}}}";

  private static TestCluster cluster;
  private static KubernetesClient client;
  private static ExampleLocation etl;
  private static ExampleLocation assets;
  private static Path storage;

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject DaemonApplication application;

  @BeforeAll
  static void startTheClusterAndTheCodeLocations() throws Exception {
    // The daemon started already and campaigns for the Lease; it leads once the API answers.
    cluster = TestCluster.start(KubernetesProfile.NAMESPACE, KubernetesProfile.apiPort());
    cluster.kubelet().entrypoint(KubernetesProfile.ETL_IMAGE, KubernetesProfile.entrypoint("etl"));
    cluster
        .kubelet()
        .entrypoint(KubernetesProfile.ASSETS_IMAGE, KubernetesProfile.entrypoint("assets"));
    client = cluster.newClient();
    storage = Files.createTempDirectory(Path.of("target"), "k8s-storage-").toAbsolutePath();
    etl = ExampleLocation.start("etl", storage);
    assets = ExampleLocation.start("assets", storage);
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable closeable : new AutoCloseable[] {etl, assets, client, cluster}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // Closing what the test started; nothing to report.
      }
    }
  }

  private ExampleLocation.Stores stores() {
    return new ExampleLocation.Stores(runs, snapshots, events);
  }

  private Map<String, Object> etlConfig() {
    return Map.of(
        "resources",
        Map.of("io_manager", Map.of("config", Map.of("base_dir", storage.toString()))));
  }

  private static Map<String, String> scenario(TestKubelet.Scenario scenario) {
    return Map.of("pipewright.io/k8s-config", SCENARIO.formatted(scenario.name()));
  }

  private Run awaitEnd(String runId) throws InterruptedException {
    return ExampleLocation.awaitEnd(runs, runId, Duration.ofMinutes(3));
  }

  private List<Pod> podsOf(String runId) {
    return client
        .pods()
        .inNamespace(KubernetesProfile.NAMESPACE)
        .withLabel("pipewright.io/run-id", runId)
        .list()
        .getItems();
  }

  @Test
  void shouldRunTheEtlJobAndTheAssetJobToSuccessWithOnePodPerStep() throws Exception {
    String etlRun = etl.queue(stores(), "orders_etl", etlConfig(), null, Map.of());
    String assetRun = assets.queue(stores(), "daily_sales", Map.of(), "2026-01-01", Map.of());

    Run etlEnd = awaitEnd(etlRun);
    Run assetEnd = awaitEnd(assetRun);

    List<EventRecord> etlEvents = ExampleLocation.eventsOf(events, etlRun);
    assertThat(etlEnd.status()).as("events: %s", etlEvents).isEqualTo(RunStatus.SUCCESS);
    assertThat(etlEvents)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_SUCCESS)
        .extracting(EventRecord::stepKey)
        .contains("extract", "validate", "load")
        .anyMatch(key -> key.startsWith("summarize["));
    assertThat(etlEvents).anyMatch(e -> e.type() == DagsterEventType.ASSET_MATERIALIZATION);
    assertThat(etlEvents.get(etlEvents.size() - 1).type()).isEqualTo(DagsterEventType.RUN_SUCCESS);

    List<EventRecord> assetEvents = ExampleLocation.eventsOf(events, assetRun);
    assertThat(assetEnd.status()).as("events: %s", assetEvents).isEqualTo(RunStatus.SUCCESS);
    List<String> launched =
        assetEvents.stream()
            .filter(e -> e.type() == DagsterEventType.STEP_WORKER_STARTING)
            .map(EventRecord::stepKey)
            .toList();
    assertThat(assetEvents)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_SUCCESS)
        .extracting(EventRecord::stepKey)
        .containsExactlyInAnyOrderElementsOf(launched);
    assertThat(assetEvents)
        .filteredOn(e -> e.type() == DagsterEventType.ASSET_MATERIALIZATION)
        .isNotEmpty()
        .allMatch(e -> e.message() != null);

    // One pod per step attempt ran the location's worker; succeeded pods are deleted once their
    // logs are copied into the compute logs.
    assertThat(cluster.kubelet().processesStarted()).isGreaterThanOrEqualTo(launched.size() + 4);
    awaitNoPods(etlRun);
    awaitNoPods(assetRun);
    String extractLog =
        String.join(
            "\n",
            application
                .computeLogs()
                .tail(new AttemptId(etlRun, "extract", 1), LogStream.STDOUT, 1000));
    assertThat(extractLog).isNotBlank();
  }

  @Test
  void shouldFailTheStepWithTheOomKillWhenItsPodsRunOutOfMemory() throws Exception {
    String runId =
        etl.queue(stores(), "orders_etl", etlConfig(), null, scenario(TestKubelet.Scenario.OOM));

    Run run = awaitEnd(runId);

    List<EventRecord> all = ExampleLocation.eventsOf(events, runId);
    assertThat(run.status()).as("events: %s", all).isEqualTo(RunStatus.FAILURE);
    // An OOM kill is the op's own failure (its memory limit): the op's retry policy (3 retries)
    // runs four pods, and the step fails with the reason.
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_UP_FOR_RETRY)
        .extracting(EventRecord::attempt)
        .containsExactly(1, 2, 3);
    EventRecord failure =
        all.stream()
            .filter(e -> e.type() == DagsterEventType.STEP_FAILURE)
            .findFirst()
            .orElseThrow();
    assertThat(failure.stepKey()).isEqualTo("extract");
    assertThat(failure.message() + " " + failure.payload()).containsIgnoringCase("OOM");
    assertThat(all.get(all.size() - 1).type()).isEqualTo(DagsterEventType.RUN_FAILURE);
    assertThat(podsOf(runId))
        .as("failed pods are kept for inspection")
        .hasSize(4)
        .allMatch(p -> "Failed".equals(p.getStatus().getPhase()));
  }

  @Test
  void shouldFailTheRunAfterTheInfrastructureRetriesWhenTheImageCannotBePulled() throws Exception {
    long started = System.nanoTime();
    String runId =
        etl.queue(
            stores(),
            "orders_etl",
            etlConfig(),
            null,
            scenario(TestKubelet.Scenario.IMAGE_PULL_ERROR));

    Run run = awaitEnd(runId);

    List<EventRecord> all = ExampleLocation.eventsOf(events, runId);
    assertThat(run.status()).as("events: %s", all).isEqualTo(RunStatus.FAILURE);
    // Beyond the pull grace (1 s) the attempt is an infrastructure failure: one retry (the
    // profile's budget) as a new pod, not counted against the op's retries, then the step fails.
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_WORKER_STARTING)
        .extracting(EventRecord::attempt)
        .containsExactly(1, 2);
    assertThat(all).noneMatch(e -> e.type() == DagsterEventType.STEP_UP_FOR_RETRY);
    EventRecord failure =
        all.stream()
            .filter(e -> e.type() == DagsterEventType.STEP_FAILURE)
            .findFirst()
            .orElseThrow();
    assertThat(failure.message() + " " + failure.payload())
        .contains("InfrastructureFailure")
        .containsIgnoringCase("pull");
    EventRecord end = all.get(all.size() - 1);
    assertThat(end.type()).isEqualTo(DagsterEventType.RUN_FAILURE);
    assertThat(end.message()).contains("extract");
    assertThat(podsOf(runId)).as("pods that never started are deleted").isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  private void awaitNoPods(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!podsOf(runId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Pods of run " + runId + " are left: " + podsOf(runId));
      }
      Thread.sleep(100);
    }
  }
}
