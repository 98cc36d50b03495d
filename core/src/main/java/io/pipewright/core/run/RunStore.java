package io.pipewright.core.run;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the stored runs (Dagster's run storage).
 *
 * <p>Every adapter (in memory, PostgreSQL) passes the same contract test suite. Methods may be
 * called from any thread, including threads that are not Vert.x event loops; adapters that need a
 * Vert.x context switch to one themselves. Failures arrive as failed {@link Uni}s with the
 * exceptions named below.
 */
public interface RunStore {

  /**
   * Stores a new run.
   *
   * @param run the run; its id must not be stored yet
   * @return the stored run
   * @throws RunAlreadyExistsException (as the failure) when a run with this id exists
   */
  Uni<Run> add(Run run);

  /**
   * Looks up one run.
   *
   * @param runId the run's id
   * @return the run, or empty when no run has this id
   */
  Uni<Optional<Run>> find(String runId);

  /**
   * Lists runs matching a filter, newest first (by creation order).
   *
   * @param filter which runs
   * @param afterRunId the cursor: the last run id of the previous page; null for the first page. An
   *     unknown cursor fails with {@link RunNotFoundException}.
   * @param limit at most this many runs; 1 or more
   * @return the page, newest first
   */
  Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit);

  /**
   * Counts runs matching a filter.
   *
   * @param filter which runs
   * @return how many runs match
   */
  Uni<Long> count(RunFilter filter);

  /**
   * Lists queued runs oldest first, for the run queue's admission.
   *
   * @param limit at most this many runs
   * @return queued runs in creation order
   */
  Uni<List<Run>> queued(int limit);

  /**
   * Moves a run from an expected status to another one, atomically (compare and set), checked
   * against {@link RunStateMachine}; sets the start time on {@link RunStatus#STARTED} and the end
   * time on a terminal status, as {@link Run#withStatus} does.
   *
   * @param runId the run's id
   * @param expected the status the caller believes the run is in
   * @param next the status to move to
   * @param at when the change happened
   * @return the changed run
   * @throws RunNotFoundException when no run has this id
   * @throws RunConflictException when the run is not in {@code expected} (another writer changed
   *     it)
   * @throws IllegalRunTransitionException when the lifecycle forbids {@code expected -> next}
   */
  Uni<Run> transition(String runId, RunStatus expected, RunStatus next, Instant at);

  /**
   * Adds or replaces tags of a run.
   *
   * @param runId the run's id
   * @param tags the tags to set
   * @return the changed run
   * @throws RunNotFoundException when no run has this id
   */
  Uni<Run> addTags(String runId, Map<String, String> tags);

  /**
   * Deletes a run and its tags (its events are deleted through the event log).
   *
   * @param runId the run's id
   * @return true when a run was deleted, false when none had this id
   */
  Uni<Boolean> delete(String runId);
}
