package io.pipewright.storage.postgres.internal;

import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.StringJson;
import java.util.ArrayList;
import java.util.List;

/** Converts runs to and from their Hibernate entity (writes; {@link RunSql} reads). */
public final class RunRows {

  private RunRows() {}

  /**
   * Fills an entity from a run.
   *
   * @param run the run
   * @param e the entity to fill
   * @return {@code e}
   */
  public static RunEntity fill(Run run, RunEntity e) {
    e.runId = run.runId();
    e.jobName = run.jobName();
    e.codeLocation = run.codeLocation();
    e.status = run.status();
    e.partitionKey = run.partitionKey();
    e.backfillId = run.backfillId();
    e.parentRunId = run.parentRunId();
    e.rootRunId = run.rootRunId();
    e.planSnapshotId = run.planSnapshotId();
    e.jobSnapshotId = run.jobSnapshotId();
    e.runConfig = Bodies.json(run.runConfig());
    e.tags = StringJson.object(run.tags());
    e.opSelection = StringJson.array(run.opSelection());
    List<String> assets = new ArrayList<>();
    for (AssetKeySnapshot key : run.assetSelection()) {
      assets.add(key.toUserString());
    }
    e.assetSelection = StringJson.array(assets);
    e.stepKeysToExecute = StringJson.array(run.stepKeysToExecute());
    e.createTime = run.createTime();
    e.updateTime = run.updateTime();
    e.startTime = run.startTime();
    e.endTime = run.endTime();
    return e;
  }

  /**
   * Reads a run from its row.
   *
   * @param e the row
   * @return the run
   */
  public static Run toRun(RunEntity e) {
    List<AssetKeySnapshot> assets = new ArrayList<>();
    for (String key : StringJson.parseArray(e.assetSelection)) {
      assets.add(AssetKeySnapshot.fromUserString(key));
    }
    return Run.builder(e.runId, e.jobName, e.codeLocation)
        .status(e.status)
        .runConfig(Bodies.json(e.runConfig, "the run config of run " + e.runId))
        .tags(StringJson.parseObject(e.tags))
        .opSelection(StringJson.parseArray(e.opSelection))
        .assetSelection(assets)
        .stepKeysToExecute(StringJson.parseArray(e.stepKeysToExecute))
        .partitionKey(e.partitionKey)
        .planSnapshotId(e.planSnapshotId)
        .jobSnapshotId(e.jobSnapshotId)
        .parentRunId(e.parentRunId)
        .rootRunId(e.rootRunId)
        .backfillId(e.backfillId)
        .createTime(e.createTime)
        .updateTime(e.updateTime)
        .startTime(e.startTime)
        .endTime(e.endTime)
        .build();
  }
}
