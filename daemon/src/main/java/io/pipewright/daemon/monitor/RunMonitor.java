package io.pipewright.daemon.monitor;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The run monitor's store side: finds runs in progress (STARTING, STARTED, CANCELING) that nobody
 * drives, so that none hangs unseen. The leader adopts every such run when it takes over and asks
 * again at every resync; the per-attempt watch (start timeouts, workers that exit without a final
 * event, attempts the launcher lost) is decided by core's {@code RunProgress} as the orchestrator
 * feeds it.
 */
public final class RunMonitor {

  /** The statuses of runs in progress, which someone must drive to an end. */
  public static final Set<RunStatus> IN_PROGRESS =
      EnumSet.of(RunStatus.STARTING, RunStatus.STARTED, RunStatus.CANCELING);

  private static final int PAGE = 500;

  private final RunStore runs;
  private final Duration timeout;

  /**
   * Creates the monitor.
   *
   * @param runs the run store
   * @param timeout how long one store call may take
   */
  public RunMonitor(RunStore runs, Duration timeout) {
    this.runs = Objects.requireNonNull(runs, "runs must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  /**
   * Lists the runs in progress that are not driven.
   *
   * @param driven tells whether a run is driven already
   * @return the runs, oldest first
   */
  public List<Run> undriven(Predicate<String> driven) {
    RunFilter filter = RunFilter.builder().statuses(IN_PROGRESS).build();
    List<Run> found = new ArrayList<>();
    String after = null;
    while (true) {
      List<Run> page = runs.list(filter, after, PAGE).await().atMost(timeout);
      for (Run run : page) {
        if (!driven.test(run.runId())) {
          found.add(run);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).runId();
    }
    // Listed newest first: drive the oldest first.
    java.util.Collections.reverse(found);
    return found;
  }
}
