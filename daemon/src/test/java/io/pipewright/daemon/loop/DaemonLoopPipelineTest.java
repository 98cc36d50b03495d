package io.pipewright.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.testing.ForwardingEventLog;
import io.pipewright.daemon.testing.Harness;
import io.pipewright.daemon.testing.Plans;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's reads are pipelined like its appends (a cycle does not wait for a read before
 * it handles other runs' news), and a big fan-out is appended in parts, each carried out (its
 * launches made) once it is stored, while the next is appended.
 */
class DaemonLoopPipelineTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  /** An event log whose reads and appends matching a test wait for a gate (a slow database). */
  private static final class GatedEvents extends ForwardingEventLog {
    private final Predicate<Map<String, Long>> heldRead;
    private final Predicate<List<EventRecord>> heldAppend;
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final CountDownLatch gated = new CountDownLatch(1);

    GatedEvents(
        EventLog delegate,
        Predicate<Map<String, Long>> heldRead,
        Predicate<List<EventRecord>> heldAppend) {
      super(delegate);
      this.heldRead = heldRead;
      this.heldAppend = heldAppend;
    }

    @Override
    public Uni<Map<String, EventPage>> eventsForRuns(Map<String, Long> cursors, int limit) {
      if (!heldRead.test(cursors)) {
        return delegate.eventsForRuns(cursors, limit);
      }
      return held().chain(() -> delegate.eventsForRuns(cursors, limit));
    }

    @Override
    public Uni<List<StoredEvent>> append(List<EventRecord> events) {
      if (!heldAppend.test(events)) {
        return delegate.append(events);
      }
      return held().chain(() -> delegate.append(events));
    }

    private Uni<Void> held() {
      return Uni.createFrom()
          .voidItem()
          .invoke(gated::countDown)
          .chain(() -> Uni.createFrom().completionStage(gate));
    }
  }

  private static boolean launches(List<EventRecord> events, String stepKey) {
    return events.stream()
        .anyMatch(
            e -> e.type() == DagsterEventType.STEP_WORKER_STARTING && stepKey.equals(e.stepKey()));
  }

  @Test
  void shouldDriveOtherRunsWhileAReadIsOnItsWayAndDecideTheRunOnceItIsAnswered() throws Exception {
    Harness h = new Harness();
    h.loop.leading(false); // The harness's own loop stays out of it.
    String[] slow = new String[1];
    GatedEvents events =
        new GatedEvents(
            h.stores.events(),
            cursors -> slow[0] != null && cursors.containsKey(slow[0]),
            appended -> false);
    slow[0] = h.queue(Plans.chain("job", "first", "second"));
    DaemonLoop loop = h.leadingLoopOver(events);
    try {
      assertThat(events.gated.await(10, TimeUnit.SECONDS))
          .as("the loop reads the slow run's events")
          .isTrue();

      String quick = h.queue(Plans.chain("job", "a", "b"));
      Harness.await(
          WITHIN, "the other run to succeed", () -> h.run(quick).status() == RunStatus.SUCCESS);
      assertThat(h.launched())
          .as("the slow run is not decided before its read is answered")
          .doesNotContain(new AttemptId(slow[0], "first", 1));

      events.gate.complete(null);
      Harness.await(
          WITHIN, "the slow run to succeed", () -> h.run(slow[0]).status() == RunStatus.SUCCESS);
      assertThat(h.launched())
          .containsExactlyInAnyOrder(
              new AttemptId(quick, "a", 1),
              new AttemptId(quick, "b", 1),
              new AttemptId(slow[0], "first", 1),
              new AttemptId(slow[0], "second", 1));
    } finally {
      events.gate.complete(null);
      loop.close();
    }
  }

  @Test
  void shouldLaunchABigFanOutsFirstPartWhileItsNextPartIsAppended() throws Exception {
    Harness h = new Harness();
    h.loop.leading(false);
    List<Plans.Step> steps = new ArrayList<>();
    steps.add(Plans.step("root"));
    for (int i = 0; i < 1_450; i++) {
      steps.add(Plans.step("w" + i).in("x", "root"));
    }
    ExecutionPlanSnapshot plan = Plans.plan("fan", steps.toArray(Plans.Step[]::new));
    // Held: the append recording the launch of w1200 (the fan-out's second part).
    GatedEvents events =
        new GatedEvents(
            h.stores.events(), cursors -> false, appended -> launches(appended, "w1200"));
    DaemonLoop loop = h.leadingLoopOver(events);
    try {
      String runId = h.queue(plan);
      assertThat(events.gated.await(10, TimeUnit.SECONDS))
          .as("the loop appends the fan-out's second part")
          .isTrue();
      Harness.await(
          WITHIN,
          "the first part's launches",
          () -> h.launched().contains(new AttemptId(runId, "w0", 1)));
      assertThat(
              h.events(runId).stream()
                  .filter(e -> e.type() == DagsterEventType.STEP_WORKER_STARTING))
          .as("every launch made has its STEP_WORKER_STARTING stored")
          .extracting(EventRecord::stepKey)
          .containsAll(
              h.launched().stream()
                  .filter(a -> a.runId().equals(runId))
                  .map(AttemptId::stepKey)
                  .toList());
      assertThat(h.launched())
          .as("the held part's launches wait for it to be stored")
          .doesNotContain(new AttemptId(runId, "w1200", 1), new AttemptId(runId, "w1449", 1));

      events.gate.complete(null);
      Harness.await(
          WITHIN, "the fan-out to succeed", () -> h.run(runId).status() == RunStatus.SUCCESS);
      assertThat(h.launched()).hasSize(1_451).doesNotHaveDuplicates();
    } finally {
      events.gate.complete(null);
      loop.close();
    }
  }
}
