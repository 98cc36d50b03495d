package io.pipewright.daemon.schedule;

import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ErrorSnapshot;

/** What {@link RunSubmitter#submit} did with a {@link RunSpec}. */
public sealed interface Submission {

  /**
   * The run was created, QUEUED.
   *
   * @param run the run
   */
  record Created(Run run) implements Submission {}

  /**
   * A run with this id existed already (an earlier attempt created it): nothing was created.
   *
   * @param run the stored run
   */
  record Existing(Run run) implements Submission {}

  /**
   * The run cannot be created: its job is unknown, its config is invalid, or planning failed.
   *
   * @param error why, for the tick or backfill
   */
  record Rejected(ErrorSnapshot error) implements Submission {}
}
