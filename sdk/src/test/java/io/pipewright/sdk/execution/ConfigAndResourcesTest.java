package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.config.ConfigErrorReason;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.EventFormatter;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConfigAndResourcesTest {

  record ExtractConfig(int limit, @ConfigDefault("\"csv\"") String format) {}

  record DbConfig(String url, String password) {}

  /** A client that records its life. */
  static final class Client {
    final String password;
    final List<String> journal;

    Client(String password, List<String> journal) {
      this.password = password;
      this.journal = journal;
      journal.add("open");
    }
  }

  static final OpDefinition EXTRACT =
      OpDefinition.builder("extract")
          .config(ExtractConfig.class)
          .output(Types.STRING)
          .compute(
              (ctx, in) -> {
                ExtractConfig c = ctx.config(ExtractConfig.class);
                return c.limit() + ":" + c.format();
              })
          .build();

  @Test
  void shouldGiveOpsTheirConfigWithDefaultsApplied() {
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", EXTRACT).build())
            .runConfig(RunConfig.builder().opConfig("extract", Map.of("limit", 5)).build())
            .execute();

    assertThat(result.outputFor("extract")).isEqualTo("5:csv");
  }

  @Test
  void shouldReportEveryConfigErrorWithItsPathBeforeAnythingRuns() {
    List<Object> seen = new ArrayList<>();
    JobExecution execution =
        JobExecution.of(
                JobDefinition.builder(
                        "j",
                        GraphDefinition.builder("g")
                            .compose(
                                b -> {
                                  b.add(EXTRACT);
                                  b.add("extract_again", EXTRACT);
                                })
                            .build())
                    .build())
            .runConfig(
                RunConfig.of(
                    Map.of(
                        "ops",
                        Map.of(
                            "extract", Map.of("config", Map.of("limit", "ten")),
                            "extract_again", Map.of("config", Map.of("limt", 3))))))
            .listener(seen::add);

    assertThatThrownBy(execution::execute)
        .isInstanceOfSatisfying(
            RunConfigException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(c -> c.path())
                  .contains("ops.extract.config.limit", "ops.extract_again.config.limt");
              assertThat(e.errors())
                  .extracting(c -> c.reason())
                  .contains(ConfigErrorReason.WRONG_TYPE, ConfigErrorReason.UNEXPECTED_FIELD);
              assertThat(e.getMessage())
                  .contains("ops.extract.config.limit: expected int, got \"ten\"");
            });
    assertThat(seen).as("no event before config is valid").isEmpty();
  }

  @Test
  void shouldSetUpAndTearDownStepScopedResourcesAroundEachStepWithEnvSecretsNeverLogged() {
    List<String> journal = Collections.synchronizedList(new ArrayList<>());
    ResourceDefinition<Client> db =
        ResourceDefinition.builder(
                ctx -> new Client(ctx.config(DbConfig.class).password(), journal))
            .config(DbConfig.class)
            .teardown(c -> c.journal.add("close"))
            .build();
    OpDefinition query =
        OpDefinition.builder("query")
            .requiredResources("db")
            .output(Types.STRING)
            .compute(
                (ctx, in) -> {
                  journal.add("query");
                  return ctx.resource("db", Client.class).password.length() + " chars";
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", query).resource("db", db).build())
            .runConfig(
                RunConfig.builder()
                    .resourceConfig(
                        "db", Map.of("url", "pg://x", "password", Map.of("env", "DB_PASSWORD")))
                    .build())
            .env(EnvLookup.of(Map.of("DB_PASSWORD", "s3cret-value")))
            .execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(journal).containsExactly("open", "query", "close");
    assertThat(result.outputFor("query")).isEqualTo("12 chars");
    assertThat(result.events())
        .noneMatch(e -> EventFormatter.formatWithDetails(e).contains("s3cret-value"));
    assertThat(result.eventsOfType(EventType.RESOURCE_INIT_SUCCESS))
        .filteredOn(e -> e.message().contains("\"db\""))
        .hasSize(1);
  }

  @Test
  void shouldFailTheStepWithTheVariableNameWhenAnEnvSecretIsMissing() {
    ResourceDefinition<Client> db =
        ResourceDefinition.builder(ctx -> new Client("x", new ArrayList<>()))
            .config(DbConfig.class)
            .build();
    OpDefinition query =
        OpDefinition.builder("query").requiredResources("db").compute((ctx, in) -> 1).build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", query).resource("db", db).build())
            .runConfig(
                RunConfig.builder()
                    .resourceConfig(
                        "db", Map.of("url", "pg://x", "password", Map.of("env", "NOPE")))
                    .build())
            .env(EnvLookup.of(Map.of()))
            .execute();

    assertThat(result.failureOf("query").orElseThrow().message()).contains("NOPE", "db");
  }

  @Test
  void shouldFailOnlyTheStepsThatNeedAResourceWhoseSetUpThrows() {
    AtomicBoolean ran = new AtomicBoolean();
    ResourceDefinition<Object> broken =
        ResourceDefinition.builder(
                ctx -> {
                  throw new IllegalStateException("cannot connect");
                })
            .build();
    OpDefinition needs =
        OpDefinition.builder("needs")
            .requiredResources("broken")
            .compute(
                (ctx, in) -> {
                  ran.set(true);
                  return 1;
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", needs).resource("broken", broken).build())
            .execute();

    assertThat(ran).isFalse();
    assertThat(result.failureOf("needs").orElseThrow().message()).contains("cannot connect");
    assertThat(result.eventsOfType(EventType.RESOURCE_INIT_FAILURE)).hasSize(1);
  }

  @Test
  void shouldSetUpRunScopedResourcesOncePerRun() {
    List<String> journal = Collections.synchronizedList(new ArrayList<>());
    ResourceDefinition<Client> shared =
        ResourceDefinition.builder(ctx -> new Client("p", journal))
            .scope(ResourceDefinition.Scope.RUN)
            .teardown(c -> c.journal.add("close"))
            .build();
    OpDefinition use =
        OpDefinition.builder("use").requiredResources("shared").compute((ctx, in) -> 1).build();
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b -> {
                  b.add("a", use);
                  b.add("b", use);
                })
            .build();
    JobExecution.of(JobDefinition.builder("j", g).resource("shared", shared).build()).execute();

    assertThat(journal).containsExactly("open", "close");
  }

  @Test
  void shouldReportConfigErrorsOfResourcesToo() {
    ResourceDefinition<Client> db =
        ResourceDefinition.builder(ctx -> new Client("x", new ArrayList<>()))
            .config(DbConfig.class)
            .build();
    OpDefinition query =
        OpDefinition.builder("query").requiredResources("db").compute((ctx, in) -> 1).build();

    assertThatThrownBy(
            () ->
                JobExecution.of(JobDefinition.builder("j", query).resource("db", db).build())
                    .execute())
        .isInstanceOf(RunConfigException.class)
        .hasMessageContaining("resources");
  }

  @Test
  void shouldDropTheDefaultConfigOfAResourceReplacedByAnUnconfiguredFake() {
    ResourceDefinition<Client> db =
        ResourceDefinition.builder(ctx -> new Client("x", new ArrayList<>()))
            .config(DbConfig.class)
            .build();
    OpDefinition query =
        OpDefinition.builder("query")
            .requiredResources("db")
            .compute((ctx, in) -> ctx.resource("db", Client.class).password)
            .build();
    JobDefinition job =
        JobDefinition.builder("j", query)
            .resource("db", db)
            .config(
                RunConfig.builder()
                    .resourceConfig("db", Map.of("url", "pg://prod", "password", "p"))
                    .build())
            .build();

    ExecutionResult result =
        JobExecution.of(job)
            .resource("db", ResourceDefinition.of(new Client("fake", new ArrayList<>())))
            .execute();

    assertThat(result.outputFor("query")).isEqualTo("fake");
  }

  @Test
  void shouldDropDefaultConfigOfOpsAndResourcesTheSelectionLeavesOut() {
    ResourceDefinition<Client> db =
        ResourceDefinition.builder(ctx -> new Client("x", new ArrayList<>()))
            .config(DbConfig.class)
            .build();
    OpDefinition query =
        OpDefinition.builder("query").requiredResources("db").compute((ctx, in) -> 1).build();
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b -> {
                  b.add(EXTRACT);
                  b.add(query);
                })
            .build();
    JobDefinition job =
        JobDefinition.builder("j", g)
            .resource("db", db)
            .config(
                RunConfig.builder()
                    .opConfig("extract", Map.of("limit", 2))
                    .resourceConfig("db", Map.of("url", "pg://x", "password", "p"))
                    .build())
            .build();

    ExecutionResult onlyExtract = JobExecution.of(job).opSelection("extract").execute();

    assertThat(onlyExtract.isSuccess()).isTrue();
    assertThat(onlyExtract.outputFor("extract")).isEqualTo("2:csv");
    assertThatThrownBy(
            () ->
                JobExecution.of(job)
                    .opSelection("extract")
                    .runConfig(RunConfig.of(Map.of("ops", Map.of("extrakt", Map.of()))))
                    .execute())
        .isInstanceOf(RunConfigException.class)
        .hasMessageContaining("extrakt");
  }
}
