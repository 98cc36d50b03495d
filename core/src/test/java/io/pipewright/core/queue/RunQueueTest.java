package io.pipewright.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunQueueTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static QueuedRun queued(String id, int secondsAfterT0, String... tags) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < tags.length; i += 2) {
      map.put(tags[i], tags[i + 1]);
    }
    return new QueuedRun(id, map, T0.plusSeconds(secondsAfterT0));
  }

  private static ActiveRun active(String id, String... tags) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < tags.length; i += 2) {
      map.put(tags[i], tags[i + 1]);
    }
    return new ActiveRun(id, map);
  }

  private static List<String> ids(List<QueuedRun> runs) {
    return runs.stream().map(QueuedRun::runId).toList();
  }

  @Test
  void shouldAdmitOldestFirstUpToTheFreeSlotsWhenPrioritiesAreEqual() {
    List<QueuedRun> queue = List.of(queued("c", 3), queued("a", 1), queued("b", 2));

    Admission admission = RunQueue.admit(queue, List.of(active("running")), RunQueueLimits.of(3));

    assertThat(ids(admission.admitted())).containsExactly("a", "b");
    assertThat(admission.held())
        .singleElement()
        .satisfies(
            held -> {
              assertThat(held.run().runId()).isEqualTo("c");
              assertThat(held.blockedBy()).isNull();
              assertThat(held.reason()).isEqualTo("Waiting for one of the 3 concurrent run slots.");
            });
  }

  @Test
  void shouldAdmitHigherPriorityFirstEvenWhenItIsYounger() {
    List<QueuedRun> queue =
        List.of(
            queued("old", 1),
            queued("urgent", 9, RunPriority.TAG, "10"),
            queued("low", 0, RunPriority.TAG, "-5"));

    Admission admission = RunQueue.admit(queue, List.of(), RunQueueLimits.of(2));

    assertThat(ids(admission.admitted())).containsExactly("urgent", "old");
    assertThat(ids(admission.held().stream().map(HeldRun::run).toList())).containsExactly("low");
  }

  @Test
  void shouldTreatAMissingOrMalformedPriorityAsZero() {
    assertThat(queued("x", 0).priority()).isZero();
    assertThat(queued("x", 0, RunPriority.TAG, "high").priority()).isZero();
    assertThat(queued("x", 0, RunPriority.TAG, " 7 ").priority()).isEqualTo(7);
  }

  @Test
  void shouldKeepInputOrderAmongRunsWithTheSamePriorityAndEnqueueTime() {
    List<QueuedRun> queue = List.of(queued("first", 0), queued("second", 0), queued("third", 0));

    Admission admission =
        RunQueue.admit(queue, List.of(), RunQueueLimits.of(RunQueueLimits.UNLIMITED));

    assertThat(ids(admission.admitted())).containsExactly("first", "second", "third");
  }

  @Test
  void shouldAdmitNothingAndSaySoWhenTheQueueIsPaused() {
    Admission admission = RunQueue.admit(List.of(queued("a", 0)), List.of(), RunQueueLimits.of(0));

    assertThat(admission.admitted()).isEmpty();
    assertThat(admission.held().get(0).reason()).contains("paused");
  }

  @Test
  void shouldAdmitNothingWhenActiveRunsAlreadyExceedTheMaximum() {
    Admission admission =
        RunQueue.admit(
            List.of(queued("a", 0)),
            List.of(active("x"), active("y"), active("z")),
            RunQueueLimits.of(2));

    assertThat(admission.admitted()).isEmpty();
  }

  @Test
  void shouldNotLetABlockedRunHoldUnrelatedRunsBehindIt() {
    List<QueuedRun> queue =
        List.of(
            queued("ml-1", 0, "team", "ml"),
            queued("ml-2", 1, "team", "ml"),
            queued("bi-1", 2, "team", "bi"),
            queued("plain", 3));

    Admission admission =
        RunQueue.admit(
            queue,
            List.of(active("ml-running", "team", "ml")),
            RunQueueLimits.of(10, TagConcurrencyLimit.forValue("team", "ml", 1)));

    assertThat(ids(admission.admitted())).containsExactly("bi-1", "plain");
    assertThat(admission.held())
        .extracting(held -> held.run().runId())
        .containsExactly("ml-1", "ml-2");
    assertThat(admission.held().get(0).reason())
        .isEqualTo("Waiting for the tag concurrency limit team=ml: 1.");
  }

  @Test
  void shouldLimitRunsWithTheKeyTogetherWhenTheLimitHasNoValue() {
    List<QueuedRun> queue =
        List.of(
            queued("a", 0, "backfill", "b1"),
            queued("b", 1, "backfill", "b2"),
            queued("c", 2, "backfill", "b3"));

    Admission admission =
        RunQueue.admit(
            queue, List.of(), RunQueueLimits.of(10, TagConcurrencyLimit.forKey("backfill", 2)));

    assertThat(ids(admission.admitted())).containsExactly("a", "b");
  }

  @Test
  void shouldLimitEachValueSeparatelyWhenTheLimitAppliesPerUniqueValue() {
    List<QueuedRun> queue =
        List.of(
            queued("t1-a", 0, "tenant", "t1"),
            queued("t1-b", 1, "tenant", "t1"),
            queued("t2-a", 2, "tenant", "t2"),
            queued("t3-a", 3, "tenant", "t3"));

    Admission admission =
        RunQueue.admit(
            queue,
            List.of(active("t3-running", "tenant", "t3")),
            RunQueueLimits.of(10, TagConcurrencyLimit.perUniqueValue("tenant", 1)));

    assertThat(ids(admission.admitted())).containsExactly("t1-a", "t2-a");
    assertThat(admission.held().get(0).reason()).contains("tenant (per value): 1");
  }

  @Test
  void shouldCountRunsAdmittedInTheSameCycleAgainstTheLimits() {
    List<QueuedRun> queue =
        List.of(queued("a", 0, "db", "pg"), queued("b", 1, "db", "pg"), queued("c", 2, "db", "pg"));

    Admission admission =
        RunQueue.admit(
            queue, List.of(), RunQueueLimits.of(10, TagConcurrencyLimit.forValue("db", "pg", 2)));

    assertThat(ids(admission.admitted())).containsExactly("a", "b");
  }

  @Test
  void shouldHoldEveryMatchingRunWhenATagLimitIsZero() {
    Admission admission =
        RunQueue.admit(
            List.of(queued("a", 0, "frozen", "yes"), queued("b", 1)),
            List.of(),
            RunQueueLimits.of(10, TagConcurrencyLimit.forKey("frozen", 0)));

    assertThat(ids(admission.admitted())).containsExactly("b");
  }

  @Test
  void shouldApplyEveryLimitARunMatchesWhenSeveralApply() {
    RunQueueLimits limits =
        RunQueueLimits.of(
            10,
            TagConcurrencyLimit.forKey("team", 5),
            TagConcurrencyLimit.forValue("team", "ml", 2),
            TagConcurrencyLimit.perUniqueValue("owner", 1));
    List<QueuedRun> queue =
        List.of(
            queued("a", 0, "team", "ml", "owner", "ann"),
            queued("b", 1, "team", "ml", "owner", "ann"),
            queued("c", 2, "team", "ml", "owner", "bob"),
            queued("d", 3, "team", "ml", "owner", "cid"),
            queued("e", 4, "team", "bi", "owner", "dan"));

    Admission admission = RunQueue.admit(queue, List.of(), limits);

    assertThat(ids(admission.admitted())).containsExactly("a", "c", "e");
  }

  @Test
  void shouldRejectContradictoryOrDuplicateLimitsWhenConfigured() {
    assertThatThrownBy(() -> new TagConcurrencyLimit("team", "ml", true, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("applyLimitPerUniqueValue");
    assertThatThrownBy(
            () ->
                RunQueueLimits.of(
                    1,
                    TagConcurrencyLimit.forKey("team", 1),
                    TagConcurrencyLimit.forKey("team", 2)))
        .hasMessageContaining("two tag limits for team");
    assertThatThrownBy(() -> RunQueueLimits.of(-2)).hasMessageContaining("-1 (unlimited)");
    assertThatThrownBy(() -> TagConcurrencyLimit.forKey("team", -1)).hasMessageContaining("limit");
  }

  @Test
  void shouldAdmitAThousandQueuedRunsWellWithinASecondWhenCapacityFrees() {
    List<QueuedRun> queue = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      queue.add(
          queued(
              "run-" + i,
              i,
              RunPriority.TAG,
              Integer.toString(i % 7),
              "tenant",
              "t" + (i % 50),
              "team",
              i % 3 == 0 ? "ml" : "bi"));
    }
    RunQueueLimits limits =
        RunQueueLimits.of(
            1_000,
            TagConcurrencyLimit.perUniqueValue("tenant", 40),
            TagConcurrencyLimit.forValue("team", "ml", 400));
    RunQueue.admit(queue, List.of(), limits); // warm up

    long start = System.nanoTime();
    Admission admission = RunQueue.admit(queue, List.of(), limits);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(admission.admitted()).hasSize(1_000);
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }
}
