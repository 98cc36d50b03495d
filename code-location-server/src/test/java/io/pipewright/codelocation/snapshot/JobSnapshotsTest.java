package io.pipewright.codelocation.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.GraphNodeSnapshot;
import io.pipewright.core.snapshot.InputSnapshot;
import io.pipewright.core.snapshot.InputSourceSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.OutputMappingSnapshot;
import io.pipewright.core.snapshot.OutputSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.Jitter;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot of jobs, field by field: the graph tree, config schemas, resources. */
class JobSnapshotsTest {

  private static final DefinitionsSnapshotter SNAPSHOTTER =
      DefinitionsSnapshotter.forLocation("loc", "server-a", null);

  private static final ConfigType LIMIT =
      ConfigType.shape(
          ConfigField.required("limit", ConfigType.intType()).describedAs("How many."),
          ConfigField.withDefault(
              "mode", ConfigType.enumOf("Mode", List.of("FAST", "SAFE")), "FAST"));

  private static final OpDefinition READ =
      OpDefinition.builder("read")
          .description("Reads.")
          .config(LIMIT)
          .output(Out.of("rows", Types.list(Types.INT)).describedAs("The rows."))
          .tag("kind", "source")
          .requiredResources("db", "cache")
          .retryPolicy(
              RetryPolicy.builder()
                  .maxRetries(3)
                  .delay(Duration.ofSeconds(2))
                  .backoff(Backoff.LINEAR)
                  .jitter(Jitter.FULL)
                  .build())
          .compute((ctx, in) -> List.of())
          .build();

  private static final OpDefinition WRITE =
      OpDefinition.builder("write")
          .input(In.of("rows", Types.list(Types.INT)).describedAs("What to write."))
          .input(In.of("suffix", Types.STRING).withDefault("!"))
          .output(Types.NOTHING)
          .compute((ctx, in) -> null)
          .build();

  private static final GraphDefinition INNER =
      GraphDefinition.builder("inner")
          .description("Writes.")
          .compose(
              g -> {
                var rows = g.input(In.of("rows", Types.list(Types.INT)));
                var write = g.add("writer", WRITE).in("rows", rows).tag("stage", "inner");
                g.add(
                        OpDefinition.builder("count")
                            .input(In.nothing("after"))
                            .output(Types.INT)
                            .compute((ctx, in) -> 1)
                            .build())
                    .in("after", write.out());
              })
          .build();

  private static final JobDefinition JOB =
      JobDefinition.builder(
              "job",
              GraphDefinition.builder("outer")
                  .compose(
                      g -> {
                        var read = g.add(READ).tag("run", "nightly");
                        g.add("nested", INNER).in("rows", read.out("rows")).tag("layer", "2");
                      })
                  .build())
          .description("A job.")
          .tag("team", "data")
          .executor(ExecutorConfig.multiThread(3))
          .config(RunConfig.builder().opConfig("read", Map.of("limit", 5)).build())
          .resource("db", db())
          .resource("cache", ResourceDefinition.of(new Object()))
          .opSelection("read")
          .build();

  private static ResourceDefinition<String> db() {
    return ResourceDefinition.<String>builder(ctx -> "db")
        .description("The database.")
        .config(ConfigType.shape(ConfigField.required("url", ConfigType.string())))
        .build();
  }

  private static JobSnapshot job(CodeLocationSnapshot snapshot, String name) {
    return snapshot.job(name).orElseThrow();
  }

  @Test
  void shouldTranslateTheJobWithItsNestedGraphWhenSnapshotting() {
    JobSnapshot job = job(SNAPSHOTTER.snapshot(Definitions.builder().job(JOB).build()), "job");

    assertThat(job.description()).isEqualTo("A job.");
    assertThat(job.tags()).isEqualTo(Map.of("team", "data"));
    assertThat(job.graphName()).isEqualTo("outer");
    assertThat(job.executor()).isEqualTo(new ExecutorSnapshot("MULTI_THREAD", 3));
    assertThat(job.defaultRunConfig())
        .isEqualTo(Map.of("ops", Map.of("read", Map.of("config", Map.of("limit", 5L)))));
    assertThat(job.opSelection()).containsExactly("read");
    assertThat(job.assetSelection()).isNull();
    assertThat(job.partitions()).isNull();
    assertThat(job.resources()).extracting(ResourceSnapshot::key).containsExactly("cache", "db");
    assertThat(job.resource("db").orElseThrow())
        .isEqualTo(
            new ResourceSnapshot(
                "db",
                "The database.",
                new ConfigSchemaSnapshot.Shape(
                    List.of(
                        new ConfigFieldSnapshot(
                            "url",
                            new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.STRING),
                            true,
                            null,
                            null))),
                false,
                ResourceSnapshot.Scope.STEP));

    OpNodeSnapshot read = (OpNodeSnapshot) job.node("read").orElseThrow();
    assertThat(read.definitionName()).isEqualTo("read");
    assertThat(read.description()).isEqualTo("Reads.");
    assertThat(read.inputs()).isEmpty();
    assertThat(read.outputs())
        .containsExactly(
            new OutputSnapshot(
                "rows", "List[Int]", "The rows.", false, false, "io_manager", null, List.of()));
    assertThat(read.tags()).isEqualTo(Map.of("kind", "source", "run", "nightly"));
    assertThat(read.requiredResources()).containsExactly("cache", "db");
    assertThat(read.retryPolicy())
        .isEqualTo(
            new RetryPolicySnapshot(
                3,
                Duration.ofSeconds(2),
                RetryPolicySnapshot.Backoff.LINEAR,
                RetryPolicySnapshot.Jitter.FULL));
    assertThat(read.config())
        .isEqualTo(
            new ConfigSchemaSnapshot.Shape(
                List.of(
                    new ConfigFieldSnapshot(
                        "limit",
                        new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.INT),
                        true,
                        null,
                        "How many."),
                    new ConfigFieldSnapshot(
                        "mode",
                        new ConfigSchemaSnapshot.EnumType("Mode", List.of("FAST", "SAFE")),
                        false,
                        "FAST",
                        null))));

    GraphNodeSnapshot nested = (GraphNodeSnapshot) job.node("nested").orElseThrow();
    assertThat(nested.definitionName()).isEqualTo("inner");
    assertThat(nested.description()).isEqualTo("Writes.");
    assertThat(nested.tags()).isEqualTo(Map.of("layer", "2"));
    assertThat(nested.inputs())
        .containsExactly(
            new InputSnapshot(
                "rows",
                "List[Int]",
                null,
                List.of(new InputSourceSnapshot.NodeOutput("read", "rows", false)),
                false,
                null,
                List.of()));
    assertThat(nested.outputMappings()).isEmpty();
    OpNodeSnapshot writer = (OpNodeSnapshot) job.node("nested.writer").orElseThrow();
    assertThat(writer.definitionName()).isEqualTo("write");
    assertThat(writer.tags()).isEqualTo(Map.of("stage", "inner"));
    assertThat(writer.inputs())
        .containsExactly(
            new InputSnapshot(
                "rows",
                "List[Int]",
                "What to write.",
                List.of(new InputSourceSnapshot.GraphInput("rows")),
                false,
                null,
                List.of()),
            new InputSnapshot("suffix", "String", null, List.of(), true, null, List.of()));
    assertThat(writer.retryPolicy()).isNull();
    assertThat(writer.config()).isNull();
    OpNodeSnapshot count = (OpNodeSnapshot) job.node("nested.count").orElseThrow();
    assertThat(count.inputs().get(0).typeName()).isEqualTo("Nothing");
    assertThat(count.inputs().get(0).sources())
        .containsExactly(new InputSourceSnapshot.NodeOutput("writer", "result", false));
  }

  @Test
  void shouldAskOnlyForTheConfigOfSelectedOpsWhenTheJobHasAnOpSelection() {
    JobSnapshot job = job(SNAPSHOTTER.snapshot(Definitions.builder().job(JOB).build()), "job");

    ConfigSchemaSnapshot.Shape schema = (ConfigSchemaSnapshot.Shape) job.runConfigSchema();
    assertThat(schema.fields())
        .extracting(ConfigFieldSnapshot::name)
        .containsExactly("ops", "resources", "execution");
    ConfigSchemaSnapshot.Shape ops =
        (ConfigSchemaSnapshot.Shape) schema.field("ops").orElseThrow().type();
    assertThat(ops.fields()).extracting(ConfigFieldSnapshot::name).containsExactly("read");
  }

  @Test
  void shouldMapGraphOutputsWhenAGraphExposesAnInnerOutput() {
    GraphDefinition exposing =
        GraphDefinition.builder("exposing")
            .compose(
                g -> {
                  var count =
                      g.add(
                          OpDefinition.builder("count")
                              .output(Types.INT)
                              .compute((ctx, in) -> 1)
                              .build());
                  g.output("total", count.out());
                })
            .build();
    JobSnapshot job =
        job(
            SNAPSHOTTER.snapshot(
                Definitions.builder().job(JobDefinition.builder("j", exposing).build()).build()),
            "j");

    assertThat(job.nodes()).extracting(n -> n.name()).containsExactly("count");
    GraphDefinition outer =
        GraphDefinition.builder("outer").compose(g -> g.add("sub", exposing)).build();
    JobSnapshot nested =
        job(
            SNAPSHOTTER.snapshot(
                Definitions.builder().job(JobDefinition.builder("n", outer).build()).build()),
            "n");
    assertThat(((GraphNodeSnapshot) nested.node("sub").orElseThrow()).outputMappings())
        .containsExactly(new OutputMappingSnapshot("total", "count", "result"));
  }
}
