package io.pipewright.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.testing.Harness;
import io.pipewright.daemon.testing.Plans;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing the loop's thread while a cycle waits for the store: the cycle's writes must all have
 * landed when {@link DaemonLoop#close} returns, or they change runs behind the next owner's back.
 */
class DaemonLoopCloseTest {

  /** Runs, whose moves to STARTED wait for a gate (a slow database) and are counted in flight. */
  private static final class GatedRuns implements RunStore {
    private final RunStore delegate;
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final CountDownLatch startRequested = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();

    GatedRuns(RunStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Uni<Run> transition(String runId, RunStatus expected, RunStatus next, Instant at) {
      if (next != RunStatus.STARTED) {
        return delegate.transition(runId, expected, next, at);
      }
      inFlight.incrementAndGet();
      startRequested.countDown();
      return Uni.createFrom()
          .completionStage(gate)
          .chain(() -> delegate.transition(runId, expected, next, at))
          .eventually(inFlight::decrementAndGet);
    }

    @Override
    public Uni<Run> add(Run run) {
      return delegate.add(run);
    }

    @Override
    public Uni<Optional<Run>> find(String runId) {
      return delegate.find(runId);
    }

    @Override
    public Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit) {
      return delegate.list(filter, afterRunId, limit);
    }

    @Override
    public Uni<Long> count(RunFilter filter) {
      return delegate.count(filter);
    }

    @Override
    public Uni<List<Run>> queued(int limit) {
      return delegate.queued(limit);
    }

    @Override
    public Uni<Run> addTags(String runId, Map<String, String> tags) {
      return delegate.addTags(runId, tags);
    }

    @Override
    public Uni<Boolean> delete(String runId) {
      return delegate.delete(runId);
    }
  }

  @Test
  void shouldFinishTheCycleInProgressWhenClosedWhileItWaitsForTheStore() throws Exception {
    Harness h = new Harness();
    h.loop.leading(false); // The harness's own loop stays out of it.
    GatedRuns runs = new GatedRuns(h.stores.runs());
    DaemonStores stores =
        new DaemonStores(
            runs, h.stores.snapshots(), h.stores.events(), h.stores.pools(), h.stores.heartbeats());
    DaemonMetrics metrics = DaemonMetrics.none();
    DaemonLoop loop = h.realTimeLoop(stores, metrics);
    loop.start();
    loop.leading(true);
    String runId = h.queue(Plans.chain("job", "a"));
    assertThat(runs.startRequested.await(10, TimeUnit.SECONDS))
        .as("the loop moves the admitted run to STARTED")
        .isTrue();

    // The database answers 300 ms later; the daemon is closed meanwhile.
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
        .execute(() -> runs.gate.complete(null));
    loop.close();

    assertThat(runs.inFlight.get()).as("the loop's writes still in flight after close").isZero();
    assertThat(h.run(runId).status()).isEqualTo(RunStatus.STARTED);
    assertThat(metrics.registry().get("pipewright.daemon.loop.errors").counter().count())
        .as("failed cycles")
        .isZero();
  }
}
