package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.READ_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.examples.etl.docs.DocOps.ReadOrdersConfig;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.config.ConfigSchema;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.JsonSchemaExporter;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.execution.RunConfigException;
import io.pipewright.sdk.testing.OpInvoker;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestOpContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Config" section of {@code docs/concepts.md}. */
class ConfigDocTest {

  static RunConfig northOnly() {
    // tag::run-config[]
    // Read from the environment when the warehouse is set up; never stored or logged.
    Map<String, Object> secret = Map.of("env", "WAREHOUSE_PASSWORD");
    RunConfig config =
        RunConfig.builder()
            .opConfig("read_orders", Map.of("limit", 10, "regions", List.of("north")))
            .resourceConfig("warehouse", Map.of("url", "warehouse://analytics", "password", secret))
            .build();

    // The same, as JSON (what a launch request carries):
    RunConfig fromJson =
        RunConfig.fromJson(
            """
            {"ops": {"read_orders": {"config": {"limit": 10, "regions": ["north"]}}},
             "resources": {"warehouse": {"config": {
                 "url": "warehouse://analytics", "password": {"env": "WAREHOUSE_PASSWORD"}}}}}
            """);
    // end::run-config[]
    assertThat(fromJson).isEqualTo(config);
    return config;
  }

  @Test
  void shouldReadOnlyTheConfiguredRegionWhenRunWithRunConfig() {
    ExecutionResult result =
        JobExecution.of(dailyOrdersJob())
            .runConfig(northOnly())
            .env(EnvLookup.of(Map.of("WAREHOUSE_PASSWORD", "s3cret")))
            .execute();

    // o1 (paid) and o3 (cancelled) are in the north.
    RunAssertions.assertThat(result).succeeded().outputEquals("load_orders", 1);
  }

  @Test
  void shouldKeepEnvReferencesOutOfTheRunConfigWhenItIsWritten() {
    assertThat(northOnly().toJson()).contains("{\"env\":\"WAREHOUSE_PASSWORD\"}");
  }

  @Test
  void shouldFillDefaultsWhenRunConfigLeavesThemOut() {
    JobDefinition job = JobDefinition.builder("read", READ_ORDERS).build();

    ExecutionResult result =
        JobExecution.of(job)
            .runConfig(RunConfig.builder().opConfig("read_orders", Map.of("limit", 2)).build())
            .execute();

    // The default regions (north, south, east) apply: o1 and o2 are read.
    assertThat(result.outputFor("read_orders")).asList().hasSize(2);
  }

  @Test
  void shouldPassTheRecordToTheOpWhenInvokedWithAConfigRecord() throws Exception {
    TestOpContext context =
        TestOpContext.builder().config(new ReadOrdersConfig(5, List.of("east"))).build();

    Object orders = OpInvoker.invoke(READ_ORDERS, context, Map.of());

    assertThat(orders).asList().extracting(o -> ((Order) o).id()).containsExactly("o4");
  }

  @Test
  void shouldDescribeTheConfigRecordWhenExportedAsJsonSchema() {
    assertThat(
            JsonSchemaExporter.toJsonSchemaString(ConfigSchema.fromClass(ReadOrdersConfig.class)))
        .contains("How many orders to read.", "\"limit\"", "\"regions\"");
  }

  @Test
  void shouldListEveryProblemWhenTheRunConfigIsInvalid() throws Exception {
    // tag::config-errors[]
    String message = null;
    RunConfig typo =
        RunConfig.fromJson(
            "{\"ops\": {\"read_orders\": {\"config\": {\"limt\": 10, \"regions\": \"north\"}}}}");
    try {
      JobExecution.of(dailyOrdersJob()).runConfig(typo).execute();
    } catch (RunConfigException e) {
      message = e.getMessage(); // every problem at once, each with its path; nothing has run
    }
    // end::config-errors[]

    assertThat(message).contains("limt");
    ConceptsDocTest.assertDocShowsOutput("config-errors", message);
  }
}
