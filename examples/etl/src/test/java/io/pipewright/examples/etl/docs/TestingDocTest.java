package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.DROP_CANCELLED;
import static io.pipewright.examples.etl.docs.DocOps.LOAD_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.READ_ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static io.pipewright.sdk.event.EventType.STEP_OUTPUT;
import static io.pipewright.sdk.event.EventType.STEP_START;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.examples.etl.Warehouse;
import io.pipewright.examples.etl.WarehouseConfig;
import io.pipewright.examples.etl.docs.DocOps.ReadOrdersConfig;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.OpInvoker;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestOpContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Testing with sdk-testing" section of {@code docs/concepts.md}. */
class TestingDocTest {

  @Test
  void shouldDropCancelledOrdersWhenTheOpIsInvokedDirectly() throws Exception {
    // tag::op-invoke[]
    TestOpContext context = TestOpContext.builder().build();

    Output output = (Output) OpInvoker.invoke(DROP_CANCELLED, context, Map.of("orders", SAMPLE));

    assertThat(output.value()).asList().hasSize(4);
    assertThat(output.metadata()).isEqualTo(Metadata.of("rows", 4));
    assertThat(context.logMessages()).containsExactly("Dropped cancelled orders");
    // end::op-invoke[]
  }

  @Test
  void shouldUseTheContextsConfigAndResourcesWhenTheOpIsInvokedDirectly() throws Exception {
    // tag::test-context[]
    Warehouse warehouse = new Warehouse(new WarehouseConfig("warehouse://test", "pw", "scratch"));
    TestOpContext context =
        TestOpContext.builder()
            .config(new ReadOrdersConfig(2, List.of("north")))
            .resource("warehouse", warehouse) // the value itself, not a definition
            .build();

    Object read = OpInvoker.invoke(READ_ORDERS, context, Map.of());
    Object loaded = OpInvoker.invoke(LOAD_ORDERS, context, Map.of("orders", read));

    assertThat(loaded).isEqualTo(2);
    assertThat(context.materializations())
        .extracting(m -> m.assetKey())
        .containsExactly(AssetKey.of("analytics", "orders"));
    // end::test-context[]
    assertThat(read).asList().extracting(o -> ((Order) o).id()).containsExactly("o1", "o3");
  }

  @Test
  void shouldSucceedStepByStepWhenTheJobRunsInProcess() {
    // tag::run-assertions[]
    Warehouse fake = new Warehouse(new WarehouseConfig("warehouse://test", "pw", "scratch"));

    ExecutionResult result =
        JobExecution.of(dailyOrdersJob())
            .resource("warehouse", ResourceDefinition.of(fake))
            .execute();

    RunAssertions.assertThat(result) // on failure, prints the run's whole event log
        .succeeded()
        .stepEvents("clean.dedupe", STEP_START, STEP_OUTPUT, STEP_SUCCESS)
        .outputEquals("load_orders", 3);
    // end::run-assertions[]
  }
}
