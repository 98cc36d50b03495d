package io.pipewright.protocol.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

  @Test
  void shouldGiveEqualSnapshotsTheSameIdWhateverTheirMapsOrder() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("a", "1");
    tags.put("b", "2");
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("b", "2");
    reversed.put("a", "1");

    SnapshotCodec.Encoded first = SnapshotCodec.job(job(tags));
    SnapshotCodec.Encoded second = SnapshotCodec.job(job(reversed));

    assertThat(first.id()).hasSize(64).isEqualTo(second.id());
    assertThat(SnapshotCodec.job(job(Map.of("a", "other"))).id()).isNotEqualTo(first.id());
  }

  @Test
  void shouldReadBackWhatItWrote() {
    JobSnapshot job = job(Map.of("team", "data"));
    ExecutionPlanSnapshot plan =
        new ExecutionPlanSnapshot(
            "etl",
            List.of(
                new StepSnapshot(
                    "extract", "extract", "extract", null, List.of(), List.of(), Map.of(), null,
                    List.of(), List.of())));

    assertThat(SnapshotCodec.decodeJob(SnapshotCodec.job(job).body())).isEqualTo(job);
    assertThat(SnapshotCodec.decodePlan(SnapshotCodec.plan(plan).body())).isEqualTo(plan);
  }

  @Test
  void shouldSayWhatItCannotReadWhenTheBodyIsNotASnapshot() {
    assertThatThrownBy(() -> SnapshotCodec.decodeJob(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job snapshot cannot be read");
  }

  private static JobSnapshot job(Map<String, String> tags) {
    ConfigSchemaSnapshot config =
        new ConfigSchemaSnapshot.Shape(
            List.of(
                new ConfigFieldSnapshot(
                    "limit",
                    new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.INT),
                    true,
                    null,
                    null)));
    return new JobSnapshot(
        "etl",
        null,
        tags,
        "etl",
        List.of(
            new OpNodeSnapshot(
                "extract", "extract", null, List.of(), List.of(), Map.of(), List.of(), null,
                config)),
        new ConfigSchemaSnapshot.Shape(List.of()),
        List.of(),
        new ExecutorSnapshot("in_process", 1),
        Map.of(),
        List.of(),
        null,
        null);
  }
}
