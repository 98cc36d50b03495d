package io.pipewright.core.queue;

import java.util.List;

/**
 * The outcome of one admission cycle.
 *
 * @param admitted the runs to start now, in the order to start them
 * @param held the runs that stay queued, in queue order, each with its reason
 */
public record Admission(List<QueuedRun> admitted, List<HeldRun> held) {

  /** Copies the lists. */
  public Admission {
    admitted = List.copyOf(admitted);
    held = List.copyOf(held);
  }
}
