package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.LogStream;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.testing.Plans;
import io.pipewright.protocol.mapping.PlanMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The daemon application end to end, with real child processes ({@code FakeWorkerMain}, which
 * speaks the worker's command line and event lines) and in-memory storage.
 */
@QuarkusTest
@TestProfile(FakeWorkerProfile.class)
class DaemonApplicationTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject DaemonApplication application;

  @TestHTTPResource("/q/health/ready")
  URI health;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  private String queue(ExecutionPlanSnapshot plan) {
    String runId = UUID.randomUUID().toString();
    String planId = "plan-" + runId;
    byte[] body = PlanMapper.toProto(plan).toByteArray();
    snapshots.put(planId, SnapshotKind.EXECUTION_PLAN, body).await().indefinitely();
    Instant now = Instant.now();
    runs.add(
            Run.builder(runId, plan.jobName(), "fake")
                .planSnapshotId(planId)
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    events
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    now,
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .indefinitely();
    runs.transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, now).await().indefinitely();
    return runId;
  }

  private Run awaitEnd(String runId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Run run = runs.find(runId).await().indefinitely().orElseThrow();
      if (run.status().isTerminal()) {
        return run;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Run " + runId + " did not end within 60 s");
  }

  private List<EventRecord> eventsOf(String runId) {
    return events.eventsForRun(runId, 0, 10_000).await().indefinitely().events().stream()
        .map(StoredEvent::event)
        .toList();
  }

  @Test
  void shouldRunAQueuedRunToSuccessWithRealWorkerProcessesWhenTheStepsSucceed() {
    String runId = queue(Plans.chain("etl_job", "extract", "load"));

    Run run = awaitEnd(runId);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(eventsOf(runId).stream().map(EventRecord::type))
        .containsSubsequence(
            DagsterEventType.RUN_STARTING,
            DagsterEventType.RUN_START,
            DagsterEventType.STEP_WORKER_STARTING,
            DagsterEventType.STEP_START,
            DagsterEventType.STEP_SUCCESS,
            DagsterEventType.STEP_WORKER_STARTING,
            DagsterEventType.STEP_SUCCESS,
            DagsterEventType.RUN_SUCCESS);
    assertThat(application.computeLogs().tail(new AttemptId(runId, "load", 1), LogStream.STDERR, 5))
        .contains("fake worker: running load attempt 1");
  }

  @Test
  void shouldFailTheRunWithTheStepFailureWhenAnOpFails() {
    String runId = queue(Plans.chain("job", "extract", "fail_transform", "load"));

    Run run = awaitEnd(runId);

    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    List<EventRecord> all = eventsOf(runId);
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_FAILURE)
        .extracting(EventRecord::stepKey)
        .containsExactly("fail_transform");
    assertThat(all)
        .noneMatch(e -> "load".equals(e.stepKey()) && e.type() == DagsterEventType.STEP_START);
  }

  @Test
  void shouldReportTheExitCodeAndLastLinesWhenAWorkerDiesWithoutEvents() {
    String runId = queue(Plans.chain("job", "crash"));

    Run run = awaitEnd(runId);

    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    EventRecord failure =
        eventsOf(runId).stream()
            .filter(e -> e.type() == DagsterEventType.STEP_FAILURE)
            .findFirst()
            .orElseThrow();
    String message = failure.payload(StepFailurePayload.class).orElseThrow().error().message();
    assertThat(message).contains("exit code 5").contains("Java heap space");
  }

  @Test
  void shouldServeHealthAndMetricsWhenRunning() throws Exception {
    HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> ready =
        client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> scraped =
        client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).containsPattern("\"leader\":\\s*true");
    assertThat(scraped.body()).contains("pipewright_daemon_leader 1.0");
  }
}
