package io.pipewright.daemon.launch.k8s;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.AttemptHistory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Kubernetes launcher's {@link AttemptHistory} from the daemon's {@link EventLog}: an attempt's
 * worker reported when its {@code STEP_WORKER_STARTED} (the first event every worker stores, before
 * it runs any of the step's code) or its {@code STEP_START} is stored. The launcher asks only after
 * a restart, for a launch of a run in progress whose pod is gone: one query per such launch, by the
 * run and those two types, read in pages of {@value #PAGE}.
 */
public final class EventLogAttemptHistory implements AttemptHistory {

  private static final int PAGE = 1_000;
  private static final Set<DagsterEventType> WORKER_FIRST =
      Set.of(DagsterEventType.STEP_WORKER_STARTED, DagsterEventType.STEP_START);

  private final EventLog events;
  private final Duration timeout;

  /**
   * Creates the history.
   *
   * @param events the event log
   * @param timeout how long one query may take (the launch waits for it; a timeout rejects it)
   */
  public EventLogAttemptHistory(EventLog events, Duration timeout) {
    this.events = Objects.requireNonNull(events, "events must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  @Override
  public boolean workerReported(AttemptId attempt) {
    long after = 0;
    while (true) {
      List<StoredEvent> page =
          events
              .query(
                  new EventQuery(
                      WORKER_FIRST, null, null, attempt.runId(), after, Long.MAX_VALUE, PAGE, true))
              .await()
              .atMost(timeout);
      for (StoredEvent stored : page) {
        EventRecord event = stored.event();
        if (attempt.stepKey().equals(event.stepKey()) && event.attempt() == attempt.attempt()) {
          return true;
        }
      }
      if (page.size() < PAGE) {
        return false;
      }
      after = page.get(page.size() - 1).id();
    }
  }
}
