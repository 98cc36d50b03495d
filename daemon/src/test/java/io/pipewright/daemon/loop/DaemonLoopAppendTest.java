package io.pipewright.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.testing.ForwardingEventLog;
import io.pipewright.daemon.testing.Harness;
import io.pipewright.daemon.testing.Plans;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's appends are pipelined: a cycle does not wait for its append to be stored
 * before it handles other runs' news, and a decision is carried out (its launches made) only once
 * its events are stored.
 */
class DaemonLoopAppendTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);

  /** An event log whose appends launching a given step wait for a gate (a slow database). */
  private static final class GatedEvents extends ForwardingEventLog {
    private final String stepKey;
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final CountDownLatch gated = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();

    GatedEvents(EventLog delegate, String stepKey) {
      super(delegate);
      this.stepKey = stepKey;
    }

    @Override
    public Uni<List<StoredEvent>> append(List<EventRecord> events) {
      boolean held =
          events.stream()
              .anyMatch(
                  e ->
                      e.type() == DagsterEventType.STEP_WORKER_STARTING
                          && stepKey.equals(e.stepKey()));
      if (!held) {
        return delegate.append(events);
      }
      return Uni.createFrom()
          .voidItem()
          .invoke(
              () -> {
                inFlight.incrementAndGet();
                gated.countDown();
              })
          .chain(() -> Uni.createFrom().completionStage(gate))
          .chain(() -> delegate.append(events))
          .eventually(inFlight::decrementAndGet);
    }
  }

  @Test
  void shouldDriveOtherRunsWhileAnAppendIsOnItsWayAndLaunchOnlyOnceItIsStored() throws Exception {
    Harness h = new Harness();
    h.loop.leading(false); // The harness's own loop stays out of it.
    GatedEvents events = new GatedEvents(h.stores.events(), "slow");
    DaemonLoop loop = h.leadingLoopOver(events);
    try {
      String slow = h.queue(Plans.chain("job", "slow"));
      assertThat(events.gated.await(10, TimeUnit.SECONDS))
          .as("the loop appends the slow step's launch")
          .isTrue();

      String quick = h.queue(Plans.chain("job", "a", "b"));
      Harness.await(
          WITHIN, "the other run to succeed", () -> h.run(quick).status() == RunStatus.SUCCESS);
      assertThat(h.launched())
          .as("the slow step is not launched before its STEP_WORKER_STARTING is stored")
          .doesNotContain(new AttemptId(slow, "slow", 1));

      events.gate.complete(null);
      Harness.await(
          WITHIN, "the slow run to succeed", () -> h.run(slow).status() == RunStatus.SUCCESS);
      assertThat(h.launched())
          .containsExactlyInAnyOrder(
              new AttemptId(quick, "a", 1),
              new AttemptId(quick, "b", 1),
              new AttemptId(slow, "slow", 1));
    } finally {
      events.gate.complete(null);
      loop.close();
    }
  }

  @Test
  void shouldWaitForTheAppendOnItsWayWhenClosed() throws Exception {
    Harness h = new Harness();
    h.loop.leading(false);
    GatedEvents events = new GatedEvents(h.stores.events(), "slow");
    DaemonLoop loop = h.leadingLoopOver(events);
    String slow = h.queue(Plans.chain("job", "slow"));
    assertThat(events.gated.await(10, TimeUnit.SECONDS)).isTrue();

    // The database answers 300 ms later; the daemon is closed meanwhile.
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
        .execute(() -> events.gate.complete(null));
    loop.close();

    assertThat(events.inFlight.get()).as("appends still in flight after close").isZero();

    // A restarted daemon launches the recorded attempt, once.
    DaemonLoop next = h.leadingLoopOver(new GatedEvents(h.stores.events(), "none"));
    try {
      Harness.await(WITHIN, "the run to succeed", () -> h.run(slow).status() == RunStatus.SUCCESS);
      assertThat(h.launched()).containsExactly(new AttemptId(slow, "slow", 1));
    } finally {
      next.close();
    }
  }
}
