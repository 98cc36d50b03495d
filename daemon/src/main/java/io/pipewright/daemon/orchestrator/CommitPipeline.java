package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The orchestrator's commits on their way: a cycle's decisions, appended in parts ({@link
 * CommitParts}) then their runs' statuses moved, without waiting; each part is carried out by the
 * first cycle after its answer. A run whose commit is on its way is {@link RunState#committing}
 * until its decision's last part is answered. Owned by the loop thread.
 */
final class CommitPipeline {

  private final BatchIo io;
  private final Runnable answered;
  private final InFlight<Decided, BatchIo.Committed> sent = new InFlight<>();

  /**
   * Creates the pipeline.
   *
   * @param io the store calls
   * @param answered called (on any thread) when a part on its way was answered; wakes the loop
   */
  CommitPipeline(BatchIo io, Runnable answered) {
    this.io = io;
    this.answered = answered;
  }

  /**
   * Sends decisions' events and status moves, without waiting.
   *
   * @param recorded the decisions, each with events to store
   * @param now the time of the status moves
   */
  void send(List<Decided> recorded, Instant now) {
    if (recorded.isEmpty()) {
      return;
    }
    for (Decided d : recorded) {
      d.state().committing = true;
    }
    List<CommitParts.Planned> parts = CommitParts.plan(recorded, CommitParts.CHUNK);
    List<BatchIo.Part> toStore = new ArrayList<>(parts.size());
    for (CommitParts.Planned part : parts) {
      toStore.add(part.part());
    }
    List<CompletableFuture<BatchIo.Committed>> answers = io.commit(toStore, now);
    for (int i = 0; i < parts.size(); i++) {
      sent.send(parts.get(i).pieces(), answers.get(i), answered);
    }
  }

  /**
   * Takes the parts answered so far, in the order they were sent, and records on their runs what
   * they stored (their notifications bring nothing new); a run whose decision's last part is among
   * them is no longer committing, and its notifications meanwhile are looked at.
   *
   * @param runs the runs driven, by id
   * @return the parts answered, to carry out
   * @throws RuntimeException a part's failure
   */
  List<InFlight.Done<Decided, BatchIo.Committed>> takeStored(Map<String, RunState> runs) {
    List<InFlight.Done<Decided, BatchIo.Committed>> done = sent.takeDone();
    for (InFlight.Done<Decided, BatchIo.Committed> part : done) {
      Map<String, Long> lastIds = new HashMap<>();
      for (StoredEvent event : part.answer().events()) {
        lastIds.merge(event.event().runId(), event.id(), Math::max);
      }
      for (Map.Entry<String, Long> last : lastIds.entrySet()) {
        RunState state = runs.get(last.getKey());
        if (state != null) {
          state.stored(last.getValue());
        }
      }
    }
    return done;
  }

  /**
   * Waits (at most {@code timeout}) until every part on its way is answered.
   *
   * @param timeout the longest wait
   */
  void awaitAll(Duration timeout) {
    sent.awaitAll(timeout);
  }

  /** Forgets every part on its way: their decisions are not carried out. */
  void clear() {
    sent.clear();
  }
}
