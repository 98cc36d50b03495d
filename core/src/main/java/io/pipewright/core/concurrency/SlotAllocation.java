package io.pipewright.core.concurrency;

import java.util.List;

/**
 * The outcome of one slot allocation.
 *
 * @param granted the steps that got a slot now, in the order they were served
 * @param waiting the steps that keep waiting, in the order they will be served
 */
public record SlotAllocation(List<PendingStep> granted, List<PendingStep> waiting) {

  /** Copies the lists. */
  public SlotAllocation {
    granted = List.copyOf(granted);
    waiting = List.copyOf(waiting);
  }
}
