package io.pipewright.core.orchestration;

import io.pipewright.core.concurrency.PendingStep;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The decisions of one {@link RunProgress#decide} call while they are collected. */
final class Cycle {
  final Instant now;
  RunStatus runStatus;
  final List<EventRecord> events = new ArrayList<>();
  final List<StepLaunch> launches = new ArrayList<>();
  final List<AttemptId> terminations = new ArrayList<>();
  final List<PendingStep> slotRequests = new ArrayList<>();
  final List<String> ignored = new ArrayList<>();
  private Instant wakeUpAt;

  Cycle(Instant now) {
    this.now = now;
  }

  /** Asks to be woken at the given time at the latest. */
  void wakeUp(Instant at) {
    if (wakeUpAt == null || at.isBefore(wakeUpAt)) {
      wakeUpAt = at;
    }
  }

  RunDecision toDecision() {
    return new RunDecision(
        runStatus, events, launches, terminations, slotRequests, wakeUpAt, ignored);
  }
}
