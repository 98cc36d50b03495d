package io.pipewright.webserver.workspace;

import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A code location whose definitions loaded: its snapshot, indexed for the lookups queries make.
 * Immutable; a reload replaces it.
 *
 * <p>Every location has one repository, {@link #REPOSITORY_NAME}: the name Dagster gives the
 * repository of a {@code Definitions} object, which Dagster's clients send in their selectors.
 */
public final class LoadedLocation {

  /** The name of a location's one repository. */
  public static final String REPOSITORY_NAME = "__repository__";

  private final CodeLocationSnapshot snapshot;
  private final Map<String, JobSnapshot> jobs;
  private final Instant loadedAt;
  private final Map<String, String> snapshotIds = new ConcurrentHashMap<>();

  /**
   * Indexes a snapshot.
   *
   * @param snapshot the location's snapshot, without load errors
   * @param loadedAt when it was fetched
   */
  public LoadedLocation(CodeLocationSnapshot snapshot, Instant loadedAt) {
    this.snapshot = snapshot;
    this.loadedAt = loadedAt;
    Map<String, JobSnapshot> byName = new LinkedHashMap<>();
    for (JobSnapshot job : snapshot.jobs()) {
      byName.put(job.name(), job);
    }
    this.jobs = byName;
  }

  /**
   * Returns the location's name.
   *
   * @return the name
   */
  public String name() {
    return snapshot.locationName();
  }

  /**
   * Returns the snapshot.
   *
   * @return the snapshot
   */
  public CodeLocationSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns when the snapshot was fetched.
   *
   * @return the time
   */
  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * Returns the jobs in the snapshot's order.
   *
   * @return the jobs
   */
  public List<JobSnapshot> jobs() {
    return snapshot.jobs();
  }

  /**
   * Returns the id under which a job's snapshot is (or would be) stored, computed once per job.
   *
   * @param job one of this location's jobs
   * @param id computes the id (the hash of the encoded snapshot)
   * @return the id
   */
  public String snapshotId(JobSnapshot job, Function<JobSnapshot, String> id) {
    return snapshotIds.computeIfAbsent(job.name(), name -> id.apply(job));
  }

  /**
   * Looks a job up by name.
   *
   * @param name the job's name
   * @return the job, or empty
   */
  public Optional<JobSnapshot> job(String name) {
    return Optional.ofNullable(jobs.get(name));
  }
}
