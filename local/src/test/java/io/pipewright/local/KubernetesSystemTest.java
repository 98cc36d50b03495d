package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import io.pipewright.local.internal.Component;
import io.pipewright.local.internal.Supervisor;
import io.pipewright.local.internal.SystemPlan;
import io.pipewright.postgres.local.ConnectionInfo;
import io.pipewright.postgres.local.PrivatePostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every example job and asset job through the whole system with every step in its own Kubernetes
 * pod: the real webserver, daemon and example code location servers run as processes of their
 * packaged applications (as {@code bin/pipewright-local} starts them, on a private PostgreSQL);
 * runs are launched through the webserver's GraphQL {@code launchRun}; the daemon runs with the
 * Kubernetes launcher against the fabric8 mock API server in this JVM, whose test kubelet runs each
 * pod's command as a local process: the image's entrypoint (the example's packaged app) followed by
 * the pod's {@code execute-step} arguments, a real step worker that posts its events with its
 * attempt's token to the webserver's ingest. The daemon knows no image: each pod runs the image the
 * code location server names in its snapshot ({@code pipewright.code-location.image}), which came
 * with the run's plan. Every run must end SUCCESS with a {@code STEP_SUCCESS} for each of its
 * steps, read back through GraphQL.
 */
class KubernetesSystemTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String NAMESPACE = "pipewright-steps";
  private static final String ETL_IMAGE = "registry.test/pipewright-example-etl:1";
  private static final String ASSETS_IMAGE = "registry.test/pipewright-example-assets:1";
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(600);

  /** The daily partitions of the assets example (2026-01-01 to 2026-01-05). */
  private static final List<String> DAYS =
      List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05");

  /** What the examples define: a new job makes this test fail until it is run here too. */
  private static final Map<String, Set<String>> JOBS =
      Map.of(
          "etl", Set.of("orders_etl", "orders_validate_only"),
          "assets", Set.of("daily_sales", "__ASSET_JOB"));

  private static final String JOBS_QUERY =
      "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name }"
          + " pipelines { name isAssetJob } } } } }";

  private static final String ASSETS_QUERY =
      "{ assetNodes { assetKey { path } isPartitioned isMaterializable repository { location {"
          + " name } } } }";

  private static final String LAUNCH =
      "mutation($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename ... on"
          + " LaunchRunSuccess { run { runId } } ... on PythonError { message } ... on"
          + " RunConfigValidationInvalid { errors { message } } ... on InvalidSubsetError { message"
          + " } ... on PipelineNotFoundError { message } } }";

  private static final String RUN =
      "query($id: ID!) { runOrError(runId: $id) { __typename ... on Run { status jobName"
          + " executionPlan { steps { key } } } } }";

  private static final String CAPTURED_LOGS =
      "query($key: [String!]!) { capturedLogs(logKey: $key) { stdout stderr cursor } }";
  private static final String LOGS =
      "query($id: ID!) { logsForRun(runId: $id, limit: 10000) { __typename ... on EventConnection {"
          + " events { __typename ... on MessageEvent { message stepKey } ... on"
          + " ExecutionStepFailureEvent { error { message className } } } } } }";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private List<Supervisor.Child> children = List.of();

  @Test
  void shouldRunEveryExampleJobAndAssetJobToSuccessWhenEachStepIsAPod() throws Exception {
    for (String module : List.of("webserver", "daemon", "examples/etl", "examples/assets")) {
      assumeThat(SystemPlan.jar(ROOT, module))
          .as(
              "the packaged application of %s (the reactor packages it before this module; run"
                  + " ./mvnw -pl local -am verify)",
              module)
          .isRegularFile();
    }
    long started = System.nanoTime();
    Path home =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "k8s-system-")
            .toAbsolutePath();
    Files.createDirectories(home.resolve("logs"));
    ConnectionInfo db = PrivatePostgres.shared().createDatabase("k8s_system");
    Supervisor supervisor = new Supervisor(System.err);
    try (TestCluster cluster = TestCluster.start(NAMESPACE);
        KubernetesClient client = cluster.newClient()) {
      // The images' entrypoints, as a runtime reads them from an image: each example's packaged
      // app, with the home its code location server uses (an image's ENV), so that the steps'
      // outputs land where the servers and the next steps look.
      cluster.kubelet().entrypoint(ETL_IMAGE, entrypoint(home, "examples/etl"));
      cluster.kubelet().entrypoint(ASSETS_IMAGE, entrypoint(home, "examples/assets"));
      String apiUrl = cluster.server().url("/");

      LocalOptions.Ports ports =
          new LocalOptions.Ports(freePort(), freePort(), freePort(), freePort());
      List<Component> components =
          SystemPlan.components(
              new LocalOptions(ROOT, Optional.of(home), false, ports),
              home,
              db,
              newSecret(),
              Path.of(System.getProperty("java.home"), "bin", "java"),
              Map.of());
      List<Supervisor.Child> started0 = new ArrayList<>();
      for (Component component : components) {
        started0.add(supervisor.start(onKubernetes(component, apiUrl), home, home.resolve("logs")));
      }
      children = started0;
      String graphql = "http://" + SystemPlan.HOST + ":" + ports.webserver() + "/graphql";
      awaitUp(graphql);
      double upSeconds = seconds(started);

      // The jobs, as the webserver lists them from the code locations' snapshots.
      Map<String, Set<String>> listed = jobs(graphql);
      assertThat(listed).as("the examples' jobs").isEqualTo(JOBS);

      // First every job whose steps read nothing of other runs, and each day of the partitioned
      // asset job; then the unpartitioned assets, which read every day of raw/orders.
      Map<String, String> runs = new LinkedHashMap<>();
      String etlRun = launch(graphql, "etl", "orders_etl", null, null);
      runs.put(etlRun, "orders_etl");
      runs.put(launch(graphql, "etl", "orders_validate_only", null, null), "orders_validate_only");
      for (String day : DAYS) {
        runs.put(launch(graphql, "assets", "daily_sales", day, null), "daily_sales " + day);
      }
      String oom = launch(graphql, "etl", "orders_etl", null, null, scenario("OOM"));
      String pull = launch(graphql, "etl", "orders_etl", null, null, scenario("IMAGE_PULL_ERROR"));
      awaitSuccess(graphql, runs);
      checkOomKill(graphql, oom, client);
      checkImagePullFailure(graphql, pull, client);
      List<List<String>> unpartitioned = unpartitionedAssets(graphql, "assets");
      assertThat(unpartitioned)
          .as("the assets example's unpartitioned assets")
          .contains(List.of("analytics", "revenue_by_segment"));
      Map<String, String> assetRuns = new LinkedHashMap<>();
      assetRuns.put(
          launch(graphql, "assets", "__ASSET_JOB", null, unpartitioned),
          "__ASSET_JOB " + unpartitioned);
      awaitSuccess(graphql, assetRuns);
      runs.putAll(assetRuns);

      int successes = 0;
      for (Map.Entry<String, String> run : runs.entrySet()) {
        successes += checkEverySucceeded(graphql, run.getKey(), run.getValue());
      }
      // One pod per step attempt ran, each the image its code location named in its snapshot.
      assertThat(cluster.kubelet().processesStarted()).isGreaterThanOrEqualTo(successes);
      for (String runId : runs.keySet()) {
        awaitNoPods(client, runId);
      }
      checkCapturedLogs(graphql, etlRun);
      System.out.printf(
          "Kubernetes system: up in %.1f s; %d runs, %d steps, each in its own pod, in %.1f s%n",
          upSeconds, runs.size(), successes, seconds(started) - upSeconds);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n" + logTails(), e);
    } finally {
      supervisor.stop(List.of(List.of("daemon"), List.of("webserver")));
    }
  }

  /** The example's packaged app as the image's entrypoint, fast to start for one short step. */
  private static List<String> entrypoint(Path home, String module) {
    return List.of(
        "env",
        LocalOptions.HOME_ENV + "=" + home,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-XX:+UseSerialGC",
        "-jar",
        SystemPlan.jar(ROOT, module).toString());
  }

  /**
   * The local system's server, changed to run steps on Kubernetes: code location servers name their
   * images; the daemon uses the Kubernetes launcher against the mock API server, with the etl
   * location's layer of pod settings giving its pods the warehouse password; no image is configured
   * on the daemon.
   */
  private static Component onKubernetes(Component component, String apiUrl) {
    List<String> options = new ArrayList<>();
    switch (component.name()) {
      case "etl" -> options.add("-Dpipewright.code-location.image=" + ETL_IMAGE);
      case "assets" -> options.add("-Dpipewright.code-location.image=" + ASSETS_IMAGE);
      case "daemon" -> {
        options.add("-Dpipewright.daemon.launcher=kubernetes");
        options.add("-Dpipewright.daemon.k8s.master-url=" + apiUrl);
        options.add("-Dpipewright.daemon.k8s.namespace=" + NAMESPACE);
        // Short failure timings, so that the failure paths end in seconds: an image pull error is
        // given up after 1 s, and retried once as a new pod.
        options.add("-Dpipewright.daemon.k8s.image-pull-grace=1s");
        options.add("-Dpipewright.daemon.orchestration.infrastructure-retries=1");
        options.add("-Dpipewright.daemon.orchestration.infrastructure-retry-delay=200ms");
        options.add(
            "-Dpipewright.daemon.locations.etl.k8s-config={\"container_config\": {\"env\":"
                + " [{\"name\": \"WAREHOUSE_PASSWORD\", \"value\": \"demo-password\"}]}}");
      }
      default -> {
        return component;
      }
    }
    List<String> command = new ArrayList<>(component.command());
    // Before -jar: options after it would be the application's arguments.
    command.addAll(command.indexOf("-jar"), options);
    return new Component(
        component.name(),
        component.port(),
        component.portVariable(),
        component.jar(),
        command,
        component.environment());
  }

  private void awaitUp(String graphql) throws Exception {
    long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
    for (Supervisor.Child child : children) {
      while (!ready(child.component().healthUrl())) {
        if (!child.process().isAlive()) {
          throw new AssertionError(
              child.component().name() + " exited with " + child.process().exitValue());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              child.component().name() + " was not ready within " + UP_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(250);
      }
    }
    String answer = "";
    while (System.nanoTime() < deadline) {
      answer =
          post(
                  graphql,
                  "{ workspaceOrError { ... on Workspace { locationEntries { name"
                      + " locationOrLoadError { __typename } } } } }",
                  Map.of())
              .toString();
      if (answer.split("\"RepositoryLocation\"", -1).length - 1 == 2) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("The webserver did not load both code locations: " + answer);
  }

  private Map<String, Set<String>> jobs(String graphql) throws Exception {
    Map<String, Set<String>> jobs = new TreeMap<>();
    for (JsonNode repository :
        post(graphql, JOBS_QUERY, Map.of()).at("/repositoriesOrError/nodes")) {
      Set<String> names = new TreeSet<>();
      repository.get("pipelines").forEach(job -> names.add(job.get("name").asText()));
      jobs.put(repository.at("/location/name").asText(), names);
    }
    return jobs;
  }

  private List<List<String>> unpartitionedAssets(String graphql, String location) throws Exception {
    List<List<String>> keys = new ArrayList<>();
    for (JsonNode asset : post(graphql, ASSETS_QUERY, Map.of()).get("assetNodes")) {
      if (asset.get("isMaterializable").asBoolean()
          && !asset.get("isPartitioned").asBoolean()
          && location.equals(asset.at("/repository/location/name").asText())) {
        List<String> path = new ArrayList<>();
        asset.at("/assetKey/path").forEach(part -> path.add(part.asText()));
        keys.add(path);
      }
    }
    return keys;
  }

  private String launch(
      String graphql, String location, String job, String partition, List<List<String>> assets)
      throws Exception {
    return launch(graphql, location, job, partition, assets, Map.of());
  }

  private String launch(
      String graphql,
      String location,
      String job,
      String partition,
      List<List<String>> assets,
      Map<String, String> tags)
      throws Exception {
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("repositoryLocationName", location);
    selector.put("repositoryName", "__repository__");
    selector.put("jobName", job);
    if (assets != null) {
      selector.put("assetSelection", assets.stream().map(path -> Map.of("path", path)).toList());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("selector", selector);
    List<Map<String, String>> tagList = new ArrayList<>();
    tags.forEach((key, value) -> tagList.add(Map.of("key", key, "value", value)));
    if (partition != null) {
      tagList.add(Map.of("key", "dagster/partition", "value", partition));
    }
    if (!tagList.isEmpty()) {
      params.put("executionMetadata", Map.of("tags", tagList));
    }
    JsonNode answer = post(graphql, LAUNCH, Map.of("p", params)).get("launchRun");
    assertThat(answer.get("__typename").asText())
        .as("launchRun of %s %s: %s", job, partition == null ? "" : partition, answer)
        .isEqualTo("LaunchRunSuccess");
    return answer.at("/run/runId").asText();
  }

  private void awaitSuccess(String graphql, Map<String, String> runs) throws Exception {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    Set<String> waiting = new LinkedHashSet<>(runs.keySet());
    Map<String, String> statuses = new TreeMap<>();
    while (!waiting.isEmpty()) {
      for (String runId : List.copyOf(waiting)) {
        String status = post(graphql, RUN, Map.of("id", runId)).at("/runOrError/status").asText();
        statuses.put(runs.get(runId), status);
        if (List.of("SUCCESS", "FAILURE", "CANCELED").contains(status)) {
          waiting.remove(runId);
          assertThat(status)
              .as("run %s (%s); its events: %s", runId, runs.get(runId), events(graphql, runId))
              .isEqualTo("SUCCESS");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Runs did not end within " + RUN_TIMEOUT.toSeconds() + " s: " + statuses);
      }
      Thread.sleep(500);
    }
  }

  /** Checks that every step of the run's plan succeeded; returns how many steps succeeded. */
  private int checkEverySucceeded(String graphql, String runId, String what) throws Exception {
    JsonNode run = post(graphql, RUN, Map.of("id", runId)).get("runOrError");
    assertThat(run.get("status").asText()).as(what).isEqualTo("SUCCESS");
    List<String> planned = new ArrayList<>();
    run.at("/executionPlan/steps").forEach(step -> planned.add(step.get("key").asText()));
    assertThat(planned).as("the plan of %s", what).isNotEmpty();
    List<JsonNode> events = events(graphql, runId);
    Set<String> succeeded = new TreeSet<>();
    Set<String> skipped = new TreeSet<>();
    for (JsonNode event : events) {
      String type = event.get("__typename").asText();
      assertThat(type).as("%s: %s", what, event).isNotEqualTo("ExecutionStepFailureEvent");
      if ("ExecutionStepSuccessEvent".equals(type)) {
        succeeded.add(event.get("stepKey").asText());
      } else if ("ExecutionStepSkippedEvent".equals(type)) {
        // An optional output left out skips what needs it (the run still succeeds).
        skipped.add(event.get("stepKey").asText());
      }
    }
    assertThat(succeeded).as("%s: steps succeeded", what).isNotEmpty();
    for (String step : planned) {
      if (step.endsWith("[?]")) {
        String prefix = step.substring(0, step.length() - 2);
        assertThat(succeeded)
            .as("%s: a mapped %s succeeded", what, step)
            .anyMatch(key -> key.startsWith(prefix));
      } else {
        assertThat(succeeded.contains(step) || skipped.contains(step))
            .as(
                "%s: %s succeeded or was skipped (succeeded %s, skipped %s)",
                what, step, succeeded, skipped)
            .isTrue();
      }
    }
    assertThat(events)
        .as("%s ends with its success", what)
        .last()
        .satisfies(e -> assertThat(e.get("__typename").asText()).isEqualTo("RunSuccessEvent"));
    return succeeded.size();
  }

  /** The run tag that makes the test kubelet play a failure on every pod of the run. */
  private static Map<String, String> scenario(String scenario) {
    return Map.of(
        "pipewright.io/k8s-config",
        "{\"pod_template_spec_metadata\": {\"annotations\": {\""
            + TestKubelet.SCENARIO_ANNOTATION
            + "\": \""
            + scenario
            + "\"}}}");
  }

  /**
   * An OOM kill is the op's own failure: the op's retry policy runs new pods, then the step fails
   * with the reason and the run fails; the failed pods are kept for inspection.
   */
  private void checkOomKill(String graphql, String runId, KubernetesClient client)
      throws Exception {
    String status = awaitEnd(graphql, runId);
    List<JsonNode> events = events(graphql, runId);
    assertThat(status).as("the OOM run; its events: %s", events).isEqualTo("FAILURE");
    // extract's retry policy allows 3 retries: four pods, the op's own failure each time.
    assertThat(count(events, "ExecutionStepUpForRetryEvent")).as("the op's retries").isEqualTo(3);
    JsonNode failure = stepFailure(events, "the OOM run");
    assertThat(failure.get("stepKey").asText()).isEqualTo("extract");
    assertThat(failure.toString()).containsIgnoringCase("OOM");
    assertThat(podsOf(client, runId))
        .as("failed pods are kept for inspection")
        .hasSize(4)
        .allMatch(p -> "Failed".equals(p.getStatus().getPhase()));
  }

  /**
   * An image that cannot be pulled fails the attempt after the pull grace; it is retried as a new
   * pod under the infrastructure budget (not the op's retries), then the step and the run fail.
   */
  private void checkImagePullFailure(String graphql, String runId, KubernetesClient client)
      throws Exception {
    String status = awaitEnd(graphql, runId);
    List<JsonNode> events = events(graphql, runId);
    assertThat(status).as("the image pull run; its events: %s", events).isEqualTo("FAILURE");
    assertThat(count(events, "ExecutionStepUpForRetryEvent"))
        .as("the op's retries are not spent on the infrastructure")
        .isZero();
    // One infrastructure retry (the test's budget), as a new pod: two attempts in all.
    assertThat(count(events, "StepWorkerStartingEvent")).as("attempts launched").isEqualTo(2);
    JsonNode failure = stepFailure(events, "the image pull run");
    assertThat(failure.get("stepKey").asText()).isEqualTo("extract");
    assertThat(failure.toString()).contains("InfrastructureFailure").containsIgnoringCase("pull");
    assertThat(events)
        .last()
        .satisfies(
            e -> {
              assertThat(e.get("__typename").asText()).isEqualTo("RunFailureEvent");
              assertThat(e.get("message").asText()).contains("extract");
            });
    awaitNoPods(client, runId);
  }

  /**
   * A succeeded pod is deleted only after its log was copied into the compute log store, which the
   * webserver's {@code capturedLogs} reads: the step's output is still there once the pod is gone.
   */
  private void checkCapturedLogs(String graphql, String runId) throws Exception {
    JsonNode logs =
        post(graphql, CAPTURED_LOGS, Map.of("key", List.of(runId, "compute_logs", "extract")))
            .get("capturedLogs");
    assertThat(logs.get("stdout").asText(""))
        .as("the captured stdout of orders_etl's extract step (its pod is deleted): %s", logs)
        .isNotBlank();
  }

  private static long count(List<JsonNode> events, String typename) {
    return events.stream().filter(e -> typename.equals(e.get("__typename").asText())).count();
  }

  private static JsonNode stepFailure(List<JsonNode> events, String what) {
    return events.stream()
        .filter(e -> "ExecutionStepFailureEvent".equals(e.get("__typename").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(what + " has no step failure: " + events));
  }

  private String awaitEnd(String graphql, String runId) throws Exception {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = post(graphql, RUN, Map.of("id", runId)).at("/runOrError/status").asText();
      if (List.of("SUCCESS", "FAILURE", "CANCELED").contains(status)) {
        return status;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Run " + runId + " did not end: " + status);
  }

  private static List<Pod> podsOf(KubernetesClient client, String runId) {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("pipewright.io/run-id", runId)
        .list()
        .getItems();
  }

  /** Succeeded pods are deleted once their logs are copied (and pods that never started). */
  private static void awaitNoPods(KubernetesClient client, String runId)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!podsOf(client, runId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Pods of run "
                + runId
                + " are left: "
                + podsOf(client, runId).stream().map(p -> p.getMetadata().getName()).toList());
      }
      Thread.sleep(200);
    }
  }

  private List<JsonNode> events(String graphql, String runId) {
    try {
      List<JsonNode> out = new ArrayList<>();
      post(graphql, LOGS, Map.of("id", runId)).at("/logsForRun/events").forEach(out::add);
      return out;
    } catch (Exception e) {
      return List.of(json.createObjectNode().put("error", e.toString()));
    }
  }

  private JsonNode post(String url, String query, Map<String, Object> variables)
      throws IOException, InterruptedException {
    String body = json.writeValueAsString(Map.of("query", query, "variables", variables));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = json.readTree(response.body());
    if (response.statusCode() != 200 || answer.has("errors")) {
      throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return answer.get("data");
  }

  private boolean ready(String url) throws InterruptedException {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofSeconds(2))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private String logTails() {
    StringBuilder out = new StringBuilder();
    for (Supervisor.Child child : children) {
      out.append("--- the last lines of ")
          .append(child.log())
          .append(":\n")
          .append(Supervisor.tail(child.log(), 40))
          .append('\n');
    }
    return out.toString();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
