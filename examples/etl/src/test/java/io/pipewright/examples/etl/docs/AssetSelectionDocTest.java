package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocAssets.DASHBOARD;
import static io.pipewright.examples.etl.docs.DocAssets.DASHBOARD_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.PAID_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.PAID_ORDERS_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.RAW_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.RAW_ORDERS_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.REGION_REVENUE;
import static io.pipewright.examples.etl.docs.DocAssets.REGION_REVENUE_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.salesDefinitions;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.testing.RunAssertions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the snippets of the "Asset groups", "Asset selection" and "Asset jobs and materialize"
 * sections of {@code docs/concepts.md}.
 */
class AssetSelectionDocTest {

  @Test
  void shouldListTheAssetsOfAGroupWhenSelectedByGroup(@TempDir Path storage) {
    Definitions defs = salesDefinitions(storage);
    // tag::asset-groups[]
    AssetGraphView graph = defs.assetGraph();

    Optional<String> group = graph.groupOf(PAID_ORDERS); // "sales"
    Set<AssetKey> sales = AssetSelection.groups("sales").resolve(graph); // group:sales
    // end::asset-groups[]

    assertThat(group).contains("sales");
    assertThat(sales).containsExactly(PAID_ORDERS, REGION_REVENUE);
    assertThat(AssetSpec.of("no", "group").group()).isEqualTo(AssetSpec.DEFAULT_GROUP);
  }

  @Test
  void shouldResolveEachFormOfTheSyntaxOnTheSalesAssets(@TempDir Path storage) {
    // tag::asset-selection[]
    AssetGraphView graph = salesDefinitions(storage).assetGraph();

    assertThat(AssetSelection.parse("group:sales").resolve(graph))
        .containsExactly(PAID_ORDERS, REGION_REVENUE);
    assertThat(AssetSelection.parse("+analytics/revenue_by_region").resolve(graph)) // one level
        .containsExactly(PAID_ORDERS, REGION_REVENUE);
    assertThat(AssetSelection.parse("*analytics/revenue_by_region").resolve(graph)) // all levels
        .containsExactly(RAW_ORDERS, PAID_ORDERS, REGION_REVENUE);
    assertThat(AssetSelection.parse("raw/orders+2 and not kind:sql").resolve(graph))
        .containsExactly(RAW_ORDERS, PAID_ORDERS);
    assertThat(
            AssetSelection.parse("tag:tier=gold or (kind:tableau and owner:\"team:bi\")")
                .resolve(graph))
        .containsExactly(PAID_ORDERS, DASHBOARD);
    assertThat(AssetSelection.parse("key:reports/*").resolve(graph)).containsExactly(DASHBOARD);

    // The same selections, built in code:
    AssetSelection upToRevenue = AssetSelection.keys(REGION_REVENUE).upstream(); // *key:...
    AssetSelection salesNotSql = AssetSelection.groups("sales").minus(AssetSelection.kind("sql"));
    // end::asset-selection[]

    assertThat(upToRevenue.resolve(graph)).containsExactly(RAW_ORDERS, PAID_ORDERS, REGION_REVENUE);
    assertThat(upToRevenue.toExpression()).isEqualTo("*key:\"analytics/revenue_by_region\"");
    assertThat(salesNotSql.resolve(graph)).containsExactly(PAID_ORDERS);
    assertThat(AssetSelection.parse("owner:\"team:sales\"").resolve(graph))
        .containsExactly(PAID_ORDERS, REGION_REVENUE);
    assertThat(AssetSelection.parse("*reports/sales_dashboard").resolve(graph)).hasSize(4);
    assertThat(AssetSelection.parse("raw/orders*").resolve(graph)).hasSize(4);
    assertThat(AssetSelection.parse("2+reports/sales_dashboard").resolve(graph))
        .containsExactly(PAID_ORDERS, REGION_REVENUE, DASHBOARD);
    assertThat(AssetSelection.parse("tag:tier").resolve(graph)).containsExactly(PAID_ORDERS);
  }

  @Test
  void shouldExplainAnUnknownKeyWithASuggestion(@TempDir Path storage) throws Exception {
    AssetGraphView graph = salesDefinitions(storage).assetGraph();
    // tag::asset-selection-errors[]
    String message = null;
    try {
      AssetSelection.parse("+analytics/revenue_by_regoin").resolve(graph);
    } catch (IllegalArgumentException e) { // UnknownAssetException, AssetSelectionSyntaxException
      message = e.getMessage();
    }
    // end::asset-selection-errors[]

    ConceptsDocTest.assertDocShowsOutput("asset-selection-errors", message);
  }

  @Test
  void shouldRunTheNamedAssetJobLoadingUnselectedAssetsFromStorage(@TempDir Path storage) {
    // tag::asset-job[]
    Definitions defs =
        Definitions.builder()
            .assets(RAW_ORDERS_ASSET, PAID_ORDERS_ASSET, REGION_REVENUE_ASSET, DASHBOARD_ASSET)
            .assetJob(
                AssetJobDefinition.builder("refresh_sales")
                    .description("Everything the sales dashboard shows, from stored raw orders.")
                    .selection("*reports/sales_dashboard and not group:ingest")
                    .tag("team", "sales")
                    .build())
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();

    ExecutionResult ingest = JobExecution.materialize(defs, "group:ingest").execute(); // ad hoc
    ExecutionResult refresh = JobExecution.of(defs.job("refresh_sales")).execute();

    assertThat(refresh.stepKeysWith(STEP_SUCCESS)) // raw/orders is loaded from storage
        .containsExactly(
            "staging__paid_orders", "analytics__revenue_by_region", "reports__sales_dashboard");
    // end::asset-job[]

    RunAssertions.assertThat(ingest).succeeded();
    assertThat(ingest.stepKeysWith(STEP_SUCCESS)).containsExactly("raw__orders");
    RunAssertions.assertThat(refresh).succeeded();
    assertThat(refresh.stepKeysWith(STEP_SUCCESS))
        .containsExactly(
            "staging__paid_orders", "analytics__revenue_by_region", "reports__sales_dashboard");
    assertThat(defs.job("refresh_sales").tags()).containsEntry("team", "sales");
    assertThat(
            JobExecution.of(defs.assetJob(AssetSelection.keys(DASHBOARD)))
                .execute()
                .stepKeysWith(STEP_SUCCESS))
        .containsExactly("reports__sales_dashboard");
  }
}
