package io.pipewright.codelocation.worker;

import static io.pipewright.core.event.DagsterEventType.HANDLED_OUTPUT;
import static io.pipewright.core.event.DagsterEventType.LOADED_INPUT;
import static io.pipewright.core.event.DagsterEventType.STEP_FAILURE;
import static io.pipewright.core.event.DagsterEventType.STEP_INPUT;
import static io.pipewright.core.event.DagsterEventType.STEP_OUTPUT;
import static io.pipewright.core.event.DagsterEventType.STEP_RESTARTED;
import static io.pipewright.core.event.DagsterEventType.STEP_START;
import static io.pipewright.core.event.DagsterEventType.STEP_SUCCESS;
import static io.pipewright.core.event.DagsterEventType.STEP_UP_FOR_RETRY;
import static io.pipewright.core.event.DagsterEventType.STEP_WORKER_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.mapping.StepArgsCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execute-step} as a real child process, running real ops of {@link
 * io.pipewright.codelocation.testlocation.WorkerLocation} with the filesystem IO manager: each
 * process runs one step, the next process reads what the previous one stored.
 */
class StepWorkerProcessTest {

  @TempDir Path dir;
  private WorkerProcess worker;
  private Path storage;

  @BeforeEach
  void setUp() throws Exception {
    worker = new WorkerProcess(dir);
    storage = dir.resolve("storage");
  }

  private StepExecutionArgs.Builder step(String job, String stepKey) {
    return StepExecutionArgs.builder("run-1", job, stepKey)
        .codeLocationName("worker-location")
        .runConfig(
            Map.of(
                "resources",
                Map.of("io_manager", Map.of("config", Map.of("base_dir", storage.toString())))));
  }

  private WorkerProcess.Result run(StepExecutionArgs args) throws Exception {
    return worker.run(Map.of(), "--args", StepArgsCodec.encode(args));
  }

  private String stored(String... path) throws Exception {
    Path file = storage.resolve("run-1");
    for (String part : path) {
      file = file.resolve(part);
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  @Test
  void shouldStoreTheOutputAndReportTheStepWhenTheOpSucceeds() throws Exception {
    WorkerProcess.Result result = run(step("numbers", "produce").build());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(stored("produce", "result.json")).isEqualTo("[1,2,3]");
    assertThat(result.types())
        .containsSubsequence(STEP_WORKER_STARTED, STEP_START, STEP_OUTPUT, HANDLED_OUTPUT)
        .endsWith(STEP_SUCCESS);
    List<EventRecord> events = result.events();
    assertThat(events)
        .extracting(EventRecord::sequence)
        .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
    assertThat(events).allMatch(e -> e.runId().equals("run-1") && e.stepKey().equals("produce"));
    assertThat(events).allMatch(e -> e.attempt() == 1);
    assertThat(result.stderr()).contains("step 'produce' of run run-1", "succeeded (exit 0)");
  }

  @Test
  void shouldReadTheUpstreamOutputAPreviousProcessStoredWhenRunningTheNextStep() throws Exception {
    assertThat(run(step("numbers", "produce").build()).exitCode()).isZero();

    WorkerProcess.Result total = run(step("numbers", "total").build());

    assertThat(total.exitCode()).as(total.stderr()).isZero();
    assertThat(total.types()).contains(LOADED_INPUT, STEP_INPUT).endsWith(STEP_SUCCESS);
    assertThat(stored("total", "result.json")).isEqualTo("6");
  }

  @Test
  void shouldReportTheFailureAndExitOneWhenTheOpThrows() throws Exception {
    WorkerProcess.Result result = run(step("broken", "explode").build());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    EventRecord failure = result.last();
    assertThat(failure.type()).isEqualTo(STEP_FAILURE);
    StepFailurePayload payload = failure.payload(StepFailurePayload.class).orElseThrow();
    assertThat(payload.errorSource()).isEqualTo(StepFailurePayload.ErrorSource.USER_CODE_ERROR);
    assertThat(payload.error().message()).contains("the warehouse is on fire");
    assertThat(result.stderr()).contains("failed: ", "the warehouse is on fire", "(exit 1)");
  }

  @Test
  void shouldRunEachMappedStepThenCollectThemWhenGivenTheMappingKeys() throws Exception {
    assertThat(run(step("fan", "split").build()).exitCode()).isZero();
    assertThat(stored("split", "parts", "north.json")).isEqualTo("1");
    KnownState known =
        KnownState.builder().mappingKeys("split", "parts", List.of("north", "south")).build();

    for (String key : List.of("north", "south")) {
      WorkerProcess.Result mapped =
          run(step("fan", "process[" + key + "]").knownState(known).build());
      assertThat(mapped.exitCode()).as(mapped.stderr()).isZero();
    }
    WorkerProcess.Result combine = run(step("fan", "combine").knownState(known).build());

    assertThat(stored("process[north]", "result.json")).isEqualTo("10");
    assertThat(combine.exitCode()).as(combine.stderr()).isZero();
    assertThat(stored("combine", "result.json")).isEqualTo("30");
  }

  @Test
  void shouldReportUpForRetryThenTheFinalFailureWhenTheRetryPolicyRunsOut() throws Exception {
    WorkerProcess.Result first = run(step("flaky", "flaky").build());

    assertThat(first.exitCode()).as(first.stderr()).isEqualTo(4);
    assertThat(first.last().type()).isEqualTo(STEP_UP_FOR_RETRY);
    assertThat(first.last().payload(StepRetryPayload.class).orElseThrow().secondsToWait())
        .isEqualTo(30.0);

    WorkerProcess.Result last = run(step("flaky", "flaky").attempt(3).build());

    assertThat(last.exitCode()).as(last.stderr()).isEqualTo(1);
    assertThat(last.types()).contains(STEP_RESTARTED).endsWith(STEP_FAILURE);
    assertThat(last.events()).allMatch(e -> e.attempt() == 3);
  }

  @Test
  void shouldExitTwoWithTheUsageWhenTheArgumentsAreNotStepArguments() throws Exception {
    WorkerProcess.Result result = worker.run(Map.of(), "--args", "not-a-step");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("execute-step: cannot read --args: The step arguments are")
        .contains("Usage: execute-step (--args <text> | --args-file <path>)");
  }

  @Test
  void shouldExitTwoNamingTheStepsWhenTheStepKeyIsUnknown() throws Exception {
    Path file = dir.resolve("args.txt");
    Files.writeString(file, StepArgsCodec.encode(step("numbers", "prodce").build()));

    WorkerProcess.Result result = worker.run(Map.of(), "--args-file", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("Step 'prodce' is not in the plan of this run of job 'numbers'")
        .contains("[produce, total]");
    assertThat(result.types()).containsExactly(STEP_WORKER_STARTED, DagsterEventType.ENGINE_EVENT);
  }

  @Test
  void shouldSendTheEventsToTheIngestWithTheTokenWhenGivenAnIngestUrl() throws Exception {
    try (TestIngestServer ingest = new TestIngestServer("secret-token")) {
      WorkerProcess.Result result =
          worker.run(
              Map.of(
                  StepWorkerCommand.INGEST_URL_ENV,
                  ingest.baseUrl(),
                  StepWorkerCommand.INGEST_TOKEN_ENV,
                  "secret-token"),
              "--args",
              StepArgsCodec.encode(step("numbers", "produce").build()));

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).isEmpty();
      List<EventRecord> stored = ingest.stored();
      assertThat(stored.get(0).type()).isEqualTo(STEP_WORKER_STARTED);
      assertThat(stored.get(stored.size() - 1).type()).isEqualTo(STEP_SUCCESS);
      assertThat(ingest.duplicates()).isZero();
      assertThat(ingest.requests()).allMatch(r -> r.authorization().equals("Bearer secret-token"));
    }
  }

  @Test
  void shouldExitThreeWithoutRunningTheOpWhenTheIngestRejectsTheToken() throws Exception {
    try (TestIngestServer ingest = new TestIngestServer("the-right-token")) {
      WorkerProcess.Result result =
          worker.run(
              Map.of(StepWorkerCommand.INGEST_TOKEN_ENV, "a-stale-token"),
              "--args",
              StepArgsCodec.encode(step("numbers", "produce").ingestUrl(ingest.baseUrl()).build()));

      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stderr()).contains("rejected the attempt's token (401 Unauthorized)");
      assertThat(storage.resolve("run-1")).doesNotExist();
    }
  }
}
