package io.pipewright.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.run.RunStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotRecordsTest {

  private static OpNodeSnapshot op(String name) {
    return new OpNodeSnapshot(
        name, name, null, List.of(), List.of(), Map.of(), List.of(), null, null);
  }

  private static JobSnapshot job(String name, List<NodeSnapshot> nodes) {
    return new JobSnapshot(
        name,
        null,
        Map.of(),
        name,
        nodes,
        new ConfigSchemaSnapshot.Any(),
        List.of(),
        new ExecutorSnapshot("IN_PROCESS", 1),
        Map.of(),
        List.of(),
        null,
        null);
  }

  @Test
  void shouldFindNodeByHandleWhenGraphsNest() {
    GraphNodeSnapshot inner =
        new GraphNodeSnapshot(
            "inner", "inner", null, List.of(), List.of(), Map.of(), List.of(op("leaf")), List.of());
    GraphNodeSnapshot outer =
        new GraphNodeSnapshot(
            "outer", "outer", null, List.of(), List.of(), Map.of(), List.of(inner), List.of());
    JobSnapshot job = job("etl", List.of(op("first"), outer));

    assertThat(job.node("outer.inner.leaf")).contains(op("leaf"));
    assertThat(job.node("first")).contains(op("first"));
    assertThat(job.node("first.leaf")).isEmpty();
    assertThat(job.node("outer.missing")).isEmpty();
  }

  @Test
  void shouldRejectSiblingsWhenTheyShareAName() {
    assertThatThrownBy(() -> job("etl", List.of(op("a"), op("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JobSnapshot 'etl' has two nodes named 'a'; sibling names must be unique");
  }

  @Test
  void shouldRejectLocationWhenTwoJobsShareAName() {
    assertThatThrownBy(
            () ->
                new CodeLocationSnapshot(
                    "loc",
                    "srv",
                    null,
                    "h",
                    List.of(job("etl", List.of()), job("etl", List.of())),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()))
        .hasMessage("CodeLocationSnapshot 'loc' has two jobs named 'etl'; names must be unique");
  }

  @Test
  void shouldRequireUnresolvedKeyWhenStepIsMapped() {
    StepSnapshot.DynamicMapping mapping = new StepSnapshot.DynamicMapping("split", "chunks");

    StepSnapshot mapped =
        new StepSnapshot(
            "p[?]", "p", "p", mapping, List.of(), List.of(), Map.of(), null, List.of(), List.of());

    assertThat(mapped.instanceKey("k1")).isEqualTo("p[k1]");
    assertThatThrownBy(
            () ->
                new StepSnapshot(
                    "p", "p", "p", mapping, List.of(), List.of(), Map.of(), null, List.of(),
                    List.of()))
        .hasMessageContaining("must be keyed 'p[?]'");
  }

  @Test
  void shouldRejectEvaluationWhenItBothRequestsAndSkips() {
    RunRequestSnapshot run = new RunRequestSnapshot("k", null, List.of(), Map.of(), Map.of(), null);

    assertThatThrownBy(() -> new InstigatorEvaluation(List.of(run), "why", null, List.of(), null))
        .hasMessageContaining("a tick that requests runs did not skip");
    assertThatThrownBy(
            () -> InstigatorEvaluation.failed(ErrorSnapshot.of("E", "e")).withCursor("c"))
        .hasMessageContaining("a failed evaluation carries only the error");
  }

  @Test
  void shouldRequireRunStatusOnlyWhenSensorWatchesRuns() {
    assertThatThrownBy(
            () ->
                new SensorSnapshot(
                    "s",
                    SensorSnapshot.Kind.RUN_STATUS,
                    Duration.ofSeconds(30),
                    DefaultStatus.RUNNING,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    null))
        .hasMessageContaining("needs the run status it reacts to");
    assertThatThrownBy(
            () ->
                new SensorSnapshot(
                    "s",
                    SensorSnapshot.Kind.STANDARD,
                    Duration.ofSeconds(30),
                    DefaultStatus.RUNNING,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    RunStatus.FAILURE))
        .hasMessageContaining("only RUN_STATUS sensors do");
  }

  @Test
  void shouldRejectConfigFieldWhenItIsRequiredAndHasADefault() {
    assertThatThrownBy(
            () -> new ConfigFieldSnapshot("limit", new ConfigSchemaSnapshot.Any(), true, 3, null))
        .hasMessage("ConfigFieldSnapshot 'limit' has a default, so it cannot be required");
  }

  @Test
  void shouldRejectMetadataWhenAKeyRepeatsOrACellNests() {
    MetadataEntrySnapshot entry = new MetadataEntrySnapshot("k", new MetadataValueSnapshot.Null());
    assertThatThrownBy(() -> MetadataEntrySnapshot.copyOf(List.of(entry, entry), "asset 'a'"))
        .hasMessage("asset 'a' has the metadata key 'k' twice; keys must be unique");

    Map<String, Object> row = new LinkedHashMap<>();
    row.put("nested", List.of(1));
    assertThatThrownBy(() -> new MetadataValueSnapshot.Table(List.of(row), null))
        .hasMessageContaining("column 'nested' holds a list");
  }

  @Test
  void shouldParseAndPrintAssetKeyAsSlashSeparatedPath() {
    AssetKeySnapshot key = AssetKeySnapshot.fromUserString("sales/daily");

    assertThat(key.path()).containsExactly("sales", "daily");
    assertThat(key.toUserString()).isEqualTo("sales/daily");
    assertThatThrownBy(() -> AssetKeySnapshot.fromUserString("sales//daily"))
        .hasMessageContaining("is blank or contains '/'");
  }

  @Test
  void shouldRejectMultiPartitionsWhenNotExactlyTwoDimensions() {
    PartitionsSnapshot regions = new PartitionsSnapshot.Static(List.of("eu"));

    assertThatThrownBy(
            () ->
                new PartitionsSnapshot.Multi(
                    List.of(new PartitionsSnapshot.Dimension("r", regions))))
        .hasMessageContaining("needs exactly two dimensions");
    assertThat(
            new PartitionsSnapshot.Multi(
                    List.of(
                        new PartitionsSnapshot.Dimension("a", regions),
                        new PartitionsSnapshot.Dimension("b", regions)))
                .kind())
        .isEqualTo(PartitionsSnapshot.Kind.MULTI);
  }
}
