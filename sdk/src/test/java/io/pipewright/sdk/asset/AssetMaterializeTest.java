package io.pipewright.sdk.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.event.AssetCheckEvaluationData;
import io.pipewright.sdk.event.AssetCheckSeverity;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.ObservationData;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetMaterializeTest {
  static final AssetKey RAW = AssetKey.of("raw", "numbers");
  static final AssetKey DOUBLED = AssetKey.of("clean", "doubled");
  static final AssetKey TOTAL = AssetKey.of("report", "total");

  static AssetDefinition raw() {
    return AssetDefinition.builder(RAW)
        .group("ingest")
        .kinds("java")
        .type(Types.list(Types.INT))
        .compute((ctx, in) -> Output.of(List.of(1, 2, 3), Metadata.of("rows", 3)))
        .build();
  }

  static AssetDefinition doubled() {
    return AssetDefinition.builder(DOUBLED)
        .group("clean")
        .input("numbers", AssetIn.of(RAW, Types.list(Types.INT)))
        .type(Types.list(Types.INT))
        .compute(
            (ctx, in) -> in.getList("numbers", Integer.class).stream().map(i -> i * 2).toList())
        .build();
  }

  static AssetDefinition total() {
    return AssetDefinition.builder(TOTAL)
        .group("report")
        .input("doubled", AssetIn.of(DOUBLED, Types.list(Types.INT)))
        .type(Types.INT)
        .compute((ctx, in) -> in.getList("doubled", Integer.class).stream().mapToInt(i -> i).sum())
        .build();
  }

  private static Definitions defs(Path dir, AssetCheckDefinition... checks) {
    return Definitions.builder()
        .assets(raw(), doubled(), total())
        .assetChecks(checks)
        .resource("io_manager", IOManagers.filesystem(dir))
        .build();
  }

  @Test
  void shouldMaterializeEveryAssetInDependencyOrderWithPlannedAndMaterializationEvents(
      @TempDir Path dir) throws Exception {
    ExecutionResult result = JobExecution.materialize(defs(dir), "*").execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.eventsOfType(EventType.ASSET_MATERIALIZATION_PLANNED)).hasSize(3);
    assertThat(result.eventsOfType(EventType.ASSET_MATERIALIZATION))
        .extracting(
            e -> e.data(MaterializationData.class).orElseThrow().materialization().assetKey())
        .containsExactly(RAW, DOUBLED, TOTAL);
    MaterializationData raw =
        result
            .eventsOfType(EventType.ASSET_MATERIALIZATION)
            .get(0)
            .data(MaterializationData.class)
            .orElseThrow();
    assertThat(raw.materialization().metadata().get("rows")).isPresent();
    assertThat(raw.materialization().metadata().get("path")).isPresent();
    assertThat(result.assetValue(TOTAL)).isEqualTo(12);
    assertThat(Files.readString(dir.resolve("report").resolve("total.json"))).isEqualTo("12");
  }

  @Test
  void shouldLoadUnselectedUpstreamAssetsFromStorage(@TempDir Path dir) {
    Definitions defs = defs(dir);
    JobExecution.materialize(defs, "*").execute();

    ExecutionResult onlyTotal = JobExecution.materialize(defs, "key:report/total").execute();

    assertThat(onlyTotal.stepKeysWith(EventType.STEP_SUCCESS)).containsExactly("report__total");
    assertThat(onlyTotal.eventsForStep("report__total"))
        .anyMatch(
            e -> e.type() == EventType.LOADED_INPUT && e.message().contains("asset clean/doubled"));
    assertThat(onlyTotal.assetValue(TOTAL)).isEqualTo(12);
  }

  @Test
  void shouldStopDownstreamAssetsWhenABlockingCheckFails(@TempDir Path dir) {
    AssetCheckDefinition tooFew =
        AssetCheckDefinition.builder("at_least_five", RAW)
            .blocking(true)
            .compute(
                (ctx, value) ->
                    ((List<?>) value).size() >= 5
                        ? AssetCheckResult.passed()
                        : AssetCheckResult.failed("only " + ((List<?>) value).size() + " rows"))
            .build();
    ExecutionResult result = JobExecution.materialize(defs(dir, tooFew), "*").execute();

    assertThat(result.isSuccess()).isFalse();
    AssetCheckEvaluationData evaluation =
        result
            .eventsOfType(EventType.ASSET_CHECK_EVALUATION)
            .get(0)
            .data(AssetCheckEvaluationData.class)
            .orElseThrow();
    assertThat(evaluation.evaluation().passed()).isFalse();
    assertThat(evaluation.evaluation().description()).isEqualTo("only 3 rows");
    assertThat(result.skippedSteps()).containsExactly("clean__doubled", "report__total");
    assertThat(result.failureOf("check__raw__numbers__at_least_five").orElseThrow().message())
        .contains("Blocking check failed");
  }

  @Test
  void shouldLetDownstreamAssetsRunWhenANonBlockingCheckWarns(@TempDir Path dir) {
    AssetCheckDefinition warn =
        AssetCheckDefinition.builder("warn_only", RAW)
            .compute(
                (ctx, value) ->
                    AssetCheckResult.failed("meh").withSeverity(AssetCheckSeverity.WARN))
            .build();
    ExecutionResult result = JobExecution.materialize(defs(dir, warn), "*").execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.eventsOfType(EventType.ASSET_CHECK_EVALUATION)).hasSize(1);
  }

  @Test
  void shouldRunChecksAloneOnTheStoredValue(@TempDir Path dir) {
    AssetCheckDefinition positive =
        AssetCheckDefinition.builder("positive", DOUBLED)
            .compute(
                (ctx, value) ->
                    AssetCheckResult.passed()
                        .withMetadata(Metadata.of("n", ((List<?>) value).size())))
            .build();
    Definitions defs = defs(dir, positive);
    JobExecution.materialize(defs, "*").execute();

    ExecutionResult checkOnly =
        JobExecution.of(defs.assetCheckJob(AssetSelection.keys(DOUBLED))).execute();

    assertThat(checkOnly.stepKeysWith(EventType.STEP_SUCCESS))
        .containsExactly("check__clean__doubled__positive");
    assertThat(checkOnly.eventsOfType(EventType.ASSET_MATERIALIZATION)).isEmpty();
    assertThat(checkOnly.eventsOfType(EventType.ASSET_CHECK_EVALUATION)).hasSize(1);
  }

  @Test
  void shouldMaterializeOnlyTheSelectedAssetsOfASubsettableMultiAsset() {
    MultiAssetDefinition split =
        MultiAssetDefinition.builder("split")
            .asset("evens", AssetSpec.of("evens"))
            .asset("odds", AssetSpec.of("odds"))
            .canSubset(true)
            .compute(
                (ctx, in) -> {
                  Outputs out = Outputs.none();
                  if (ctx.selectedAssetKeys().contains(AssetKey.of("evens"))) {
                    out = out.and("evens", List.of(2, 4));
                  }
                  if (ctx.selectedAssetKeys().contains(AssetKey.of("odds"))) {
                    out = out.and("odds", List.of(1, 3));
                  }
                  return out;
                })
            .build();
    Definitions defs = Definitions.builder().assets(split).build();

    ExecutionResult result = JobExecution.materialize(defs, "evens").execute();

    assertThat(result.eventsOfType(EventType.ASSET_MATERIALIZATION))
        .extracting(
            e -> e.data(MaterializationData.class).orElseThrow().materialization().assetKey())
        .containsExactly(AssetKey.of("evens"));
  }

  @Test
  void shouldRejectASubsetOfAMultiAssetThatCannotBeSubset() {
    MultiAssetDefinition both =
        MultiAssetDefinition.builder("both")
            .asset("a", AssetSpec.of("a"))
            .asset("b", AssetSpec.of("b"))
            .compute((ctx, in) -> Outputs.of("a", 1).and("b", 2))
            .build();
    Definitions defs = Definitions.builder().assets(both).build();

    assertThatThrownBy(() -> JobExecution.materialize(defs, "a"))
        .isInstanceOf(DefinitionsException.class)
        .hasMessageContaining("canSubset(true)");
  }

  @Test
  void shouldRunEachOpOfAGraphBackedAssetAsItsOwnStep() {
    OpDefinition half =
        OpDefinition.builder("half")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute((ctx, in) -> in.getInt("x") / 2)
            .build();
    OpDefinition plus =
        OpDefinition.builder("plus_one")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute((ctx, in) -> in.getInt("x") + 1)
            .build();
    GraphDefinition graph =
        GraphDefinition.builder("halve_then_add")
            .compose(
                g -> {
                  var x = g.input(In.of("total", Types.INT));
                  var h = g.add(half).in("x", x);
                  g.output("result", g.add(plus).in("x", h.out()).out());
                })
            .build();
    GraphAssetDefinition derived =
        GraphAssetDefinition.builder(AssetSpec.of("derived"), graph).input("total", TOTAL).build();
    Definitions defs = Definitions.builder().assets(raw(), doubled(), total(), derived).build();

    ExecutionResult result = JobExecution.materialize(defs, "*").execute();

    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS))
        .contains("derived.half", "derived.plus_one");
    assertThat(result.assetValue(AssetKey.of("derived"))).isEqualTo(7);
  }

  @Test
  void shouldObserveAnObservableExternalAsset() {
    ExternalAssetDefinition source =
        ExternalAssetDefinition.of(AssetSpec.of("vendor", "feed"))
            .observedBy(ctx -> Metadata.of("rows", 42));
    Definitions defs = Definitions.builder().assets(source).build();

    ExecutionResult result = JobExecution.materialize(defs, "vendor/feed").execute();

    ObservationData observation =
        result
            .eventsOfType(EventType.ASSET_OBSERVATION)
            .get(0)
            .data(ObservationData.class)
            .orElseThrow();
    assertThat(observation.observation().metadata().get("rows")).isPresent();
    assertThat(result.eventsOfType(EventType.ASSET_MATERIALIZATION)).isEmpty();
  }

  @Test
  void shouldReportEveryAssetGraphProblemAtOnce() {
    AssetDefinition a =
        AssetDefinition.builder("a").input("b", AssetKey.of("b")).compute((c, i) -> 1).build();
    AssetDefinition b =
        AssetDefinition.builder("b").input("a", AssetKey.of("a")).compute((c, i) -> 1).build();
    AssetDefinition dup = AssetDefinition.builder("a").compute((c, i) -> 1).build();
    AssetDefinition orphan =
        AssetDefinition.builder("orphan")
            .input("ghost", AssetKey.of("ghost"))
            .compute((c, i) -> 1)
            .build();
    AssetCheckDefinition onNothing =
        AssetCheckDefinition.builder("c", AssetKey.of("nowhere"))
            .compute((c, v) -> AssetCheckResult.passed())
            .build();

    List<DefinitionError> errors;
    try {
      Definitions.builder().assets(a, b, dup, orphan).assetChecks(onNothing).build();
      throw new AssertionError("expected DefinitionsException");
    } catch (DefinitionsException e) {
      errors = e.errors();
    }
    assertThat(errors)
        .extracting(DefinitionError::message)
        .anySatisfy(m -> assertThat(m).contains("asset 'a'", "two definitions define this key"))
        .anySatisfy(m -> assertThat(m).contains("cycle"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "'ghost', which nothing defines", "ExternalAssetDefinition.of(\"ghost\")"))
        .anySatisfy(m -> assertThat(m).contains("asset check 'c'", "nothing defines"));
  }

  @Test
  void shouldResolveSelectionsOnTheAssetGraphAndExposeSpecs(@TempDir Path dir) {
    Definitions defs = defs(dir);

    assertThat(AssetSelection.parse("group:clean+").resolve(defs.assetGraph()))
        .containsExactly(DOUBLED, TOTAL);
    assertThat(AssetSelection.parse("kind:java").resolve(defs.assetGraph())).containsExactly(RAW);
    assertThat(defs.assetGraph().upstreamOf(TOTAL)).isEqualTo(Set.of(DOUBLED));
    assertThat(defs.assets()).hasSize(3);
  }

  @Test
  void shouldBuildNamedAssetJobsFromASelection(@TempDir Path dir) {
    Definitions defs =
        Definitions.builder()
            .assets(raw(), doubled(), total())
            .assetJob(
                AssetJobDefinition.builder("clean_and_report")
                    .selection("group:clean or group:report")
                    .build())
            .resource("io_manager", IOManagers.filesystem(dir))
            .build();
    JobExecution.materialize(defs, "raw/numbers").execute();

    ExecutionResult result = JobExecution.of(defs.job("clean_and_report")).execute();

    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS))
        .containsExactly("clean__doubled", "report__total");
    assertThat(Map.of("total", result.assetValue(TOTAL))).containsEntry("total", 12);
  }

  @Test
  void shouldKeepTheObserverThroughCopiesAndLeaveExternalAssetsOutOfStaleness() {
    ExternalAssetDefinition source =
        ExternalAssetDefinition.of(AssetSpec.of("src"))
            .observedBy(ctx -> Metadata.of("rows", 1))
            .loadedAs(Types.INT, "io_manager");
    AssetDefinition down =
        AssetDefinition.builder("down")
            .input("src", AssetKey.of("src"))
            .compute((c, i) -> 1)
            .build();
    Definitions defs = Definitions.builder().assets(source, down).build();

    assertThat(source.isObservable()).isTrue();
    Map<AssetKey, AssetStaleness> staleness =
        Staleness.compute(
            defs.assetGraph(),
            Map.of(),
            Map.of(
                AssetKey.of("down"),
                new MaterializationRecord(
                    AssetKey.of("down"), 5, java.time.Instant.EPOCH, null, Map.of())));
    assertThat(staleness).containsOnlyKeys(AssetKey.of("down"));
    assertThat(staleness.get(AssetKey.of("down")).status()).isEqualTo(StalenessStatus.FRESH);
  }
}
