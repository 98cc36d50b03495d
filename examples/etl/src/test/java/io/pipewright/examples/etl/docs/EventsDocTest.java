package io.pipewright.examples.etl.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.EventFormatter;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.metadata.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippet of the "Event" section of {@code docs/concepts.md}. */
class EventsDocTest {

  @Test
  void shouldStreamAndKeepTheEventLogWhenARunEnds() {
    // tag::events[]
    OpDefinition publish =
        OpDefinition.builder("publish_report")
            .noOutputs()
            .compute(
                (ctx, in) -> {
                  ctx.log().info("Publishing the report", Map.of("rows", 3)); // LOG_MESSAGE
                  ctx.logEvent(
                      AssetMaterialization.of(
                          AssetKey.of("reports", "daily_orders"), Metadata.of("rows", 3)));
                  return null;
                })
            .build();

    List<String> lines = new ArrayList<>();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("publish", publish).build())
            .listener(event -> lines.add(EventFormatter.format(event))) // as each event happens
            .execute();

    List<AssetKey> materialized = new ArrayList<>();
    for (RunEvent event : result.eventsOfType(EventType.ASSET_MATERIALIZATION)) {
      materialized.add(((MaterializationData) event.data()).materialization().assetKey());
    }
    // end::events[]

    assertThat(materialized).containsExactly(AssetKey.of("reports", "daily_orders"));
    assertThat(result.events())
        .extracting(RunEvent::type)
        .containsExactly(
            EventType.RUN_START,
            EventType.STEP_START,
            EventType.LOG_MESSAGE,
            EventType.ASSET_MATERIALIZATION,
            EventType.STEP_SUCCESS,
            EventType.RUN_SUCCESS);
    assertThat(result.events())
        .extracting(RunEvent::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(2)).contains("LOG_MESSAGE", "publish_report", "Publishing the report");
  }
}
