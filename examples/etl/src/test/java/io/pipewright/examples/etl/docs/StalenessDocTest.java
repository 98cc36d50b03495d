package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocAssets.DASHBOARD;
import static io.pipewright.examples.etl.docs.DocAssets.PAID_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.RAW_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.REGION_REVENUE;
import static io.pipewright.examples.etl.docs.DocAssets.salesDefinitions;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.AssetStaleness;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.asset.MaterializationRecord;
import io.pipewright.sdk.asset.StaleCause;
import io.pipewright.sdk.asset.Staleness;
import io.pipewright.sdk.asset.StalenessStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the snippet of the "Staleness" section of {@code docs/concepts.md}. */
class StalenessDocTest {

  @Test
  void shouldReportEachAssetsStatusAndCauses(@TempDir Path storage) throws Exception {
    Definitions defs = salesDefinitions(storage);
    // tag::staleness[]
    Map<AssetKey, String> codeVersions = new HashMap<>(); // of the definitions deployed now
    for (AssetsDefinition asset : defs.assets()) {
      for (AssetSpec spec : asset.specs()) {
        if (spec.codeVersion() != null) {
          codeVersions.put(spec.key(), spec.codeVersion()); // staging/paid_orders: "2"
        }
      }
    }
    // The latest materialization of each asset, from the event log: event id, time, code version,
    // and the event id of each upstream materialization it was computed from.
    Instant morning = Instant.parse("2026-01-05T06:00:00Z");
    Map<AssetKey, MaterializationRecord> latest =
        Map.of(
            RAW_ORDERS, new MaterializationRecord(RAW_ORDERS, 30, morning, null, Map.of()),
            PAID_ORDERS,
                new MaterializationRecord(PAID_ORDERS, 20, morning, "1", Map.of(RAW_ORDERS, 10L)),
            REGION_REVENUE,
                new MaterializationRecord(
                    REGION_REVENUE, 25, morning, null, Map.of(PAID_ORDERS, 20L)));

    Map<AssetKey, AssetStaleness> staleness =
        Staleness.compute(defs.assetGraph(), codeVersions, latest);

    List<String> report = new ArrayList<>();
    staleness.forEach(
        (key, asset) -> {
          report.add(key.toUserString() + ": " + asset.status());
          asset.causes().forEach(cause -> report.add("  " + cause.message()));
        });
    // end::staleness[]

    assertThat(staleness.get(RAW_ORDERS).status()).isEqualTo(StalenessStatus.FRESH);
    assertThat(staleness.get(PAID_ORDERS).causes())
        .containsExactly(
            new StaleCause.CodeVersionChanged(PAID_ORDERS, "1", "2"),
            new StaleCause.UpstreamNewer(PAID_ORDERS, RAW_ORDERS));
    assertThat(staleness.get(REGION_REVENUE).causes())
        .containsExactly(new StaleCause.UpstreamStale(REGION_REVENUE, PAID_ORDERS));
    assertThat(staleness.get(DASHBOARD).status()).isEqualTo(StalenessStatus.MISSING);
    ConceptsDocTest.assertDocShowsOutput("staleness", String.join("\n", report));
  }
}
