package io.pipewright.daemon.orchestrator;

import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.NOW;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.SECRET;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.bigValue;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.launch;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.run;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.withoutImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.auth.AttemptClaims;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.core.orchestration.AttemptOrigin;
import io.pipewright.core.orchestration.StepLaunch;
import io.pipewright.core.run.Run;
import io.pipewright.protocol.mapping.StepArgsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchRequestsTest {

  @TempDir Path dir;

  @Test
  void shouldCarryTheRunAndAnAttemptScopedTokenWhenAnIngestIsConfigured() {
    AttemptTokens tokens = new AttemptTokens(SECRET);
    LaunchRequests requests =
        new LaunchRequests(
            tokens,
            Duration.ofHours(1),
            "http://webserver:3000",
            null,
            Clock.fixed(NOW, ZoneOffset.UTC));

    LaunchRequest request =
        requests.build(run(Map.of("ops", Map.of())), launch("extract", 2), KnownState.empty());

    assertThat(request.command()).hasSize(3).startsWith("execute-step", "--args");
    StepExecutionArgs args = StepArgsCodec.decode(request.command().get(2));
    assertThat(args.runId()).isEqualTo("run-1");
    assertThat(args.stepKey()).isEqualTo("extract");
    assertThat(args.attempt()).isEqualTo(2);
    assertThat(args.partitionKey()).isEqualTo("2026-01-04");
    assertThat(args.runTags()).containsEntry("team", "analytics");
    assertThat(args.ingestUrl()).isEqualTo("http://webserver:3000");
    assertThat(request.tags()).containsEntry("kind", "source");
    String token = request.environment().get(LaunchRequests.TOKEN_ENV);
    AttemptClaims claims = tokens.verify(token, NOW);
    assertThat(claims.covers("run-1", "extract", 2)).isTrue();
    assertThat(claims.covers("run-1", "extract", 3)).isFalse();
    assertThat(String.join(" ", request.command())).doesNotContain(token);
  }

  @Test
  void shouldAskForTheImageWithThePlansImageWhenThePlanIsKnown() {
    java.util.List<String> asked = new java.util.ArrayList<>();
    LaunchRequests requests =
        new LaunchRequests(
            null,
            Duration.ofHours(1),
            null,
            null,
            Clock.systemUTC(),
            (location, job, fromPlan) -> {
              asked.add(location + " " + job + " " + fromPlan);
              return fromPlan == null ? "configured:1" : fromPlan;
            });
    var plan =
        new io.pipewright.core.snapshot.ExecutionPlanSnapshot(
            "daily_sales", java.util.List.of(), "registry.example.com/assets:3");

    LaunchRequest planned =
        requests.build(run(Map.of()), plan, launch("extract", 1), KnownState.empty());
    LaunchRequest unplanned =
        requests.build(run(Map.of()), launch("extract", 1), KnownState.empty());

    assertThat(planned.image()).isEqualTo("registry.example.com/assets:3");
    assertThat(unplanned.image()).isEqualTo("configured:1");
    assertThat(asked).hasSize(2).allMatch(line -> line.startsWith("etl orders_etl "));
  }

  @Test
  void shouldFailTheLaunchWithTheChoosersReasonWhenThereIsNoImage() {
    LaunchRequests requests = withoutImage();

    assertThatThrownBy(
            () -> requests.build(run(Map.of()), null, launch("extract", 1), KnownState.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no image for etl");
  }

  @Test
  void shouldRefuseAnIngestUrlWithoutATokenSecretWhenCreated() {
    assertThatThrownBy(
            () ->
                new LaunchRequests(
                    null, Duration.ofHours(1), "http://webserver:3000", null, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipewright.ingest.token-secret");
  }

  @Test
  void shouldPassTheArgumentsInAFileWhenTheyAreTooLongForACommandLine() throws Exception {
    LaunchRequests requests =
        new LaunchRequests(null, Duration.ofHours(1), null, dir, Clock.fixed(NOW, ZoneOffset.UTC));
    String big = bigValue(1);

    LaunchRequest request =
        requests.build(run(Map.of("blob", big)), launch("extract", 1), KnownState.empty());

    assertThat(request.command()).hasSize(3).startsWith("execute-step", "--args-file");
    String text = Files.readString(Path.of(request.command().get(2)));
    assertThat(StepArgsCodec.decode(text).runConfig()).containsEntry("blob", big);
    assertThat(request.environment()).isEmpty();
  }

  @Test
  void shouldSayWhatToDoWhenTheArgumentsAreTooLongAndNoFileCanBeUsed() {
    LaunchRequests requests =
        new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC());
    String big = bigValue(2);

    assertThatThrownBy(
            () ->
                requests.build(run(Map.of("blob", big)), launch("extract", 1), KnownState.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Make the run config smaller");
  }

  @Test
  void shouldListTheOutputsASucceededStepLeftOutWhenBuildingTheKnownState() {
    var plan =
        new io.pipewright.core.snapshot.ExecutionPlanSnapshot(
            "job",
            List.of(
                new io.pipewright.core.snapshot.StepSnapshot(
                    "validate",
                    "validate",
                    "validate",
                    null,
                    List.of(),
                    List.of(
                        new io.pipewright.core.snapshot.StepOutputSnapshot(
                            "valid", "Any", false, false, "io_manager", null),
                        new io.pipewright.core.snapshot.StepOutputSnapshot(
                            "rejected", "Any", false, true, "io_manager", null)),
                    Map.of(),
                    null,
                    List.of(),
                    List.of())));
    KnownOutputs outputs = new KnownOutputs(plan);
    outputs.apply(Events.output("run-1", "validate", 1, "valid"));
    outputs.apply(Events.success("run-1", "validate", 1));

    KnownState known = outputs.knownState(Map.of());

    assertThat(known.isMissing("validate", "rejected")).isTrue();
    assertThat(known.isMissing("validate", "valid")).isFalse();
  }

  @Test
  void shouldBuildEachAttemptAsOneAtATimeWouldWhenTheRunIsPreparedOnce() {
    AttemptTokens tokens = new AttemptTokens(SECRET);
    List<String> asked = new java.util.ArrayList<>();
    LaunchRequests requests =
        new LaunchRequests(
            tokens,
            Duration.ofHours(1),
            "http://webserver:3000",
            null,
            Clock.fixed(NOW, ZoneOffset.UTC),
            (location, job, fromPlan) -> {
              asked.add(location);
              return "etl:1";
            });
    Run run = run(Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 3)))));
    KnownState known = KnownState.builder().notProduced("split", "note").build();

    LaunchRequests.ForRun prepared = requests.forRun(run, null);
    LaunchRequest first = prepared.build(launch("extract", 2), known);
    LaunchRequest second = prepared.build(launch("load", 1), KnownState.empty());

    assertThat(asked).hasSize(1);
    assertThat(first).isEqualTo(requests.build(run, launch("extract", 2), known));
    assertThat(second).isEqualTo(requests.build(run, launch("load", 1), KnownState.empty()));
    StepExecutionArgs args = StepArgsCodec.decode(second.command().get(2));
    assertThat(args.stepKey()).isEqualTo("load");
    assertThat(args.runConfig()).isEqualTo(run.runConfig());
    assertThat(tokens.verify(second.environment().get(LaunchRequests.TOKEN_ENV), NOW).stepKey())
        .isEqualTo("load");
  }

  @Test
  void shouldFailEachAttemptOfAPreparedRunWithTheChoosersReasonWhenThereIsNoImage() {
    LaunchRequests requests = withoutImage();

    LaunchRequests.ForRun prepared = requests.forRun(run(Map.of()), null);

    for (String step : List.of("extract", "load")) {
      assertThatThrownBy(() -> prepared.build(launch(step, 1), KnownState.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no image for etl");
    }
  }

  @Test
  void shouldRefuseAnAttemptOfAnotherRunWhenTheRunIsPrepared() {
    LaunchRequests requests =
        new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC());
    StepLaunch other =
        new StepLaunch(
            new AttemptId("run-2", "extract", 1),
            "extract",
            null,
            AttemptOrigin.FIRST,
            0,
            null,
            Map.of(),
            Map.of());

    assertThatThrownBy(() -> requests.forRun(run(Map.of()), null).build(other, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not of run run-1");
  }

  @Test
  void shouldListAnOutputLeftOutSinceTheLastKnownStateWhenTheMappingsAreTheSame() {
    var plan =
        new io.pipewright.core.snapshot.ExecutionPlanSnapshot(
            "job",
            List.of(
                new io.pipewright.core.snapshot.StepSnapshot(
                    "validate",
                    "validate",
                    "validate",
                    null,
                    List.of(),
                    List.of(
                        new io.pipewright.core.snapshot.StepOutputSnapshot(
                            "rejected", "Any", false, true, "io_manager", null)),
                    Map.of(),
                    null,
                    List.of(),
                    List.of())));
    KnownOutputs outputs = new KnownOutputs(plan);
    Map<String, Map<String, List<String>>> mappings =
        Map.of("split", Map.of("parts", List.of("a")));

    KnownState before = outputs.knownState(mappings);
    outputs.apply(Events.success("run-1", "validate", 1));
    KnownState after = outputs.knownState(mappings);

    assertThat(before.isMissing("validate", "rejected")).isFalse();
    assertThat(after.isMissing("validate", "rejected")).isTrue();
    assertThat(outputs.knownState(mappings)).isSameAs(after);
    assertThat(after.dynamicMappingKeys()).isEqualTo(mappings);
  }
}
