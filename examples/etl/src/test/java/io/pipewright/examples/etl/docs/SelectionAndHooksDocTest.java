package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DynamicDocTest.REGION_TOTALS;
import static io.pipewright.examples.etl.docs.DynamicDocTest.regionTotalsJob;
import static io.pipewright.examples.etl.docs.RetriesDocTest.downloadFeed;
import static io.pipewright.sdk.event.EventType.HOOK_COMPLETED;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Alerts;
import io.pipewright.examples.etl.docs.RetriesDocTest.FeedClient;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Op selection" and "Hooks" sections of {@code docs/concepts.md}. */
class SelectionAndHooksDocTest {

  @Test
  void shouldRunOnlyTheSelectedOpsWhenASelectionIsGiven() {
    // tag::op-selection[]
    // At launch: read_orders and the ops that read its output directly.
    ExecutionResult partial =
        JobExecution.of(regionTotalsJob()).opSelection("read_orders+").execute();

    // In a job: region_total and everything upstream of it, never grand_total.
    JobDefinition totalsOnly =
        JobDefinition.builder("region_totals_only", REGION_TOTALS)
            .config(RunConfig.builder().opConfig("read_orders", Map.of("limit", 10)).build())
            .opSelection("*region_total")
            .build();
    // end::op-selection[]

    assertThat(partial.stepKeysWith(STEP_SUCCESS))
        .containsExactly("read_orders", "split_by_region");
    ExecutionResult totals = JobExecution.of(totalsOnly).execute();
    assertThat(totals.stepKeysWith(STEP_SUCCESS))
        .containsExactly(
            "read_orders",
            "split_by_region",
            "region_total[east]",
            "region_total[north]",
            "region_total[south]");
  }

  @Test
  void shouldPostAnAlertWhenAStepFailsForGood() {
    Alerts alerts = new Alerts();
    // tag::hooks[]
    FeedClient emptyFeed = List::of; // a feed without lines: download_feed fails
    HookDefinition alertOnFailure =
        HookDefinition.onFailure(
            "alert_on_failure",
            ctx -> {
              String error = ctx.error().map(ErrorInfo::message).orElse("unknown error");
              ctx.resource("alerts", Alerts.class).post(ctx.stepKey() + " failed: " + error);
            },
            "alerts"); // the resources the hook uses

    JobDefinition job =
        JobDefinition.builder("feed_job", downloadFeed(emptyFeed))
            .resource("alerts", ResourceDefinition.of(alerts))
            .hook(alertOnFailure) // runs after every step that fails for good
            .hook(HookDefinition.onSuccess("audit", ctx -> ctx.log().info(ctx.stepKey() + " done")))
            .build();
    // end::hooks[]

    ExecutionResult result = JobExecution.of(job).execute();

    RunAssertions.assertThat(result).failed().hasStepEvent("download_feed", HOOK_COMPLETED);
    assertThat(alerts.posted()).containsExactly("download_feed failed: The feed is empty");
  }

  @Test
  void shouldRunTheSuccessHookWhenTheStepSucceeds() {
    Alerts alerts = new Alerts();
    FeedClient feed = () -> List.of("o1,12.5");
    JobDefinition job =
        JobDefinition.builder("feed_job", downloadFeed(feed))
            .resource("alerts", ResourceDefinition.of(alerts))
            .hook(HookDefinition.onSuccess("audit", ctx -> ctx.log().info(ctx.stepKey() + " done")))
            .build();

    ExecutionResult result = JobExecution.of(job).execute();

    RunAssertions.assertThat(result).succeeded().hasStepEvent("download_feed", HOOK_COMPLETED);
    assertThat(result.eventsForStep("download_feed"))
        .anyMatch(e -> e.message().equals("download_feed done"));
    assertThat(alerts.posted()).isEmpty();
  }
}
