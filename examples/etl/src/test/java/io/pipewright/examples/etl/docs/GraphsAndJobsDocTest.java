package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.ENV;
import static io.pipewright.examples.etl.docs.DocOps.WAREHOUSE_CONFIG;
import static io.pipewright.examples.etl.docs.DocOps.dailyOrdersJob;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Graph", "Job" and "Run" sections of {@code docs/concepts.md}. */
class GraphsAndJobsDocTest {

  @Test
  void shouldRunNestedOpsUnderTheirGraphPathWhenTheJobRuns() {
    ExecutionResult result =
        JobExecution.of(dailyOrdersJob()).runConfig(WAREHOUSE_CONFIG).env(ENV).execute();

    assertThat(result.stepKeysWith(STEP_SUCCESS))
        .containsExactly("read_orders", "clean.dedupe", "clean.drop_cancelled", "load_orders");
    assertThat(result.outputFor("load_orders")).isEqualTo(3);
  }

  @Test
  void shouldCarryTheJobsTagsAndDefaultConfigWhenBuilt() {
    var job = dailyOrdersJob();

    assertThat(job.tags()).containsEntry("team", "analytics");
    assertThat(job.defaultConfig().opConfig("read_orders")).isEqualTo(Map.of("limit", 100));
    assertThat(job.executor().maxConcurrent()).isEqualTo(2);
    assertThat(job.resources()).containsOnlyKeys("warehouse");
    assertThat(job.opRetryPolicy()).contains(io.pipewright.sdk.RetryPolicy.of(1));
  }

  @Test
  void shouldReportSuccessAndOutputsWhenARunEnds() {
    // tag::run[]
    Map<String, Object> secret = Map.of("env", "WAREHOUSE_PASSWORD");
    RunConfig config =
        RunConfig.builder()
            .opConfig("read_orders", Map.of("limit", 3))
            .resourceConfig("warehouse", Map.of("url", "warehouse://analytics", "password", secret))
            .build();

    ExecutionResult result =
        JobExecution.of(dailyOrdersJob())
            .runConfig(config) // merged over the job's default config
            .runId("daily-2026-01-01") // default: a random UUID
            .tag("triggered_by", "docs")
            .env(EnvLookup.of(Map.of("WAREHOUSE_PASSWORD", "s3cret"))) // default: System.getenv
            .execute();

    boolean succeeded = result.isSuccess(); // RUN_SUCCESS, or RUN_FAILURE
    List<String> failed = result.failedSteps(); // step keys, such as "clean.dedupe"
    Object loaded = result.outputFor("load_orders"); // read back through the IO manager
    List<RunEvent> events = result.events(); // the run's whole event log
    // end::run[]

    assertThat(succeeded).isTrue();
    assertThat(failed).isEmpty();
    // limit 3 reads o1, o2 and its duplicate: one left after dedupe.
    assertThat(loaded).isEqualTo(2);
    assertThat(events.get(0).runId()).isEqualTo("daily-2026-01-01");
  }
}
