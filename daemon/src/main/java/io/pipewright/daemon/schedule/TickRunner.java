package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The part of a tick that schedules and sensors share: reserve the run ids on the tick (after
 * storing the requests beside it), create each reserved run that is not created yet, and finish the
 * tick. The order is what makes a tick exactly-once (dagster-notes §4.3): a crash before the
 * reservation re-evaluates; a crash after it creates only what is missing, under the same
 * deterministic ids, so that a run created just before the crash is found, not duplicated.
 */
public final class TickRunner {

  /** The error class of a code location that did not answer in time. */
  public static final String UNAVAILABLE = "io.pipewright.CodeLocationUnavailable";

  /** Whether a tick is done or waits for its code location. */
  public enum Progress {
    /** The tick is finished (or was finished already). */
    FINISHED,
    /** The code location did not answer: the tick stays STARTED and is tried again. */
    RETRY_LATER
  }

  private final InstigationStores stores;
  private final RunSubmitter submitter;
  private final TickRequests requests;
  private final InstigationMetrics metrics;
  private final TickHooks hooks;
  private final Clock clock;
  private final Duration timeout;

  /**
   * Creates the runner.
   *
   * @param stores the stores
   * @param submitter creates runs
   * @param metrics tick outcomes
   * @param hooks crash points (tests)
   * @param clock the time of tick updates
   * @param timeout how long one store call may take
   */
  public TickRunner(
      InstigationStores stores,
      RunSubmitter submitter,
      InstigationMetrics metrics,
      TickHooks hooks,
      Clock clock,
      Duration timeout) {
    this.stores = stores;
    this.submitter = submitter;
    this.requests = new TickRequests(stores.keyValues(), timeout);
    this.metrics = metrics;
    this.hooks = hooks;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * Returns the crash hooks.
   *
   * @return the hooks
   */
  public TickHooks hooks() {
    return hooks;
  }

  /**
   * Stores the requests beside the tick, then reserves their run ids on it.
   *
   * @param tick the started tick
   * @param runRequests the requests to create runs for
   * @param runIds their ids, one per request
   * @param runKeys the requests' run keys
   * @param cursor the sensor's cursor after the evaluation; null for schedules
   * @return the stored tick
   */
  public Tick reserve(
      Tick tick,
      List<RunRequestSnapshot> runRequests,
      List<String> runIds,
      List<String> runKeys,
      String cursor) {
    requests.put(tick.id(), runRequests);
    Tick reserved =
        stores
            .instigators()
            .updateTick(tick.reserve(runIds, runKeys, cursor))
            .await()
            .atMost(timeout);
    hooks.afterRunIdsReserved(reserved);
    return reserved;
  }

  /**
   * The tick updates of a chunk of schedules, gathered while their evaluations run and then stored
   * with one call per store ({@link #store}): the requests beside the ticks first, then the ticks
   * (reserved, or finished without runs). Not thread-safe: one per chunk.
   */
  public static final class Batch {
    private final Map<Long, List<RunRequestSnapshot>> requests = new LinkedHashMap<>();
    private final List<Tick> reserved = new ArrayList<>();
    private final List<Tick> finished = new ArrayList<>();

    /**
     * Adds a reservation: the tick with its run ids reserved, stored by {@link #store}.
     *
     * @param tick the started tick
     * @param runRequests the requests to create runs for
     * @param runIds their ids, one per request
     * @param runKeys the requests' run keys
     * @return the tick as it will be stored
     */
    public Tick reserve(
        Tick tick,
        List<RunRequestSnapshot> runRequests,
        List<String> runIds,
        List<String> runKeys) {
      Tick changed = tick.reserve(runIds, runKeys, null);
      requests.put(tick.id(), runRequests);
      reserved.add(changed);
      return changed;
    }

    /**
     * Adds a finished tick (skipped, failed), stored by {@link #store}.
     *
     * @param tick the tick, finished
     */
    public void finish(Tick tick) {
      finished.add(tick);
    }

    /**
     * Tells whether nothing was added.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
      return reserved.isEmpty() && finished.isEmpty();
    }
  }

  /**
   * Stores a batch: the requests (one call), then every tick (one call; all or none), then counts
   * the finished ticks. When the ticks cannot be stored (another daemon changed one meanwhile), the
   * call fails and nothing is reserved: the ticks stay STARTED and are evaluated again when
   * resumed, so no run is created twice.
   *
   * @param batch the batch
   */
  public void store(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    requests.putAll(batch.requests);
    List<Tick> all = new ArrayList<>(batch.reserved.size() + batch.finished.size());
    all.addAll(batch.reserved);
    all.addAll(batch.finished);
    stores.instigators().updateTicks(all).await().atMost(timeout);
    for (Tick tick : batch.reserved) {
      hooks.afterRunIdsReserved(tick);
    }
    List<Long> leftOver = new ArrayList<>();
    for (Tick tick : batch.finished) {
      if (!tick.reservedRunIds().isEmpty()) {
        leftOver.add(tick.id());
      }
      metrics.tick(tick.type(), tick.status());
    }
    requests.deleteAll(leftOver);
  }

  /**
   * Reads the requests of a reserved tick.
   *
   * @param tick the tick
   * @return the requests, in reservation order, or empty when they were lost
   */
  public Optional<List<RunRequestSnapshot>> reservedRequests(Tick tick) {
    return requests.get(tick.id());
  }

  /**
   * Creates the reserved runs not created yet, then finishes the tick: SUCCESS when every run
   * exists, FAILURE naming the requests that could not become runs.
   *
   * @param tick the reserved tick
   * @param runRequests the requests, in reservation order
   * @param client the code location
   * @param snapshot its snapshot (jobs)
   * @param spec builds the run of a reserved id and its request
   * @param retryWhenUnavailable whether a location that does not answer leaves the tick STARTED for
   *     a later try (else the tick fails)
   * @return whether the tick finished
   */
  public Progress submitReserved(
      Tick tick,
      List<RunRequestSnapshot> runRequests,
      CodeLocationClient client,
      CodeLocationSnapshot snapshot,
      BiFunction<String, RunRequestSnapshot, RunSpec> spec,
      boolean retryWhenUnavailable) {
    Optional<Tick> finished =
        createRuns(
            tick, runRequests, client, snapshot, spec, retryWhenUnavailable, new HashSet<>());
    if (finished.isEmpty()) {
      return Progress.RETRY_LATER;
    }
    finish(finished.get());
    return Progress.FINISHED;
  }

  /**
   * Creates the reserved runs not created yet and returns the tick finished, not stored: SUCCESS
   * when every run exists, FAILURE naming the requests that could not become runs. The created runs
   * are recorded on the tick only when it is stored finished ({@link #finishAll}): a crash before
   * that finds them again by their ids, so none is created twice.
   *
   * @param tick the reserved tick
   * @param runRequests the requests, in reservation order
   * @param client the code location
   * @param snapshot its snapshot (jobs)
   * @param spec builds the run of a reserved id and its request
   * @param retryWhenUnavailable whether a location that does not answer leaves the tick STARTED for
   *     a later try (else the tick fails)
   * @param storedSnapshots the snapshots stored by this batch of ticks ({@link RunSubmitter})
   * @return the finished tick, or empty when the tick waits for its location (RETRY_LATER)
   */
  public Optional<Tick> createRuns(
      Tick tick,
      List<RunRequestSnapshot> runRequests,
      CodeLocationClient client,
      CodeLocationSnapshot snapshot,
      BiFunction<String, RunRequestSnapshot, RunSpec> spec,
      boolean retryWhenUnavailable,
      Set<String> storedSnapshots) {
    List<String> errors = new ArrayList<>();
    Tick current = tick;
    List<String> reserved = tick.reservedRunIds();
    for (int i = 0; i < reserved.size(); i++) {
      String runId = reserved.get(i);
      if (current.runIds().contains(runId)) {
        continue;
      }
      if (i >= runRequests.size()) {
        errors.add("The request of reserved run " + runId + " is not stored");
        continue;
      }
      RunSpec run = spec.apply(runId, runRequests.get(i));
      Optional<JobSnapshot> job = snapshot.job(run.jobName());
      if (job.isEmpty()) {
        errors.add(
            "Run request "
                + (i + 1)
                + " names job '"
                + run.jobName()
                + "', which code location '"
                + run.codeLocation()
                + "' does not define");
        continue;
      }
      Submission submission;
      try {
        submission = submitter.submit(client, job.get(), run, clock.instant(), storedSnapshots);
      } catch (CodeLocationUnavailableException e) {
        if (retryWhenUnavailable) {
          return Optional.empty();
        }
        errors.add("Run request " + (i + 1) + ": " + e.getMessage());
        continue;
      }
      if (submission instanceof Submission.Rejected rejected) {
        errors.add("Run request " + (i + 1) + ": " + rejected.error().message());
        continue;
      }
      current = current.withSubmittedRun(runId);
      hooks.afterRunCreated(current, runId);
    }
    if (errors.isEmpty()) {
      return Optional.of(current.success(clock.instant()));
    }
    return Optional.of(
        current.failure(
            ErrorSnapshot.of(RunSubmitter.REJECTED, String.join("\n", errors)), clock.instant()));
  }

  /**
   * Stores finished ticks with one call (all or none), then deletes their stored requests with one
   * call, and counts them.
   *
   * @param finished the ticks, finished
   */
  public void finishAll(List<Tick> finished) {
    if (finished.isEmpty()) {
      return;
    }
    stores.instigators().updateTicks(finished).await().atMost(timeout);
    List<Long> reservedOnes = new ArrayList<>();
    for (Tick tick : finished) {
      if (!tick.reservedRunIds().isEmpty()) {
        reservedOnes.add(tick.id());
      }
      metrics.tick(tick.type(), tick.status());
    }
    requests.deleteAll(reservedOnes);
  }

  /**
   * Stores a finished tick and counts it.
   *
   * @param finished the tick, finished
   * @return the stored tick
   */
  public Tick finish(Tick finished) {
    Tick stored = stores.instigators().updateTick(finished).await().atMost(timeout);
    if (!finished.reservedRunIds().isEmpty()) {
      requests.delete(finished.id());
    }
    metrics.tick(finished.type(), finished.status());
    return stored;
  }

  /**
   * The error of a code location that did not answer.
   *
   * @param location the location
   * @param e what the client said
   * @return the error
   */
  public static ErrorSnapshot unavailable(String location, RuntimeException e) {
    return ErrorSnapshot.of(
        UNAVAILABLE, "Code location '" + location + "' did not answer: " + e.getMessage());
  }
}
