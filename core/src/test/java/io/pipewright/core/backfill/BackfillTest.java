package io.pipewright.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static Backfill backfill() {
    return Backfill.ofJob("bf", "etl", "job", List.of("p1", "p2"), T0);
  }

  @Test
  void shouldSetTheEndTimeWhenReachingATerminalStatus() {
    Backfill canceling = backfill().withStatus(BackfillStatus.CANCELING, T0.plusSeconds(1));
    Backfill canceled = canceling.withStatus(BackfillStatus.CANCELED, T0.plusSeconds(2));

    assertThat(canceling.endTime()).isNull();
    assertThat(canceled.endTime()).isEqualTo(T0.plusSeconds(2));
    assertThatThrownBy(() -> canceled.withStatus(BackfillStatus.REQUESTED, T0))
        .isInstanceOf(IllegalBackfillTransitionException.class)
        .hasMessageContaining("CANCELED is terminal");
  }

  @Test
  void shouldGoBackToRequestedWithoutItsErrorWhenAFailedBackfillIsResumed() {
    Backfill failed =
        backfill()
            .withStatus(
                BackfillStatus.FAILED,
                io.pipewright.core.snapshot.ErrorSnapshot.of("X", "the job is gone"),
                T0.plusSeconds(1));

    Backfill resumed = failed.resumed(T0.plusSeconds(2));

    assertThat(failed.status().isTerminal()).isTrue();
    assertThat(resumed.status()).isEqualTo(BackfillStatus.REQUESTED);
    assertThat(resumed.error()).isNull();
    assertThat(resumed.endTime()).isNull();
    assertThat(resumed.partitions()).isEqualTo(failed.partitions());
    Backfill canceled = backfill().withStatus(BackfillStatus.CANCELED, T0);
    assertThatThrownBy(() -> canceled.resumed(T0))
        .isInstanceOf(IllegalBackfillTransitionException.class)
        .hasMessageContaining("only a FAILED backfill can be resumed");
    assertThatThrownBy(() -> backfill().resumed(T0))
        .isInstanceOf(IllegalBackfillTransitionException.class);
  }

  @Test
  void shouldChangePartitionsByKeyWhenProgressIsRecorded() {
    Backfill next =
        backfill()
            .withPartitions(
                List.of(new BackfillPartition("p2", BackfillPartitionStatus.REQUESTED, "r2")));

    assertThat(next.partitionsIn(BackfillPartitionStatus.REQUESTED))
        .containsExactly(new BackfillPartition("p2", BackfillPartitionStatus.REQUESTED, "r2"));
    assertThat(next.partitionsIn(BackfillPartitionStatus.PENDING))
        .extracting(BackfillPartition::partitionKey)
        .containsExactly("p1");
  }

  @Test
  void shouldRejectBadChangesWhenPartitionsAreUpdated() {
    assertThatThrownBy(() -> backfill().withPartitions(List.of(BackfillPartition.pending("p9"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p9");
    assertThatThrownBy(
            () ->
                backfill()
                    .withPartitions(
                        List.of(
                            new BackfillPartition("p1", BackfillPartitionStatus.SUCCEEDED, "r"))))
        .isInstanceOf(IllegalBackfillTransitionException.class)
        .hasMessageContaining("PENDING -> SUCCEEDED");
  }

  @Test
  void shouldRejectDuplicatePartitionsAndAMissingTargetWhenCreated() {
    assertThatThrownBy(() -> Backfill.ofJob("bf", "etl", "job", List.of("p", "p"), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Backfill.ofAssets("bf", "etl", List.of(), List.of("p"), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a job nor assets");
  }

  @Test
  void shouldHaveOnlyTerminalStatusesWithoutTargetsWhenLookingAtTheTables() {
    for (BackfillStatus s : BackfillStatus.values()) {
      assertThat(s.isTerminal()).isEqualTo(s.allowedTargets().isEmpty());
      assertThat(s.canTransitionTo(s)).isTrue();
    }
    assertThat(BackfillPartitionStatus.PENDING.canTransitionTo(BackfillPartitionStatus.FAILED))
        .isFalse();
  }
}
