package io.pipewright.codelocation.snapshot;

import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.InstigatorDefinition;
import io.pipewright.sdk.schedule.MultiAssetSensorDefinition;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Translates schedules and sensors into their snapshots. */
final class InstigatorSnapshots {

  private InstigatorSnapshots() {}

  static ScheduleSnapshot schedule(ScheduleDefinition schedule) {
    return new ScheduleSnapshot(
        schedule.name(),
        schedule.cron().expression(),
        schedule.timezone().getId(),
        // Definitions.build() rejects a schedule without a target.
        target(schedule).orElseThrow(),
        status(schedule.defaultStatus()),
        schedule.description(),
        Map.of());
  }

  static SensorSnapshot sensor(AnySensorDefinition sensor) {
    List<AssetKeySnapshot> monitoredAssets = new ArrayList<>();
    List<String> monitoredJobs = List.of();
    RunStatus runStatus = null;
    if (sensor instanceof AssetSensorDefinition asset) {
      monitoredAssets.add(MetadataSnapshots.key(asset.monitoredAsset()));
    } else if (sensor instanceof MultiAssetSensorDefinition multi) {
      for (AssetKey key : multi.monitoredAssets()) {
        monitoredAssets.add(MetadataSnapshots.key(key));
      }
    } else if (sensor instanceof RunStatusSensorDefinition runs) {
      monitoredJobs = runs.monitoredJobs();
      runStatus = RunStatus.valueOf(runs.runStatus().name());
    }
    return new SensorSnapshot(
        sensor.name(),
        SensorSnapshot.Kind.valueOf(sensor.sensorType().name()),
        sensor.minimumInterval(),
        status(sensor.defaultStatus()),
        sensor.description(),
        target(sensor).map(List::of).orElse(List.of()),
        monitoredAssets,
        monitoredJobs,
        runStatus);
  }

  private static Optional<TargetSnapshot> target(InstigatorDefinition instigator) {
    if (instigator.jobName().isPresent()) {
      return Optional.of(new TargetSnapshot.Job(instigator.jobName().get()));
    }
    return instigator
        .assetSelection()
        .map(AssetSelection::toExpression)
        .map(TargetSnapshot.AssetSelection::new);
  }

  private static DefaultStatus status(io.pipewright.sdk.schedule.DefaultStatus status) {
    return DefaultStatus.valueOf(status.name());
  }
}
