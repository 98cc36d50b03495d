package io.pipewright.daemon.orchestrator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.protocol.mapping.PlanMapper;
import io.pipewright.protocol.v1.ExecutionPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run's execution plan: the protobuf {@code ExecutionPlan} stored with the run ({@link
 * SnapshotStore}, written by the webserver at launch), decoded with the protocol's mapper. Plans
 * are content-addressed, so decoded plans are cached by id (runs of the same job share one).
 */
public final class PlanLoader {

  /** Why a plan could not be loaded: a sentence for the run's failure event. */
  public static final class PlanUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    PlanUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int CACHE_SIZE = 64;

  private final SnapshotStore snapshots;
  private final Duration timeout;
  private final Map<String, ExecutionPlanSnapshot> cache =
      new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecutionPlanSnapshot> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /**
   * Creates the loader.
   *
   * @param snapshots the snapshot store
   * @param timeout how long a read may take
   */
  public PlanLoader(SnapshotStore snapshots, Duration timeout) {
    this.snapshots = snapshots;
    this.timeout = timeout;
  }

  /**
   * Loads the plan of a run. Not thread-safe: the orchestrator's loop calls it.
   *
   * @param run the run
   * @return the plan
   * @throws PlanUnavailableException when the run has no plan, the snapshot is missing, or it
   *     cannot be read; the message says which and what to do
   */
  public ExecutionPlanSnapshot load(Run run) throws PlanUnavailableException {
    String id = run.planSnapshotId();
    if (id == null) {
      throw new PlanUnavailableException(
          "Run "
              + run.runId()
              + " has no execution plan snapshot: it was not launched through the webserver, so"
              + " the daemon does not know its steps. Launch the job again.",
          null);
    }
    ExecutionPlanSnapshot cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> body = snapshots.get(id).await().atMost(timeout);
    if (body.isEmpty()) {
      throw new PlanUnavailableException(
          "The execution plan snapshot "
              + id
              + " of run "
              + run.runId()
              + " cannot be found in storage (deleted, or the run was copied without it). Launch"
              + " the job again.",
          null);
    }
    ExecutionPlanSnapshot plan;
    try {
      plan = PlanMapper.toCore(ExecutionPlan.parseFrom(body.get()));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new PlanUnavailableException(
          "The execution plan snapshot "
              + id
              + " of run "
              + run.runId()
              + " cannot be read ("
              + e.getMessage()
              + "): written by an incompatible version? Launch the job again.",
          e);
    }
    cache.put(id, plan);
    return plan;
  }
}
