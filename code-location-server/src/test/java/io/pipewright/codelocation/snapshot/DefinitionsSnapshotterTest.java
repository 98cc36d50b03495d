package io.pipewright.codelocation.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckResult;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.asset.MultiAssetDefinition;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.MultiAssetSensorDefinition;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleResult;
import io.pipewright.sdk.schedule.SensorResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The snapshot of small definitions, field by field: assets, checks, partitions, schedules,
 * sensors, the implicit asset job, load errors and the content hash (jobs: {@link
 * JobSnapshotsTest}).
 */
class DefinitionsSnapshotterTest {

  private static final DefinitionsSnapshotter SNAPSHOTTER =
      DefinitionsSnapshotter.forLocation("loc", "server-a", null);

  private static final AssetKey RAW = AssetKey.of("raw", "events");
  private static final AssetKey DAILY_KEY = AssetKey.of("daily");
  private static final AssetKey SOURCE = AssetKey.of("vendor", "feed");

  private static final TimeWindowPartitionsDefinition DAYS =
      TimeWindowPartitionsDefinition.daily("2026-01-01")
          .withTimezone(ZoneId.of("Europe/Berlin"))
          .withHourOffset(6)
          .withEndOffset(1);

  private static Definitions assetDefinitions() {
    AssetDefinition raw =
        AssetDefinition.builder(RAW)
            .description("Raw events.")
            .group("ingest")
            .kinds("spark", "parquet", "java")
            .owners("team:b", "team:a")
            .tag("z", "1")
            .tag("a", "2")
            .metadata(Metadata.of("rows", 10, "url", java.net.URI.create("https://x.example")))
            .codeVersion("v7")
            .partitions(DAYS)
            .dep(SOURCE)
            .compute((ctx, in) -> 1)
            .build();
    AssetDefinition daily =
        AssetDefinition.builder(DAILY_KEY)
            .partitions(DAYS)
            .input(
                "events", AssetIn.of(RAW).withPartitionMapping(PartitionMapping.timeWindow(-1, 0)))
            .compute((ctx, in) -> 1)
            .build();
    ExternalAssetDefinition feed =
        ExternalAssetDefinition.of(AssetSpec.of(SOURCE).withGroup("vendor"))
            .observedBy(ctx -> Metadata.empty());
    AssetCheckDefinition check =
        AssetCheckDefinition.builder("not_empty", RAW)
            .blocking(true)
            .description("Has rows.")
            .compute((ctx, value) -> AssetCheckResult.passed())
            .build();
    return Definitions.builder()
        .assets(raw, daily, feed)
        .assetChecks(check)
        .resource("io_manager", IOManagers.inMemory())
        .build();
  }

  @Test
  void shouldTranslateAssetsFieldByFieldWhenSnapshotting() {
    CodeLocationSnapshot snapshot = SNAPSHOTTER.snapshot(assetDefinitions());

    AssetNodeSnapshot raw = snapshot.asset(AssetKeySnapshot.of("raw", "events")).orElseThrow();
    assertThat(raw.group()).isEqualTo("ingest");
    assertThat(raw.description()).isEqualTo("Raw events.");
    assertThat(raw.kinds()).containsExactly("java", "parquet", "spark");
    assertThat(raw.owners()).containsExactly("team:a", "team:b");
    assertThat(raw.tags()).containsExactly(Map.entry("a", "2"), Map.entry("z", "1"));
    assertThat(raw.metadata())
        .containsExactly(
            new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(10)),
            new MetadataEntrySnapshot("url", new MetadataValueSnapshot.Url("https://x.example")));
    assertThat(raw.codeVersion()).isEqualTo("v7");
    assertThat(raw.dependencies())
        .containsExactly(AssetDependencySnapshot.on(AssetKeySnapshot.of("vendor", "feed")));
    assertThat(raw.partitions())
        .isEqualTo(
            new PartitionsSnapshot.TimeWindow(
                "2026-01-01",
                null,
                PartitionsSnapshot.Cadence.DAILY,
                "0 6 * * *",
                "Europe/Berlin",
                "yyyy-MM-dd",
                1,
                0,
                6,
                0));
    assertThat(raw.nodeName()).isEqualTo("raw__events");
    assertThat(raw.outputName()).isEqualTo("result");
    assertThat(raw.materializable()).isTrue();
    assertThat(raw.observable()).isFalse();
    assertThat(raw.jobNames()).containsExactly("__ASSET_JOB");

    AssetNodeSnapshot daily = snapshot.asset(AssetKeySnapshot.of("daily")).orElseThrow();
    assertThat(daily.group()).isEqualTo("default");
    assertThat(daily.dependencies())
        .containsExactly(
            new AssetDependencySnapshot(
                AssetKeySnapshot.of("raw", "events"),
                new PartitionMappingSnapshot.TimeWindow(-1, 0)));

    AssetNodeSnapshot feed = snapshot.asset(AssetKeySnapshot.of("vendor", "feed")).orElseThrow();
    assertThat(feed.materializable()).isFalse();
    assertThat(feed.observable()).isTrue();
    assertThat(feed.nodeName()).isEqualTo("observe__vendor__feed");
    assertThat(feed.outputName()).isNull();
    assertThat(feed.jobNames()).containsExactly("__ASSET_JOB");

    assertThat(snapshot.assetChecks())
        .containsExactly(
            new AssetCheckSnapshot(
                AssetKeySnapshot.of("raw", "events"),
                "not_empty",
                "Has rows.",
                true,
                "check__raw__events__not_empty",
                List.of("__ASSET_JOB")));
    JobSnapshot implicit = snapshot.job("__ASSET_JOB").orElseThrow();
    assertThat(implicit.assetSelection()).isEqualTo("*");
    assertThat(implicit.partitions()).isEqualTo(raw.partitions());
    assertThat(snapshot.resources())
        .containsExactly(
            new ResourceSnapshot(
                "io_manager",
                "Keeps outputs in memory; only for in-process runs and tests.",
                null,
                true,
                ResourceSnapshot.Scope.RUN));
  }

  @Test
  void shouldLeaveTheImplicitAssetJobOutWhenNoSingleJobCanRunEveryAsset() {
    Definitions mixed =
        Definitions.builder()
            .assets(
                AssetDefinition.builder("a")
                    .partitions(StaticPartitionsDefinition.of("x", "y"))
                    .compute((ctx, in) -> 1)
                    .build(),
                AssetDefinition.builder("b")
                    .partitions(DynamicPartitionsDefinition.named("files"))
                    .compute((ctx, in) -> 1)
                    .build())
            .build();

    CodeLocationSnapshot snapshot = SNAPSHOTTER.snapshot(mixed);

    assertThat(snapshot.jobs()).isEmpty();
    assertThat(snapshot.asset(AssetKeySnapshot.of("a")).orElseThrow().partitions())
        .isEqualTo(new PartitionsSnapshot.Static(List.of("x", "y")));
    assertThat(snapshot.asset(AssetKeySnapshot.of("b")).orElseThrow().partitions())
        .isEqualTo(new PartitionsSnapshot.Dynamic("files"));
    assertThat(snapshot.asset(AssetKeySnapshot.of("b")).orElseThrow().jobNames()).isEmpty();
  }

  @Test
  void shouldTranslateMultiPartitionsAndSortStaticMappingsWhenSnapshotting() {
    MultiPartitionsDefinition regionsByDay =
        MultiPartitionsDefinition.of(
            "region", StaticPartitionsDefinition.of("eu", "us"), "day", DAYS);
    assertThat(PartitionSnapshots.of(regionsByDay))
        .isEqualTo(
            new PartitionsSnapshot.Multi(
                List.of(
                    new PartitionsSnapshot.Dimension("day", PartitionSnapshots.of(DAYS)),
                    new PartitionsSnapshot.Dimension(
                        "region", new PartitionsSnapshot.Static(List.of("eu", "us"))))));
    assertThat(
            PartitionSnapshots.mapping(
                PartitionMapping.staticMap(Map.of("b", Set.of("y", "x"), "a", Set.of("z")))))
        .isEqualTo(
            new PartitionMappingSnapshot.Static(
                new java.util.LinkedHashMap<>(Map.of("a", List.of("z"), "b", List.of("x", "y")))));
    assertThat(PartitionSnapshots.mapping(PartitionMapping.lastPartitions(2)))
        .isEqualTo(new PartitionMappingSnapshot.Last(2));
    assertThat(PartitionSnapshots.mapping(PartitionMapping.allPartitions()))
        .isEqualTo(new PartitionMappingSnapshot.All());
    assertThat(PartitionSnapshots.mapping(PartitionMapping.multiToSingleDimension("day")))
        .isEqualTo(new PartitionMappingSnapshot.MultiToSingleDimension("day"));
  }

  @Test
  void shouldListTheAssetsOfAnAssetJobAndItsSubsettedMultiAsset() {
    MultiAssetDefinition split =
        MultiAssetDefinition.builder("split")
            .asset("left", AssetSpec.of("left"))
            .asset("right", AssetSpec.of("right"))
            .canSubset(true)
            .compute((ctx, in) -> null)
            .build();
    Definitions definitions =
        Definitions.builder()
            .assets(split)
            .assetJob(
                io.pipewright.sdk.asset.AssetJobDefinition.builder("left_only")
                    .selection("key:left")
                    .build())
            .build();

    CodeLocationSnapshot snapshot = SNAPSHOTTER.snapshot(definitions);

    assertThat(snapshot.job("left_only").orElseThrow().assetSelection()).isEqualTo("key:\"left\"");
    assertThat(snapshot.asset(AssetKeySnapshot.of("left")).orElseThrow().jobNames())
        .containsExactly("__ASSET_JOB", "left_only");
    assertThat(snapshot.asset(AssetKeySnapshot.of("right")).orElseThrow().jobNames())
        .containsExactly("__ASSET_JOB");
    assertThat(snapshot.asset(AssetKeySnapshot.of("right")).orElseThrow().outputName())
        .isEqualTo("right");
  }

  @Test
  void shouldTranslateSchedulesAndEveryKindOfSensor() {
    Definitions definitions =
        Definitions.builder()
            .job(
                JobDefinition.builder(
                        "hello",
                        OpDefinition.builder("hi").noOutputs().compute((ctx, in) -> null).build())
                    .build())
            .assets(
                AssetDefinition.builder("a").compute((ctx, in) -> 1).build(),
                AssetDefinition.builder("b").compute((ctx, in) -> 1).build())
            .schedules(
                ScheduleDefinition.builder("morning", "0 6 * * 1-5")
                    .timezone("America/New_York")
                    .description("Weekday mornings.")
                    .job("hello")
                    .defaultStatus(io.pipewright.sdk.schedule.DefaultStatus.RUNNING)
                    .evaluation(ctx -> ScheduleResult.skip("never"))
                    .build())
            .sensors(
                AssetSensorDefinition.builder(
                        "on_a", AssetKey.of("a"), (ctx, event) -> SensorResult.skip("no"))
                    .assets(AssetSelection.keys(AssetKey.of("b")))
                    .minimumInterval(Duration.ofMinutes(5))
                    .build(),
                MultiAssetSensorDefinition.builder(
                        "on_both",
                        List.of(AssetKey.of("a"), AssetKey.of("b")),
                        ctx -> SensorResult.skip("no"))
                    .job("hello")
                    .build(),
                RunStatusSensorDefinition.builder(
                        "on_failure",
                        io.pipewright.sdk.schedule.RunStatus.FAILURE,
                        ctx -> SensorResult.skip("no"))
                    .monitoredJobs("hello")
                    .description("Alerts.")
                    .build())
            .build();

    CodeLocationSnapshot snapshot = SNAPSHOTTER.snapshot(definitions);

    assertThat(snapshot.schedules())
        .containsExactly(
            new ScheduleSnapshot(
                "morning",
                "0 6 * * 1-5",
                "America/New_York",
                new TargetSnapshot.Job("hello"),
                DefaultStatus.RUNNING,
                "Weekday mornings.",
                Map.of()));
    assertThat(snapshot.sensor("on_a").orElseThrow())
        .isEqualTo(
            new SensorSnapshot(
                "on_a",
                SensorSnapshot.Kind.ASSET,
                Duration.ofMinutes(5),
                DefaultStatus.STOPPED,
                null,
                List.of(new TargetSnapshot.AssetSelection("key:\"b\"")),
                List.of(AssetKeySnapshot.of("a")),
                List.of(),
                null));
    assertThat(snapshot.sensor("on_both").orElseThrow().monitoredAssets())
        .containsExactly(AssetKeySnapshot.of("a"), AssetKeySnapshot.of("b"));
    assertThat(snapshot.sensor("on_both").orElseThrow().kind())
        .isEqualTo(SensorSnapshot.Kind.MULTI_ASSET);
    SensorSnapshot onFailure = snapshot.sensor("on_failure").orElseThrow();
    assertThat(onFailure.kind()).isEqualTo(SensorSnapshot.Kind.RUN_STATUS);
    assertThat(onFailure.monitoredJobs()).containsExactly("hello");
    assertThat(onFailure.monitoredRunStatus()).isEqualTo(RunStatus.FAILURE);
    assertThat(onFailure.targets()).isEmpty();
    assertThat(onFailure.description()).isEqualTo("Alerts.");
  }

  @Test
  void shouldHashEqualDefinitionsEquallyWhateverTheServerAndTheSetOrder() {
    CodeLocationSnapshot first = SNAPSHOTTER.snapshot(assetDefinitions());
    CodeLocationSnapshot second =
        DefinitionsSnapshotter.forLocation("loc", "server-b", null).snapshot(assetDefinitions());

    assertThat(second.serverId()).isNotEqualTo(first.serverId());
    assertThat(second.contentHash()).isEqualTo(first.contentHash()).hasSize(64);
    assertThat(DefinitionsSnapshotter.contentHash(first)).isEqualTo(first.contentHash());
  }

  @Test
  void shouldChangeTheHashWhenTheDefinitionsOrTheImageChange() {
    JobDefinition job =
        JobDefinition.builder(
                "job", OpDefinition.builder("op").noOutputs().compute((ctx, in) -> null).build())
            .tag("team", "data")
            .build();
    String base = SNAPSHOTTER.snapshot(Definitions.builder().job(job).build()).contentHash();
    JobDefinition retagged = job.toBuilder().tag("team", "ops").build();

    assertThat(SNAPSHOTTER.snapshot(Definitions.builder().job(retagged).build()).contentHash())
        .isNotEqualTo(base);
    assertThat(
            DefinitionsSnapshotter.forLocation("loc", "server-a", "image:2")
                .snapshot(Definitions.builder().job(job).build())
                .contentHash())
        .isNotEqualTo(base);
  }

  @Test
  void shouldCarryOnlyTheLoadErrorsWhenTheDefinitionsFailed() {
    CodeLocationSnapshot failed =
        SNAPSHOTTER.failed(LoadErrors.of(new IllegalStateException("no database")));

    assertThat(failed.jobs()).isEmpty();
    assertThat(failed.loadErrors()).hasSize(1);
    assertThat(failed.loadErrors().get(0).problem())
        .isEqualTo(
            "building the definitions failed with java.lang.IllegalStateException: no database");
    assertThat(failed.contentHash()).hasSize(64);
  }
}
