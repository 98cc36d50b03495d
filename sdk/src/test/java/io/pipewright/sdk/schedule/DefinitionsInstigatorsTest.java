package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.types.Types;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DefinitionsInstigatorsTest {
  private static final AssetKey ORDERS = AssetKey.of("warehouse", "orders");

  private static JobDefinition job(String name) {
    OpDefinition op =
        OpDefinition.builder(name + "_op").output(Types.ANY).compute((ctx, in) -> 1).build();
    return JobDefinition.builder(name, op).build();
  }

  private static AssetDefinition orders() {
    return AssetDefinition.builder(ORDERS).type(Types.INT).compute((ctx, in) -> 1).build();
  }

  private static SensorDefinition sensor(String name) {
    return SensorDefinition.builder(name, ctx -> SensorResult.runs()).job("etl").build();
  }

  @Test
  void shouldExposeSchedulesAndSensorsByNameWhenValid() {
    ScheduleDefinition nightly = ScheduleDefinition.builder("nightly", "@daily").job("etl").build();
    ScheduleDefinition assets =
        ScheduleDefinition.builder("orders_hourly", "@hourly")
            .assets(AssetSelection.keys(ORDERS))
            .build();
    SensorDefinition files = sensor("files");
    RunStatusSensorDefinition failures =
        RunStatusSensorDefinition.builder("failures", RunStatus.FAILURE, ctx -> SensorResult.runs())
            .monitoredJobs("etl")
            .build();
    AssetSensorDefinition external =
        AssetSensorDefinition.builder(
                "upstream", AssetKey.of("elsewhere", "table"), (ctx, e) -> SensorResult.runs())
            .job(Definitions.IMPLICIT_ASSET_JOB)
            .build();
    Definitions defs =
        Definitions.builder()
            .jobs(job("etl"))
            .assets(orders())
            .schedules(nightly, assets)
            .sensors(files, failures, external)
            .build();
    assertThat(defs.schedules()).containsExactly(nightly, assets);
    assertThat(defs.sensors()).containsExactly(files, failures, external);
    assertThat(defs.schedule("nightly")).isSameAs(nightly);
    assertThat(defs.sensor("failures")).isSameAs(failures);
    assertThatThrownBy(() -> defs.schedule("weekly"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "No schedule named 'weekly'. The schedules in these definitions: nightly,"
                + " orders_hourly.");
    assertThatThrownBy(() -> defs.sensor("nightly"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("The sensors in these definitions: files, failures, upstream.");
  }

  @Test
  void shouldHaveNoSchedulesOrSensorsWhenNoneAreAdded() {
    Definitions defs = Definitions.builder().jobs(job("etl")).build();
    assertThat(defs.schedules()).isEmpty();
    assertThat(defs.sensors()).isEmpty();
    assertThatThrownBy(() -> defs.sensor("x")).hasMessageContaining("in these definitions: none");
  }

  @Test
  void shouldReportEveryProblemAtOnceWhenSchedulesAndSensorsAreInvalid() {
    DefinitionsException e =
        catchThrowableOfType(
            DefinitionsException.class,
            () ->
                Definitions.builder()
                    .jobs(job("etl"))
                    .assets(orders())
                    .schedules(
                        ScheduleDefinition.builder("nightly", "@daily").job("etl").build(),
                        ScheduleDefinition.builder("no_target", "@daily").build(),
                        ScheduleDefinition.builder("typo", "@daily").job("elt").build(),
                        ScheduleDefinition.builder("bad name", "@daily").job("etl").build(),
                        ScheduleDefinition.builder("missing_assets", "@daily")
                            .assets(AssetSelection.keys(AssetKey.of("warehouse", "order")))
                            .build())
                    .sensors(
                        sensor("nightly"),
                        SensorDefinition.builder("fast", ctx -> SensorResult.runs())
                            .minimumInterval(Duration.ofMillis(500))
                            .build(),
                        RunStatusSensorDefinition.builder(
                                "watch", RunStatus.SUCCESS, ctx -> SensorResult.runs())
                            .monitoredJobs("etl", "ghost")
                            .build())
                    .build());
    List<String> messages = e.errors().stream().map(DefinitionError::message).toList();
    assertThat(messages)
        .containsExactly(
            "schedule 'no_target': the schedule has no target. Fix: call job(name) or"
                + " assets(selection) on its builder",
            "schedule 'typo': it targets job 'elt', which is not in these definitions. Fix: add"
                + " the job to the definitions, or target one of etl",
            "schedule 'bad name': the name is not valid. Fix: use only letters, digits and"
                + " underscores",
            messages.get(3),
            "sensor 'nightly': the schedule 'nightly' has this name too. Fix: give each schedule"
                + " and sensor its own name: they share one namespace",
            "sensor 'fast': its minimum interval is PT0.5S, but it must be a whole number of"
                + " seconds, at least 1. Fix: use minimumInterval(Duration.ofSeconds(n)) with n >="
                + " 1 (the default is 30 seconds)",
            "sensor 'watch': it monitors job 'ghost', which is not in these definitions. Fix:"
                + " monitor one of the jobs etl, or none to monitor every job");
    assertThat(messages.get(3))
        .startsWith("schedule 'missing_assets' > asset selection: ")
        .contains("warehouse/order")
        .endsWith("Fix: select assets that are in these definitions");
  }

  @Test
  void shouldReportInstigatorProblemsTogetherWithJobProblemsWhenBothExist() {
    DefinitionsException e =
        catchThrowableOfType(
            DefinitionsException.class,
            () ->
                Definitions.builder()
                    .jobs(job("etl"), job("etl"))
                    .sensors(sensor("s"), sensor("s"))
                    .build());
    assertThat(e.errors())
        .extracting(DefinitionError::element)
        .containsExactly("job 'etl'", "sensor 's'");
  }
}
