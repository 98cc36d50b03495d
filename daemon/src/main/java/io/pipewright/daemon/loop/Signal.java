package io.pipewright.daemon.loop;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;

/** Something that happened outside the {@link DaemonLoop}'s thread, for its next cycle. */
sealed interface Signal {
  long nanos();

  record Appended(String runId, long lastEventId, long nanos) implements Signal {}

  record Status(AttemptStatus status, long nanos) implements Signal {}

  record LaunchDone(AttemptId attempt, LaunchResult result, long nanos) implements Signal {}

  /**
   * A read or an append of the orchestrator's was answered: its runs can be decided, or its
   * decisions carried out.
   */
  record StoreAnswered(long nanos) implements Signal {}

  /** An admission on its way was answered: its runs can be adopted. */
  record AdmissionDone(long nanos) implements Signal {}

  record Leadership(boolean leading, long nanos) implements Signal {}

  /** The event log's notification stream ended or failed: notifications may be missed. */
  record NotificationsLost(String why, long nanos) implements Signal {}

  /** {@link DaemonLoop#close} was called: wakes the thread so that it sees it. */
  record Stop(long nanos) implements Signal {}
}
