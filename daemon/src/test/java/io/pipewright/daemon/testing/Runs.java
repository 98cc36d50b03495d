package io.pipewright.daemon.testing;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.protocol.mapping.PlanMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queues runs the way the webserver's launch does: plan snapshot, run, RUN_ENQUEUED, QUEUED. */
public final class Runs {

  private Runs() {}

  /**
   * Queues a run.
   *
   * @param stores the stores
   * @param plan the plan
   * @param location the code location
   * @param tags the run's tags
   * @param now the creation time
   * @return the run's id
   */
  public static String queue(
      DaemonStores stores,
      ExecutionPlanSnapshot plan,
      String location,
      Map<String, String> tags,
      Instant now) {
    String runId = UUID.randomUUID().toString();
    byte[] body = PlanMapper.toProto(plan).toByteArray();
    // Content-addressed, as the webserver stores plans: equal plans share one snapshot.
    String planId = "plan-" + Integer.toHexString(java.util.Arrays.hashCode(body));
    stores.snapshots().put(planId, SnapshotKind.EXECUTION_PLAN, body).await().indefinitely();
    stores
        .runs()
        .add(
            Run.builder(runId, plan.jobName(), location)
                .tags(tags)
                .planSnapshotId(planId)
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    stores
        .events()
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    now,
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .indefinitely();
    stores
        .runs()
        .transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, now)
        .await()
        .indefinitely();
    return runId;
  }
}
