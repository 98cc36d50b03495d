package io.pipewright.daemon.launch.k8s;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStore;
import io.pipewright.executor.k8s.RunLookup;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes launcher's {@link RunLookup} from the daemon's {@link RunStore}: one query per
 * lookup of a run in progress; finished runs are remembered (a finished run never changes), so that
 * the orphan sweep asks the store about each finished run once.
 */
public final class RunStoreLookup implements RunLookup {

  private static final int MAX_REMEMBERED = 10_000;

  private final RunStore runs;
  private final Duration timeout;
  private final Map<String, RunInfo> finished = new ConcurrentHashMap<>();

  /**
   * Creates the lookup.
   *
   * @param runs the run store
   * @param timeout how long one query may take (a launch waits for it)
   */
  public RunStoreLookup(RunStore runs, Duration timeout) {
    this.runs = Objects.requireNonNull(runs, "runs must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  @Override
  public Optional<RunInfo> find(String runId) {
    RunInfo known = finished.get(runId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Run> run = runs.find(runId).await().atMost(timeout);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Run r = run.get();
    if (!r.status().isTerminal()) {
      return Optional.of(RunInfo.active(r.jobName(), r.tags()));
    }
    RunInfo info = RunInfo.finished(r.jobName(), r.tags());
    if (finished.size() >= MAX_REMEMBERED) {
      finished.clear(); // A bound, not a cache policy: forgetting costs one query per run.
    }
    finished.put(runId, info);
    return Optional.of(info);
  }
}
