package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.EventPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reads of runs' new events on their way. The loop thread sends a read for the runs with news
 * and goes on (on PostgreSQL a read is a round trip, and news of other runs must not wait behind
 * it); the runs are decided by the first cycle after the answer. A run with a read on its way is
 * neither read again nor decided until then; notifications that arrive meanwhile are kept on the
 * run ({@link RunState#notifiedMeanwhile}) and looked at once the read is answered. Owned by the
 * loop thread.
 */
final class EventReads {

  private final BatchIo io;
  private final int pageSize;
  private final Runnable answered;
  private final InFlight<RunState, Map<String, EventPage>> sent = new InFlight<>();

  /**
   * Creates the reads.
   *
   * @param io the store calls
   * @param pageSize events per run and read
   * @param answered called (on any thread) when a read on its way was answered; wakes the loop
   */
  EventReads(BatchIo io, int pageSize, Runnable answered) {
    this.io = io;
    this.pageSize = pageSize;
    this.answered = answered;
  }

  /**
   * Sends a read of the runs' new events, without waiting.
   *
   * @param batch the runs, none of them reading already
   */
  void send(List<RunState> batch) {
    if (batch.isEmpty()) {
      return;
    }
    for (RunState state : batch) {
      state.reading = true;
      state.eventsPending = false;
    }
    sent.send(batch, io.read(batch, pageSize), answered);
  }

  /**
   * Applies the reads answered so far to their runs' views. A run with more events than a page is
   * read again at once (it is decided once all of them are read).
   *
   * @return the runs whose read is over, to decide now
   * @throws RuntimeException a read's failure
   */
  List<RunState> takeAnswered() {
    List<RunState> done = new ArrayList<>();
    while (true) {
      List<RunState> more = new ArrayList<>();
      for (InFlight.Done<RunState, Map<String, EventPage>> read : sent.takeDone()) {
        for (RunState state : read.items()) {
          EventPage page = read.answer().get(state.runId());
          if (page != null && BatchIo.apply(state, page)) {
            more.add(state);
            continue;
          }
          state.reading = false;
          state.takeNotified();
          done.add(state);
        }
      }
      if (more.isEmpty()) {
        return done;
      }
      // Answered at once (in memory): taken by this loop rather than from inside the answer.
      sent.send(more, io.read(more, pageSize), answered);
    }
  }

  /**
   * Waits (at most {@code timeout}) until every read on its way is answered.
   *
   * @param timeout the longest wait
   */
  void awaitAll(Duration timeout) {
    sent.awaitAll(timeout);
  }

  /** Forgets every read on its way: reads write nothing, so none needs waiting for. */
  void clear() {
    sent.clear();
  }
}
