package io.pipewright.sdk.asset;

import static io.pipewright.sdk.asset.InMemoryAssetGraph.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.asset.StaleCause.CodeVersionChanged;
import io.pipewright.sdk.asset.StaleCause.UpstreamMissing;
import io.pipewright.sdk.asset.StaleCause.UpstreamNewer;
import io.pipewright.sdk.asset.StaleCause.UpstreamStale;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StalenessTest {

  private static final AssetKey A = key("a");
  private static final AssetKey B = key("b");
  private static final AssetKey C = key("c");
  private static final AssetKey D = key("d");
  private static final AssetKey X = key("x");

  /** a -> b -> c. */
  private static final InMemoryAssetGraph CHAIN = InMemoryAssetGraph.chainOf("a", "b", "c");

  private final Map<AssetKey, String> versions = new HashMap<>();
  private final Map<AssetKey, MaterializationRecord> history = new HashMap<>();

  /** Records a materialization of {@code key} with event id {@code eventId}. */
  private StalenessTest materialized(String key, long eventId, String codeVersion) {
    return materialized(key, eventId, codeVersion, Map.of());
  }

  private StalenessTest materialized(
      String key, long eventId, String codeVersion, Map<AssetKey, Long> upstreamEventIds) {
    history.put(
        key(key),
        new MaterializationRecord(
            key(key), eventId, Instant.ofEpochSecond(eventId), codeVersion, upstreamEventIds));
    return this;
  }

  private Map<AssetKey, AssetStaleness> compute(AssetGraphView graph) {
    return Staleness.compute(graph, versions, history);
  }

  @Test
  void shouldReportEveryAssetMissingWhenThereIsNoHistory() {
    Map<AssetKey, AssetStaleness> result = compute(CHAIN);

    assertThat(result)
        .containsExactly(
            Map.entry(A, AssetStaleness.missing(A)),
            Map.entry(B, AssetStaleness.missing(B)),
            Map.entry(C, AssetStaleness.missing(C)));
  }

  @Test
  void shouldReportFreshWhenEverythingWasMaterializedInOrderWithTheCurrentCode() {
    versions.put(A, "v1");
    versions.put(B, "v1");
    materialized("a", 1, "v1").materialized("b", 2, "v1").materialized("c", 3, null);

    assertThat(compute(CHAIN).values())
        .containsExactly(AssetStaleness.fresh(A), AssetStaleness.fresh(B), AssetStaleness.fresh(C));
  }

  @Test
  void shouldReportCodeVersionChangedWhenTheCurrentVersionDiffers() {
    versions.put(A, "v2");
    materialized("a", 1, "v1");

    AssetStaleness a = compute(new InMemoryAssetGraph().asset("a")).get(A);

    assertThat(a)
        .isEqualTo(AssetStaleness.stale(A, List.of(new CodeVersionChanged(A, "v1", "v2"))));
    assertThat(a.causes().get(0).message())
        .isEqualTo(
            "The code version of a changed from \"v1\" to \"v2\" since it was last materialized.");
  }

  @Test
  void shouldIgnoreCodeVersionsWhenEitherSideIsNull() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().asset("a").asset("b").asset("c");
    versions.put(A, "v2");
    versions.put(B, null);
    materialized("a", 1, null).materialized("b", 2, "v1").materialized("c", 3, "v1");

    assertThat(compute(graph).values())
        .extracting(AssetStaleness::status)
        .containsOnly(StalenessStatus.FRESH);
  }

  @Test
  void shouldReportUpstreamNewerWhenTheUpstreamWasRematerializedAfterTheRecordedEvent() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().edge("a", "b");
    materialized("a", 7, null).materialized("b", 6, null, Map.of(A, 5L));

    AssetStaleness b = compute(graph).get(B);

    assertThat(b).isEqualTo(AssetStaleness.stale(B, List.of(new UpstreamNewer(B, A))));
    assertThat(b.causes().get(0).message())
        .isEqualTo("Upstream asset a has been materialized since b was last materialized from it.");
  }

  @Test
  void shouldReportFreshWhenTheRecordedUpstreamEventIsTheLatestEvenIfBothAreOlder() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().edge("a", "b");
    // b was materialized before a's latest event id only in the log, but from that very event.
    materialized("a", 9, null).materialized("b", 4, null, Map.of(A, 9L));

    assertThat(compute(graph).get(B)).isEqualTo(AssetStaleness.fresh(B));
  }

  @Test
  void shouldCompareWithTheOwnEventIdWhenNoUpstreamEventIdWasRecorded() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().edge("a", "b").edge("x", "b");
    materialized("a", 8, null).materialized("x", 3, null).materialized("b", 6, null, Map.of(X, 3L));

    assertThat(compute(graph).get(B))
        .isEqualTo(AssetStaleness.stale(B, List.of(new UpstreamNewer(B, A))));

    history.clear();
    materialized("a", 4, null).materialized("x", 3, null).materialized("b", 6, null);
    assertThat(compute(graph).get(B)).isEqualTo(AssetStaleness.fresh(B));
  }

  @Test
  void shouldReportUpstreamMissingWhenAnUpstreamAssetWasNeverMaterialized() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().edge("a", "b");
    materialized("b", 2, null);

    Map<AssetKey, AssetStaleness> result = compute(graph);

    assertThat(result.get(A)).isEqualTo(AssetStaleness.missing(A));
    assertThat(result.get(B))
        .isEqualTo(AssetStaleness.stale(B, List.of(new UpstreamMissing(B, A))));
    assertThat(result.get(B).causes().get(0).message())
        .isEqualTo("Upstream asset a of b has never been materialized.");
  }

  @Test
  void shouldPropagateStalenessDownTheChainWhenTheRootIsStale() {
    versions.put(A, "v2");
    materialized("a", 1, "v1").materialized("b", 2, null).materialized("c", 3, null);

    Map<AssetKey, AssetStaleness> result = compute(CHAIN);

    assertThat(result.get(A).causes()).containsExactly(new CodeVersionChanged(A, "v1", "v2"));
    assertThat(result.get(B)).isEqualTo(AssetStaleness.stale(B, List.of(new UpstreamStale(B, A))));
    assertThat(result.get(C)).isEqualTo(AssetStaleness.stale(C, List.of(new UpstreamStale(C, B))));
    assertThat(result.get(C).causes().get(0).message())
        .isEqualTo("Upstream asset b of c is stale.");
  }

  @Test
  void shouldReportUpstreamMissingWhenAnAssetInTheMiddleWasNeverMaterialized() {
    materialized("a", 1, null).materialized("c", 3, null);

    Map<AssetKey, AssetStaleness> result = compute(CHAIN);

    assertThat(result.get(A)).isEqualTo(AssetStaleness.fresh(A));
    assertThat(result.get(B)).isEqualTo(AssetStaleness.missing(B));
    assertThat(result.get(C).causes()).containsExactly(new UpstreamMissing(C, B));
  }

  @Test
  void shouldListEveryCauseInRuleOrderWhenSeveralApply() {
    // a -> c, b -> c, x -> c; a is stale and newer, b is missing, x is newer.
    InMemoryAssetGraph graph =
        new InMemoryAssetGraph()
            .asset("a")
            .asset("b")
            .asset("x")
            .asset("c")
            .edge("a", "c")
            .edge("b", "c")
            .edge("x", "c");
    versions.put(A, "v2");
    versions.put(C, "v3");
    materialized("a", 10, "v1")
        .materialized("x", 11, null)
        .materialized("c", 5, "v2", Map.of(A, 4L, X, 3L));

    AssetStaleness c = compute(graph).get(C);

    assertThat(c.status()).isEqualTo(StalenessStatus.STALE);
    assertThat(c.causes())
        .containsExactly(
            new CodeVersionChanged(C, "v2", "v3"),
            new UpstreamNewer(C, A),
            new UpstreamStale(C, A),
            new UpstreamMissing(C, B),
            new UpstreamNewer(C, X));
  }

  @Test
  void shouldMakeOnlyTheAffectedBranchAndTheJoinStaleWhenOneSideOfADiamondIsNewer() {
    // a -> b -> d, a -> c -> d
    InMemoryAssetGraph graph =
        new InMemoryAssetGraph().edge("a", "b").edge("a", "c").edge("b", "d").edge("c", "d");
    materialized("a", 5, null)
        .materialized("b", 3, null, Map.of(A, 1L))
        .materialized("c", 6, null, Map.of(A, 5L))
        .materialized("d", 7, null, Map.of(B, 3L, C, 6L));

    Map<AssetKey, AssetStaleness> result = compute(graph);

    assertThat(result.get(A)).isEqualTo(AssetStaleness.fresh(A));
    assertThat(result.get(B)).isEqualTo(AssetStaleness.stale(B, List.of(new UpstreamNewer(B, A))));
    assertThat(result.get(C)).isEqualTo(AssetStaleness.fresh(C));
    assertThat(result.get(D)).isEqualTo(AssetStaleness.stale(D, List.of(new UpstreamStale(D, B))));
  }

  @Test
  void shouldTreatExternalAssetsAsPresentAndReportThemOnlyWhenTheyHaveNewerData() {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().external("s3/bucket", "raw");
    materialized("raw", 5, null);

    Map<AssetKey, AssetStaleness> result = compute(graph);

    assertThat(result).containsOnlyKeys(key("raw"));
    assertThat(result.get(key("raw"))).isEqualTo(AssetStaleness.fresh(key("raw")));

    materialized("s3/bucket", 9, null);
    assertThat(compute(graph).get(key("raw")).causes())
        .containsExactly(new UpstreamNewer(key("raw"), key("s3/bucket")));
  }

  @Test
  void shouldKeepGraphOrderAndReturnAnUnmodifiableMapWhenComputing() {
    // Declared d, c, b, a but a -> b -> c -> d: the result keeps the declaration order.
    InMemoryAssetGraph graph =
        new InMemoryAssetGraph()
            .asset("d")
            .asset("c")
            .asset("b")
            .asset("a")
            .edge("a", "b")
            .edge("b", "c")
            .edge("c", "d");
    versions.put(A, "v2");
    materialized("a", 1, "v1")
        .materialized("b", 2, null)
        .materialized("c", 3, null)
        .materialized("d", 4, null);

    Map<AssetKey, AssetStaleness> result = compute(graph);

    assertThat(result.keySet()).containsExactly(D, C, B, A);
    assertThat(result.get(D).causes()).containsExactly(new UpstreamStale(D, C));
    assertThatThrownBy(() -> result.put(A, AssetStaleness.fresh(A)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldHandleATenThousandAssetChainWhenTheRootChanged() {
    InMemoryAssetGraph chain = InMemoryAssetGraph.chain(10_000);
    versions.put(key("n0"), "v2");
    for (int i = 0; i < 10_000; i++) {
      materialized("n" + i, i, i == 0 ? "v1" : null);
    }

    Map<AssetKey, AssetStaleness> result = compute(chain);

    assertThat(result).hasSize(10_000);
    assertThat(result.values())
        .extracting(AssetStaleness::status)
        .containsOnly(StalenessStatus.STALE);
    assertThat(result.get(key("n9999")).causes())
        .containsExactly(new UpstreamStale(key("n9999"), key("n9998")));

    versions.put(key("n0"), "v1");
    assertThat(compute(chain).values())
        .extracting(AssetStaleness::status)
        .containsOnly(StalenessStatus.FRESH);
  }

  @Test
  void shouldRejectACycleWhenTheGraphHasOne() {
    InMemoryAssetGraph graph =
        new InMemoryAssetGraph().edge("root", "a").edge("a", "b").edge("b", "a").edge("b", "c");

    assertThatThrownBy(() -> compute(graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot compute staleness: the asset graph has a cycle. These 3 assets are on it or"
                + " downstream of it: a, b, c. Remove the dependency that closes the cycle.");
  }

  @Test
  void shouldRejectARecordFiledUnderAnotherKeyWhenComputing() {
    Map<AssetKey, MaterializationRecord> misfiled = new LinkedHashMap<>();
    misfiled.put(A, new MaterializationRecord(B, 1, Instant.EPOCH, null, Map.of()));

    assertThatThrownBy(() -> Staleness.compute(CHAIN, Map.of(), misfiled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "latestMaterializations maps a to a materialization of b; key each record by its own"
                + " key");
  }

  @Test
  void shouldRejectNullArgumentsWhenComputing() {
    assertThatThrownBy(() -> Staleness.compute(null, Map.of(), Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("graph must not be null");
    assertThatThrownBy(() -> Staleness.compute(CHAIN, null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("currentCodeVersions must not be null");
    assertThatThrownBy(() -> Staleness.compute(CHAIN, Map.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("latestMaterializations must not be null");
  }

  @Test
  void shouldRejectCausesThatDoNotFitTheStatusWhenCreatingAnAssetStaleness() {
    assertThatThrownBy(() -> AssetStaleness.stale(A, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A STALE asset needs at least one cause, but a has none");
    assertThatThrownBy(
            () -> new AssetStaleness(A, StalenessStatus.FRESH, List.of(new UpstreamStale(A, B))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A FRESH asset has no causes, but a has [UpstreamStale[key=a, upstream=b]]");
    assertThatThrownBy(() -> AssetStaleness.stale(A, List.of(new UpstreamStale(B, A))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The causes of a must be about a, but one is about b");
  }

  @Test
  void shouldValidateAndCopyTheComponentsWhenCreatingAMaterializationRecord() {
    Map<AssetKey, Long> upstream = new HashMap<>(Map.of(A, 1L));
    MaterializationRecord record = new MaterializationRecord(B, 2, Instant.EPOCH, "v1", upstream);
    upstream.put(C, 3L);

    assertThat(record.upstreamEventIds()).containsExactly(Map.entry(A, 1L));
    assertThatThrownBy(() -> new MaterializationRecord(A, -1, Instant.EPOCH, null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventId of the materialization of a is -1; it must be >= 0");
    assertThatThrownBy(() -> new MaterializationRecord(A, 1, Instant.EPOCH, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("upstreamEventIds must not be null; pass Map.of() when not recorded");
    Map<AssetKey, Long> withNull = new HashMap<>();
    withNull.put(B, null);
    assertThatThrownBy(() -> new MaterializationRecord(A, 1, Instant.EPOCH, null, withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("upstreamEventIds of the materialization of a maps b to null");
    assertThatThrownBy(() -> new MaterializationRecord(A, 1, null, null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timestamp must not be null");
  }
}
