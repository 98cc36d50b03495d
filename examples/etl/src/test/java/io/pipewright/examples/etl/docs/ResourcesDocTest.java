package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.ENV;
import static io.pipewright.examples.etl.docs.DocOps.LOAD_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;
import static io.pipewright.examples.etl.docs.DocOps.WAREHOUSE_CONFIG;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static io.pipewright.sdk.event.EventType.RESOURCE_INIT_FAILURE;
import static io.pipewright.sdk.event.EventType.RESOURCE_INIT_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Warehouse;
import io.pipewright.examples.etl.WarehouseConfig;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.ResourceData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Resource" section of {@code docs/concepts.md}. */
class ResourcesDocTest {

  /** The steps in which the warehouse was set up. */
  static List<String> warehouseInits(ExecutionResult result) {
    return result.eventsOfType(RESOURCE_INIT_SUCCESS).stream()
        .filter(e -> ((ResourceData) e.data()).resourceKey().equals("warehouse"))
        .map(RunEvent::stepKey)
        .toList();
  }

  @Test
  void shouldSetTheWarehouseUpAroundTheStepThatUsesItWhenTheJobRuns() {
    ExecutionResult result =
        JobExecution.of(dailyOrdersJob()).runConfig(WAREHOUSE_CONFIG).env(ENV).execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(warehouseInits(result)).containsExactly("load_orders");
  }

  @Test
  void shouldFailTheStepWhenTheResourcesSecretIsMissing() {
    ExecutionResult result =
        JobExecution.of(dailyOrdersJob())
            .runConfig(WAREHOUSE_CONFIG)
            .env(EnvLookup.of(Map.of()))
            .execute();

    RunAssertions.assertThat(result)
        .failed()
        .hasStepEvent("load_orders", RESOURCE_INIT_FAILURE)
        .stepFailedWith("load_orders", "WAREHOUSE_PASSWORD");
  }

  @Test
  void shouldUseTheFakeWarehouseWhenATestReplacesTheResource() {
    // tag::resource-override[]
    Warehouse fake = new Warehouse(new WarehouseConfig("warehouse://test", "unused", "scratch"));

    ExecutionResult result =
        JobExecution.of(dailyOrdersJob())
            .resource("warehouse", ResourceDefinition.of(fake)) // for this run only
            .execute();

    assertThat(fake.written())
        .containsExactly(
            "scratch.orders: o1,120.0", "scratch.orders: o2,80.0", "scratch.orders: o4,42.0");
    // end::resource-override[]
    RunAssertions.assertThat(result).succeeded();
  }

  /** Two steps that use the warehouse. */
  static JobDefinition twoLoads(ResourceDefinition<Warehouse> warehouse) {
    OpDefinition source =
        OpDefinition.builder("source").output(ORDERS).compute((ctx, in) -> SAMPLE).build();
    GraphDefinition graph =
        GraphDefinition.builder("two_loads")
            .compose(
                g -> {
                  var raw = g.add(source);
                  g.add("load_a", LOAD_ORDERS).in("orders", raw.out());
                  g.add("load_b", LOAD_ORDERS).in("orders", raw.out());
                })
            .build();
    return JobDefinition.builder("two_loads", graph)
        .resource("warehouse", warehouse)
        .config(
            RunConfig.builder()
                .resourceConfig("warehouse", Map.of("url", "warehouse://test", "password", "pw"))
                .build())
        .build();
  }

  @Test
  void shouldSetTheResourceUpOncePerRunWhenTheScopeIsRun() {
    // tag::resource-scope[]
    ResourceDefinition<Warehouse> shared =
        ResourceDefinition.builder(ctx -> new Warehouse(ctx.config(WarehouseConfig.class)))
            .config(WarehouseConfig.class)
            .teardown(Warehouse::close)
            .scope(ResourceDefinition.Scope.RUN) // set up once, torn down when the run ends
            .build();
    // end::resource-scope[]

    ExecutionResult result = JobExecution.of(twoLoads(shared)).execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(warehouseInits(result)).containsExactly("load_a");
  }

  @Test
  void shouldSetTheResourceUpForEachStepWhenTheScopeIsStep() {
    ExecutionResult result = JobExecution.of(twoLoads(DocOps.WAREHOUSE)).execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(warehouseInits(result)).containsExactly("load_a", "load_b");
  }
}
