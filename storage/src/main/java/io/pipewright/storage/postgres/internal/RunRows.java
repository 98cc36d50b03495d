package io.pipewright.storage.postgres.internal;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.StringJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts runs to and from rows, and run filters to HQL. */
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

  /**
   * Renders a filter as HQL conditions on {@code RunEntity r}.
   *
   * @param f the filter
   * @param params receives the parameters the conditions name
   * @return the conditions joined by {@code and}, or {@code "true"} for none
   */
  public static String where(RunFilter f, Map<String, Object> params) {
    List<String> clauses = new ArrayList<>();
    if (!f.runIds().isEmpty()) {
      clauses.add("r.runId in :runIds");
      params.put("runIds", f.runIds());
    }
    if (f.jobName() != null) {
      clauses.add("r.jobName = :jobName");
      params.put("jobName", f.jobName());
    }
    if (f.codeLocation() != null) {
      clauses.add("r.codeLocation = :codeLocation");
      params.put("codeLocation", f.codeLocation());
    }
    if (!f.statuses().isEmpty()) {
      clauses.add("r.status in :statuses");
      params.put("statuses", List.copyOf(f.statuses()));
    }
    int i = 0;
    for (Map.Entry<String, String> tag : f.tags().entrySet()) {
      // One EXISTS per tag, answered by the primary key (run, key): no join and GROUP BY.
      clauses.add(
          "exists (select 1 from RunTagEntity t where t.runId = r.runId and t.tagKey = :k"
              + i
              + " and t.tagValue = :v"
              + i
              + ")");
      params.put("k" + i, tag.getKey());
      params.put("v" + i, tag.getValue());
      i++;
    }
    if (f.createdAfter() != null) {
      clauses.add("r.createTime > :createdAfter");
      params.put("createdAfter", f.createdAfter());
    }
    if (f.createdBefore() != null) {
      clauses.add("r.createTime < :createdBefore");
      params.put("createdBefore", f.createdBefore());
    }
    if (f.updatedAfter() != null) {
      clauses.add("r.updateTime > :updatedAfter");
      params.put("updatedAfter", f.updatedAfter());
    }
    if (f.updatedBefore() != null) {
      clauses.add("r.updateTime < :updatedBefore");
      params.put("updatedBefore", f.updatedBefore());
    }
    if (f.backfillId() != null) {
      clauses.add("r.backfillId = :backfillId");
      params.put("backfillId", f.backfillId());
    }
    return clauses.isEmpty() ? "true" : String.join(" and ", clauses);
  }
}
