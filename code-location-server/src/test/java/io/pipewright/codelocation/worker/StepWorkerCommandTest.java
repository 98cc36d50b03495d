package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.codelocation.testlocation.WorkerLocation;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.protocol.mapping.EventJsonLines;
import io.pipewright.protocol.mapping.StepArgsCodec;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.types.Types;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code execute-step} in this JVM: every way an invocation can be wrong, and what the step worker
 * says about it. (The happy paths run as child processes in {@link StepWorkerProcessTest}.)
 */
class StepWorkerCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private LoadedDefinitions definitions =
      LoadedDefinitions.loaded(new WorkerLocation().definitions());
  private Optional<String> locationName = Optional.empty();

  private StepExecutionArgs.Builder step(String job, String stepKey) {
    return StepExecutionArgs.builder("run-1", job, stepKey)
        .codeLocationName("worker-location")
        .runConfig(
            Map.of(
                "resources",
                Map.of("io_manager", Map.of("config", Map.of("base_dir", dir.toString())))));
  }

  private int run(Map<String, String> env, String... argv) {
    return StepWorkerCommand.run(
        List.of(argv),
        env,
        () -> definitions,
        locationName,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int run(StepExecutionArgs args) {
    return run(Map.of(), "--args", StepArgsCodec.encode(args));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<EventRecord> events() {
    List<EventRecord> events = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        events.add(EventJsonLines.decode(line));
      }
    }
    return events;
  }

  @Test
  void shouldPrintTheUsageAndExitZeroWhenAskedForHelp() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(stderr()).contains("Usage: execute-step").contains("Exit codes: 0 succeeded");
  }

  @Test
  void shouldExitTwoWhenTheArgumentsAreMissing() {
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(stderr())
        .startsWith("execute-step: the step's arguments are missing; give --args <text> or")
        .contains("Usage:");
  }

  @Test
  void shouldExitTwoWhenAnOptionIsUnknownOrGivenTwice() {
    String text = StepArgsCodec.encode(step("numbers", "produce").build());

    assertThat(run(Map.of(), "--arg", text)).isEqualTo(2);
    assertThat(run(Map.of(), "--args", text, "--args-file", "x")).isEqualTo(2);
    assertThat(run(Map.of(), "--args")).isEqualTo(2);

    assertThat(stderr())
        .contains("unknown argument '--arg'; give --args or --args-file.")
        .contains("not both or twice")
        .contains("--args needs a value.");
    assertThat(out.size()).isZero();
  }

  @Test
  void shouldExitTwoWhenTheArgumentsFileIsMissing() {
    assertThat(run(Map.of(), "--args-file=" + dir.resolve("nope"))).isEqualTo(2);
    assertThat(stderr()).contains("cannot read --args-file").contains("is the file mounted?");
  }

  @Test
  void shouldExitTwoWhenAnIngestUrlHasNoToken() {
    assertThat(
            run(
                Map.of(StepWorkerCommand.INGEST_URL_ENV, "http://webserver:3000"),
                "--args",
                StepArgsCodec.encode(step("numbers", "produce").build())))
        .isEqualTo(2);
    assertThat(stderr())
        .contains("needs the attempt's token in the environment variable PIPEWRIGHT_INGEST_TOKEN");
  }

  @Test
  void shouldExitTwoWhenTheIngestUrlOfTheEnvironmentIsNotAUrl() {
    assertThat(
            run(
                Map.of(
                    StepWorkerCommand.INGEST_URL_ENV, "webserver:3000",
                    StepWorkerCommand.INGEST_TOKEN_ENV, "t"),
                "--args",
                StepArgsCodec.encode(step("numbers", "produce").build())))
        .isEqualTo(2);
    assertThat(stderr()).contains("PIPEWRIGHT_INGEST_URL: StepExecutionArgs has ingestUrl");
  }

  @Test
  void shouldExitTwoAndReportWhyWhenTheJobIsUnknown() {
    assertThat(run(step("numbrs", "produce").build())).isEqualTo(2);

    assertThat(stderr()).contains("no job named 'numbrs'. Did you mean 'numbers'?");
    List<EventRecord> events = events();
    assertThat(events)
        .extracting(EventRecord::type)
        .containsExactly(DagsterEventType.STEP_WORKER_STARTED, DagsterEventType.ENGINE_EVENT);
    assertThat(events.get(1).message()).contains("Step worker could not run step \"produce\"");
  }

  @Test
  void shouldExitTwoNamingTheFieldWhenTheRunConfigIsInvalid() {
    assertThat(
            run(
                step("numbers", "produce")
                    .runConfig(Map.of("ops", Map.of("produce", Map.of("config", Map.of("x", 1)))))
                    .build()))
        .isEqualTo(2);
    assertThat(stderr())
        .contains("(job 'numbers', attempt 1) cannot run: the run config is invalid: ")
        .contains("ops: unexpected field");
  }

  @Test
  void shouldExitTwoWhenTheStepBelongsToAnotherCodeLocation() {
    locationName = Optional.of("sales");

    assertThat(run(step("numbers", "produce").build())).isEqualTo(2);
    assertThat(stderr())
        .contains("this is code location 'sales', but the step belongs to code location")
        .contains("launched with the wrong image");
  }

  @Test
  void shouldExitTwoWithTheLoadErrorsWhenTheDefinitionsDoNotLoad() {
    definitions =
        LoadedDefinitions.failed(
            List.of(new LoadError("job 'etl'", "needs resource 'warehouse'", "bind it")));

    assertThat(run(step("numbers", "produce").build())).isEqualTo(2);
    assertThat(stderr())
        .contains("the code location's definitions failed to load")
        .contains("needs resource 'warehouse'");
  }

  @Test
  void shouldExitTwoWhenACollectStepLacksTheMappingKeys() {
    assertThat(run(step("fan", "combine").build())).isEqualTo(2);
    assertThat(stderr()).contains("no mapping keys for dynamic output 'parts' of step 'split'");
  }

  @Test
  void shouldExitTwoWhenTheMappingKeyWasNotProduced() {
    KnownState known = KnownState.builder().mappingKeys("split", "parts", List.of("north")).build();

    assertThat(run(step("fan", "process[west]").knownState(known).build())).isEqualTo(2);
    assertThat(stderr()).contains("has mapping key 'west', but dynamic output 'parts'");
  }

  @Test
  void shouldFailTheStepWhenItsOutputsWouldBeKeptInMemory() {
    OpDefinition one = OpDefinition.builder("one").output(Types.INT).compute((c, i) -> 1).build();
    definitions =
        LoadedDefinitions.loaded(
            Definitions.builder()
                .job(JobDefinition.builder("memory", one).build())
                .resource("io_manager", IOManagers.inMemory())
                .build());

    assertThat(
            run(StepExecutionArgs.builder("run-1", "memory", "one").codeLocationName("x").build()))
        .isEqualTo(1);

    EventRecord last = events().get(events().size() - 1);
    assertThat(last.type()).isEqualTo(DagsterEventType.STEP_FAILURE);
    assertThat(last.payload(StepFailurePayload.class).orElseThrow().error().message())
        .contains("Resource 'io_manager' could not be set up: it keeps outputs in memory")
        .contains("IOManagers.filesystem()");
  }

  @Test
  void shouldReportTheStepSkippedWhenAnOutputItNeedsWasNotProduced() {
    OpDefinition maybe =
        OpDefinition.builder("maybe")
            .output(Out.of("value", Types.INT).asOptional())
            .compute((c, i) -> Outputs.none())
            .build();
    OpDefinition echo =
        OpDefinition.builder("echo")
            .input("v", Types.INT)
            .noOutputs()
            .compute((c, i) -> null)
            .build();
    definitions =
        LoadedDefinitions.loaded(
            Definitions.builder()
                .job(
                    JobDefinition.builder(
                            "optional",
                            GraphDefinition.builder("optional")
                                .compose(g -> g.add(echo).in("v", g.add(maybe).out("value")))
                                .build())
                        .build())
                .resource("io_manager", IOManagers.filesystem())
                .build());

    assertThat(
            run(
                step("optional", "echo")
                    .knownState(KnownState.builder().notProduced("maybe", "value").build())
                    .build()))
        .isZero();

    assertThat(events())
        .extracting(EventRecord::type)
        .containsExactly(DagsterEventType.STEP_WORKER_STARTED, DagsterEventType.STEP_SKIPPED);
    assertThat(stderr()).contains("skipped: output \"value\" of step \"maybe\" was not produced");
  }
}
