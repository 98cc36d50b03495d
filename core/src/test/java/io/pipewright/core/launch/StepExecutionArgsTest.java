package io.pipewright.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepExecutionArgsTest {

  private static StepExecutionArgs.Builder args() {
    return StepExecutionArgs.builder("run-1", "etl", "extract").codeLocationName("sales");
  }

  @Test
  void shouldCopyAndCanonicalizeWhenBuilt() {
    List<String> selection = new ArrayList<>(List.of("extract+"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ops", Map.of("extract", Map.of("config", Map.of("limit", 10))));

    StepExecutionArgs args =
        args().opSelection(selection).runConfig(config).runTags(Map.of("team", "data")).build();
    selection.add("load");

    assertThat(args.opSelection()).containsExactly("extract+");
    assertThat(args.runConfig())
        .isEqualTo(Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 10L)))));
    assertThat(args.attempt()).isEqualTo(1);
    assertThat(args.knownState().isEmpty()).isTrue();
    assertThat(args.withAttempt(3).attempt()).isEqualTo(3);
  }

  @Test
  void shouldRejectAnAttemptBelowOne() {
    assertThatThrownBy(() -> args().attempt(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StepExecutionArgs of step extract needs an attempt of 1 or more, got 0");
  }

  @Test
  void shouldRejectMissingIdentifiersNamingTheComponent() {
    assertThatThrownBy(
            () -> StepExecutionArgs.builder("run-1", "etl", " ").codeLocationName("x").build())
        .hasMessage("StepExecutionArgs needs a non-blank stepKey, got \" \"");
    assertThatThrownBy(() -> StepExecutionArgs.builder("run-1", "etl", "extract").build())
        .hasMessage("StepExecutionArgs needs a non-blank codeLocationName, got null");
  }

  @Test
  void shouldRequireAParentRunWhenOnlySomeStepsAreExecuted() {
    assertThatThrownBy(() -> args().reexecutionOf(null, List.of("load")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executes only some steps [load] but has no parentRunId");
    assertThat(args().reexecutionOf("run-0", List.of("load")).build().parentRunId())
        .isEqualTo("run-0");
  }

  @Test
  void shouldRejectAnIngestUrlThatIsNotAnHttpBaseUrl() {
    assertThatThrownBy(() -> args().ingestUrl("webserver:3000").build())
        .hasMessageContaining("give the base URL of the event ingest");
    assertThatThrownBy(() -> args().ingestUrl("http://webserver:3000/?token=x").build())
        .hasMessageContaining("without query or fragment");
    assertThat(args().ingestUrl("https://pipewright.example.com/base").build().ingestUrl())
        .isEqualTo("https://pipewright.example.com/base");
  }

  @Test
  void shouldRejectTheSameAssetSelectedTwice() {
    AssetKeySnapshot key = AssetKeySnapshot.of("raw", "orders");

    assertThatThrownBy(() -> args().assetSelection(List.of(key, key)).build())
        .hasMessageContaining("twice in assetSelection");
  }

  @Test
  void shouldAnswerMappingKeysAndMissingOutputsWhenKnown() {
    KnownState state =
        KnownState.builder()
            .mappingKeys("split", "parts", List.of("north", "south"))
            .notProduced("split", "note")
            .build();

    assertThat(state.mappingKeys("split", "parts")).contains(List.of("north", "south"));
    assertThat(state.mappingKeys("split", "other")).isEmpty();
    assertThat(state.isMissing("split", "note")).isTrue();
    assertThat(state.isMissing("split", "parts")).isFalse();
  }

  @Test
  void shouldRejectInvalidOrDuplicateMappingKeys() {
    assertThatThrownBy(
            () -> KnownState.builder().mappingKeys("split", "parts", List.of("a-b")).build())
        .hasMessage(
            "KnownState 'split' has mapping key \"a-b\" for output 'parts'; mapping keys have only"
                + " letters, digits and underscores");
    assertThatThrownBy(
            () -> KnownState.builder().mappingKeys("split", "parts", List.of("a", "a")).build())
        .hasMessageContaining("lists a twice");
  }

  @Test
  void shouldRejectAnOutputBothMappedAndMissing() {
    assertThatThrownBy(
            () ->
                KnownState.builder()
                    .mappingKeys("split", "parts", List.of())
                    .notProduced("split", "parts")
                    .build())
        .hasMessageContaining("both with mapping keys and as not produced");
  }
}
