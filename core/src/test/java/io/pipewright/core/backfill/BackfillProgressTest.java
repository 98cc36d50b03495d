package io.pipewright.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static Backfill backfill(String... keys) {
    return Backfill.ofJob("bf", "etl", "job", List.of(keys), T);
  }

  private static BackfillStep decide(Backfill b, Map<String, RunStatus> runs, int max, int chunk) {
    return BackfillProgress.decide(b, runs, max, chunk, (id, key) -> id + "/" + key);
  }

  @Test
  void shouldSubmitAChunkUnderTheLimitWhenPartitionsArePending() {
    BackfillStep step = decide(backfill("a", "b", "c", "d", "e"), Map.of(), 3, 2);

    assertThat(step.toSubmit())
        .extracting(BackfillPartition::partitionKey, BackfillPartition::runId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "bf/a"),
            org.assertj.core.groups.Tuple.tuple("b", "bf/b"));
    assertThat(step.nextStatus()).isNull();
  }

  @Test
  void shouldWaitForSlotsWhenTheLimitIsReached() {
    Backfill b = backfill("a", "b", "c");
    b = b.withPartitions(decide(b, Map.of(), 2, 10).toSubmit()); // a and b in flight.

    BackfillStep full = decide(b, Map.of("bf/a", RunStatus.STARTED), 2, 10);
    assertThat(full.toSubmit()).isEmpty();

    BackfillStep freed = decide(b, Map.of("bf/a", RunStatus.SUCCESS), 2, 10);
    assertThat(freed.finished())
        .extracting(BackfillPartition::status)
        .containsExactly(BackfillPartitionStatus.SUCCEEDED);
    assertThat(freed.toSubmit()).extracting(BackfillPartition::partitionKey).containsExactly("c");
  }

  @Test
  void shouldCompleteFailedWhenAllEndedAndOneFailed() {
    Backfill b = backfill("a", "b");
    b = b.withPartitions(decide(b, Map.of(), 10, 10).toSubmit());

    BackfillStep step =
        decide(b, Map.of("bf/a", RunStatus.SUCCESS, "bf/b", RunStatus.FAILURE), 10, 10);
    assertThat(step.nextStatus()).isEqualTo(BackfillStatus.COMPLETED_FAILED);

    BackfillStep ok =
        decide(b, Map.of("bf/a", RunStatus.SUCCESS, "bf/b", RunStatus.SUCCESS), 10, 10);
    assertThat(ok.nextStatus()).isEqualTo(BackfillStatus.COMPLETED_SUCCESS);
  }

  @Test
  void shouldCancelPendingAndUnfinishedAndEndCanceledWhenCanceling() {
    Backfill b = backfill("a", "b", "c");
    b = b.withPartitions(decide(b, Map.of(), 2, 10).toSubmit());
    b = b.withStatus(BackfillStatus.CANCELING, T);

    BackfillStep step =
        decide(b, Map.of("bf/a", RunStatus.QUEUED, "bf/b", RunStatus.SUCCESS), 2, 10);
    assertThat(step.toSubmit()).isEmpty();
    assertThat(step.canceledPending())
        .extracting(BackfillPartition::partitionKey)
        .containsExactly("c");
    assertThat(step.runsToCancel()).containsExactly("bf/a");
    assertThat(step.nextStatus()).isNull();

    BackfillStep done =
        decide(b, Map.of("bf/a", RunStatus.CANCELED, "bf/b", RunStatus.SUCCESS), 2, 10);
    assertThat(done.nextStatus()).isEqualTo(BackfillStatus.CANCELED);
  }
}
