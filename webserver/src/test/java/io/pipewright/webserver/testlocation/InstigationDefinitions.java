package io.pipewright.webserver.testlocation;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.schedule.DefaultStatus;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleResult;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorResult;
import io.pipewright.sdk.types.Types;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/**
 * The test location's definitions for schedules, sensors and backfills: {@link TestDefinitions}'
 * jobs plus schedules, sensors and a partitioned asset job. An alternative without a priority
 * (which would enable it everywhere), enabled only by {@link Profile}, so that the other tests keep
 * seeing the test location as it was.
 */
@Alternative
@ApplicationScoped
public class InstigationDefinitions {

  /** The partitions of {@link #REGIONS_JOB}. */
  public static final StaticPartitionsDefinition REGIONS =
      StaticPartitionsDefinition.of("north", "south", "east", "west");

  /** A partitioned asset job. */
  public static final String REGIONS_JOB = "regions_job";

  /** The partitioned asset. */
  public static final AssetKey REGION_SALES = AssetKey.of("region_sales");

  /**
   * Produces the definitions.
   *
   * @return the definitions
   */
  @Produces
  @Singleton
  @Alternative
  Definitions definitions() {
    ScheduleDefinition hourly =
        ScheduleDefinition.builder("hello_hourly", "0 * * * *")
            .timezone("Europe/Berlin")
            .description("Says hello every hour.")
            .job("hello")
            .evaluation(
                ctx ->
                    ScheduleResult.runs(
                        RunRequest.builder()
                            .runKey(ctx.scheduledTime().toString())
                            .tag("when", ctx.localScheduledTime().toLocalTime().toString())
                            .build()))
            .build();
    ScheduleDefinition nightly =
        ScheduleDefinition.builder("etl_nightly", "30 2 * * *")
            .timezone("America/New_York")
            .job("etl")
            .defaultStatus(DefaultStatus.RUNNING)
            .evaluation(ctx -> ScheduleResult.skip("no new rows"))
            .build();
    SensorDefinition files =
        SensorDefinition.builder(
                "hello_files",
                ctx -> {
                  String cursor = ctx.cursor().orElse(null);
                  if (cursor == null) {
                    return SensorResult.skip("no cursor yet");
                  }
                  if (cursor.equals("boom")) {
                    throw new IllegalStateException("cursor boom is not a file offset");
                  }
                  return SensorResult.runs(RunRequest.withKey("file-" + cursor))
                      .withCursor(cursor + "+1");
                })
            .job("hello")
            .minimumInterval(Duration.ofSeconds(45))
            .description("Watches files.")
            .build();
    AssetDefinition sales =
        AssetDefinition.builder(REGION_SALES)
            .partitions(REGIONS)
            .type(Types.INT)
            .compute((ctx, in) -> 1)
            .build();
    return Definitions.builder()
        .jobs(TestDefinitions.ETL, TestDefinitions.HELLO)
        .assets(sales)
        .assetJob(
            AssetJobDefinition.builder(REGIONS_JOB)
                .selection(AssetSelection.keys(REGION_SALES))
                .build())
        .schedules(hourly, nightly)
        .sensors(files)
        .build();
  }

  /** Enables these definitions (one application start for every test class that uses it). */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(InstigationDefinitions.class);
    }
  }
}
