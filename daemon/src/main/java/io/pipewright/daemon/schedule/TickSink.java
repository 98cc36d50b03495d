package io.pipewright.daemon.schedule;

import io.pipewright.core.instigation.Tick;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import java.util.List;

/**
 * Where a schedule evaluation's outcome goes: stored at once (a resumed tick, {@link #immediate}),
 * or gathered in a chunk's batch and stored with one call per chunk ({@link #batched}).
 */
interface TickSink {
  void finish(Tick finished);

  Tick reserve(
      Tick tick, List<RunRequestSnapshot> requests, List<String> runIds, List<String> runKeys);

  /** Stores each outcome as it comes, through the runner. */
  static TickSink immediate(TickRunner runner) {
    return new TickSink() {
      @Override
      public void finish(Tick finished) {
        runner.finish(finished);
      }

      @Override
      public Tick reserve(
          Tick tick, List<RunRequestSnapshot> requests, List<String> runIds, List<String> runKeys) {
        return runner.reserve(tick, requests, runIds, runKeys, null);
      }
    };
  }

  /** Gathers the outcomes in a chunk's batch. */
  static TickSink batched(TickRunner.Batch batch) {
    return new TickSink() {
      @Override
      public void finish(Tick finished) {
        batch.finish(finished);
      }

      @Override
      public Tick reserve(
          Tick tick, List<RunRequestSnapshot> requests, List<String> runIds, List<String> runKeys) {
        return batch.reserve(tick, requests, runIds, runKeys);
      }
    };
  }
}
