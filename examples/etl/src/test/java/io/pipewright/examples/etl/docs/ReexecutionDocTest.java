package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.DAILY_ORDERS;
import static io.pipewright.sdk.event.EventType.LOADED_INPUT;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Warehouse;
import io.pipewright.examples.etl.WarehouseConfig;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the snippet of the "Re-execution" section of {@code docs/concepts.md}. */
class ReexecutionDocTest {

  @Test
  void shouldRunOnlyTheFailedStepsLoadingTheOthersFromTheParentRun(@TempDir Path storage) {
    WarehouseConfig config = new WarehouseConfig("warehouse://test", "pw", "scratch");
    Warehouse closed = new Warehouse(config);
    closed.close(); // writing fails: load_orders fails
    Warehouse warehouse = new Warehouse(config);
    // tag::reexecute[]
    JobDefinition job =
        JobDefinition.builder("daily_orders_job", DAILY_ORDERS)
            .resource("io_manager", IOManagers.filesystem(storage)) // outputs outlive the run
            .build();
    ExecutionResult failed =
        JobExecution.of(job)
            .runConfig(RunConfig.builder().opConfig("read_orders", Map.of("limit", 100)).build())
            .resource("warehouse", ResourceDefinition.of(closed))
            .execute();

    ExecutionResult fromFailure =
        JobExecution.of(job)
            .resource("warehouse", ResourceDefinition.of(warehouse))
            .reexecuteFromFailure(failed) // load_orders only; its input comes from `failed`
            // no run config: it covers only the steps that run, and load_orders takes none
            .execute();
    ExecutionResult chosen =
        JobExecution.of(job)
            .resource("warehouse", ResourceDefinition.of(warehouse))
            .reexecute(failed.runId(), "clean.drop_cancelled", "load_orders") // chosen steps
            .execute();
    // end::reexecute[]

    RunAssertions.assertThat(failed).failed().stepFailed("load_orders");
    RunAssertions.assertThat(fromFailure).succeeded().outputEquals("load_orders", 3);
    assertThat(fromFailure.stepKeysWith(STEP_SUCCESS)).containsExactly("load_orders");
    assertThat(fromFailure.eventsForStep("load_orders")).anyMatch(e -> e.type() == LOADED_INPUT);
    assertThat(storage.resolve(failed.runId()).resolve("clean.drop_cancelled/result.json"))
        .exists();
    assertThat(storage.resolve(fromFailure.runId()).resolve("clean.drop_cancelled")).doesNotExist();
    assertThat(storage.resolve(fromFailure.runId()).resolve("load_orders/result.json")).exists();
    assertThat(chosen.stepKeysWith(STEP_SUCCESS))
        .containsExactly("clean.drop_cancelled", "load_orders");
    assertThat(warehouse.written()).hasSize(6);
  }

  @Test
  void shouldTagTheReexecutionWithItsParentRun(@TempDir Path storage) {
    AtomicInteger attempts = new AtomicInteger();
    Map<String, String> tags = new HashMap<>();
    OpDefinition flaky =
        OpDefinition.builder("flaky")
            .output(Types.INT)
            .compute(
                (ctx, in) -> {
                  tags.putAll(ctx.runTags());
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("first run fails");
                  }
                  return 1;
                })
            .build();
    JobDefinition job =
        JobDefinition.builder("flaky_job", flaky)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    ExecutionResult failed = JobExecution.of(job).execute();

    ExecutionResult again = JobExecution.of(job).reexecuteFromFailure(failed).execute();

    RunAssertions.assertThat(again).succeeded();
    assertThat(tags).containsEntry(JobExecution.PARENT_RUN_TAG, failed.runId());
    assertThat(JobExecution.PARENT_RUN_TAG).isEqualTo("dagster/parent_run_id");
  }
}
