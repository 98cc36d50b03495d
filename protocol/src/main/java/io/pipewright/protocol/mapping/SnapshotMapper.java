package io.pipewright.protocol.mapping;

import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.protocol.v1.AssetCheck;
import io.pipewright.protocol.v1.AssetNode;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.protocol.v1.DefinitionError;
import io.pipewright.protocol.v1.Job;
import io.pipewright.protocol.v1.Resource;
import io.pipewright.protocol.v1.Schedule;
import io.pipewright.protocol.v1.Sensor;
import java.util.ArrayList;
import java.util.List;

/** Maps a whole code location snapshot; the parts are mapped by the other mappers. */
public final class SnapshotMapper {

  private SnapshotMapper() {}

  /**
   * Maps a snapshot to its message.
   *
   * @param snapshot the snapshot
   * @return the message
   */
  public static CodeLocation toProto(CodeLocationSnapshot snapshot) {
    CodeLocation.Builder out =
        CodeLocation.newBuilder()
            .setLocationName(snapshot.locationName())
            .setServerId(snapshot.serverId())
            .setContentHash(snapshot.contentHash());
    if (snapshot.containerImage() != null) {
      out.setContainerImage(snapshot.containerImage());
    }
    for (JobSnapshot job : snapshot.jobs()) {
      out.addJobs(JobMapper.toProto(job));
    }
    for (AssetNodeSnapshot asset : snapshot.assets()) {
      out.addAssets(AssetMapper.toProto(asset));
    }
    for (AssetCheckSnapshot check : snapshot.assetChecks()) {
      out.addAssetChecks(AssetMapper.toProto(check));
    }
    for (ResourceSnapshot resource : snapshot.resources()) {
      out.addResources(JobMapper.toProto(resource));
    }
    for (ScheduleSnapshot schedule : snapshot.schedules()) {
      out.addSchedules(InstigatorMapper.toProto(schedule));
    }
    for (SensorSnapshot sensor : snapshot.sensors()) {
      out.addSensors(InstigatorMapper.toProto(sensor));
    }
    for (LoadError error : snapshot.loadErrors()) {
      out.addLoadErrors(CommonMapper.toProto(error));
    }
    return out.build();
  }

  /**
   * Maps a snapshot message to the record.
   *
   * @param snapshot the message
   * @return the snapshot
   * @throws IllegalArgumentException if the message is malformed, naming the element
   */
  public static CodeLocationSnapshot toCore(CodeLocation snapshot) {
    List<JobSnapshot> jobs = new ArrayList<>(snapshot.getJobsCount());
    List<Job> jobList = snapshot.getJobsList();
    for (int i = 0, n = jobList.size(); i < n; i++) {
      Job job = jobList.get(i);
      jobs.add(JobMapper.toCore(job));
    }
    List<AssetNodeSnapshot> assets = new ArrayList<>(snapshot.getAssetsCount());
    List<AssetNode> assetList = snapshot.getAssetsList();
    for (int i = 0, n = assetList.size(); i < n; i++) {
      AssetNode asset = assetList.get(i);
      assets.add(AssetMapper.toCore(asset));
    }
    List<AssetCheckSnapshot> checks = new ArrayList<>(snapshot.getAssetChecksCount());
    List<AssetCheck> checkList = snapshot.getAssetChecksList();
    for (int i = 0, n = checkList.size(); i < n; i++) {
      AssetCheck check = checkList.get(i);
      checks.add(AssetMapper.toCore(check));
    }
    List<ResourceSnapshot> resources = new ArrayList<>(snapshot.getResourcesCount());
    for (Resource resource : snapshot.getResourcesList()) {
      resources.add(JobMapper.toCore(resource));
    }
    List<ScheduleSnapshot> schedules = new ArrayList<>(snapshot.getSchedulesCount());
    for (Schedule schedule : snapshot.getSchedulesList()) {
      schedules.add(InstigatorMapper.toCore(schedule));
    }
    List<SensorSnapshot> sensors = new ArrayList<>(snapshot.getSensorsCount());
    for (Sensor sensor : snapshot.getSensorsList()) {
      sensors.add(InstigatorMapper.toCore(sensor));
    }
    List<LoadError> errors = new ArrayList<>(snapshot.getLoadErrorsCount());
    for (DefinitionError error : snapshot.getLoadErrorsList()) {
      errors.add(CommonMapper.toCore(error));
    }
    return new CodeLocationSnapshot(
        snapshot.getLocationName(),
        snapshot.getServerId(),
        snapshot.hasContainerImage() ? snapshot.getContainerImage() : null,
        snapshot.getContentHash(),
        jobs,
        assets,
        checks,
        resources,
        schedules,
        sensors,
        errors);
  }
}
