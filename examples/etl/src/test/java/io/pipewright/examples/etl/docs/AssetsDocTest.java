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
import static io.pipewright.examples.etl.docs.DocOps.CLEAN;
import static io.pipewright.examples.etl.docs.DocOps.ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;
import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION;
import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION_PLANNED;
import static io.pipewright.sdk.event.EventType.ASSET_OBSERVATION;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.asset.GraphAssetDefinition;
import io.pipewright.sdk.asset.MultiAssetDefinition;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.MaterializationPlannedData;
import io.pipewright.sdk.event.ObservationData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.testing.OpInvoker;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestOpContext;
import io.pipewright.sdk.types.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the snippets of the "Software-defined asset", "Multi-asset", "Graph-backed asset", "External
 * asset", "Materialization events" and "Undefined dependencies" sections of {@code
 * docs/concepts.md}.
 */
class AssetsDocTest {

  @Test
  void shouldMaterializeEveryAssetAndStoreEachUnderItsKey(@TempDir Path storage) throws Exception {
    // tag::materialize[]
    Definitions defs =
        Definitions.builder()
            .assets(RAW_ORDERS_ASSET, PAID_ORDERS_ASSET, REGION_REVENUE_ASSET, DASHBOARD_ASSET)
            .resource("io_manager", IOManagers.filesystem(storage)) // assets stored by key
            .build();

    ExecutionResult result = JobExecution.materialize(defs, "*").execute();

    RunAssertions.assertThat(result).succeeded().stepSucceeded("analytics__revenue_by_region");
    assertThat(result.assetValue(REGION_REVENUE)) // read back through the IO manager
        .isEqualTo(Map.of("east", 42.0, "north", 120.0, "south", 80.0));
    assertThat(storage.resolve("analytics/revenue_by_region.json")) // <base>/<key path>.json
        .hasContent("{\"east\":42.0,\"north\":120.0,\"south\":80.0}");
    // end::materialize[]
    assertThat(result.stepKeysWith(STEP_SUCCESS))
        .containsExactly(
            "raw__orders",
            "staging__paid_orders",
            "analytics__revenue_by_region",
            "reports__sales_dashboard");
    assertThat(result.assetValue(DASHBOARD)).isEqualTo("https://dashboards.example.com/sales");
    assertThat(Files.readString(storage.resolve("staging/paid_orders.json")))
        .startsWith("[{\"id\":\"o1\"");
  }

  @Test
  void shouldComputeAnAssetWhenItsFunctionIsInvokedDirectly() throws Exception {
    // tag::asset-invoke[]
    OpDefinition op = (OpDefinition) PAID_ORDERS_ASSET.node().orElseThrow();
    TestOpContext context = TestOpContext.builder().assetKey(PAID_ORDERS).build();

    Output paid = (Output) OpInvoker.invoke(op, context, Map.of("orders", SAMPLE));

    assertThat(paid.metadata()).isEqualTo(Metadata.of("rows", 3)); // o1, o2 and o4
    // end::asset-invoke[]

    assertThat(paid.value())
        .asList()
        .extracting(o -> ((Order) o).id())
        .containsExactly("o1", "o2", "o4");
    assertThat(op.name()).isEqualTo("staging__paid_orders");
  }

  @Test
  void shouldLoadUnselectedUpstreamAssetsFromStorageWhenOnlySomeAreSelected(@TempDir Path storage) {
    Definitions defs = salesDefinitions(storage);
    JobExecution.materialize(defs, "*").execute();

    ExecutionResult onlyRevenue =
        JobExecution.materialize(defs, "analytics/revenue_by_region").execute();

    assertThat(onlyRevenue.stepKeysWith(STEP_SUCCESS))
        .containsExactly("analytics__revenue_by_region");
    assertThat(onlyRevenue.assetValue(REGION_REVENUE))
        .isEqualTo(Map.of("east", 42.0, "north", 120.0, "south", 80.0));
  }

  @Test
  void shouldEmitPlannedAndMaterializationEventsWithMetadata(@TempDir Path storage) {
    Definitions defs = salesDefinitions(storage);
    // tag::materialization-events[]
    ExecutionResult result = JobExecution.materialize(defs, "raw/orders+").execute();

    List<AssetKey> planned = new ArrayList<>(); // one per asset (and partition), before any step
    for (RunEvent event : result.eventsOfType(ASSET_MATERIALIZATION_PLANNED)) {
      planned.add(event.data(MaterializationPlannedData.class).orElseThrow().assetKey());
    }
    RunEvent first = result.eventsOfType(ASSET_MATERIALIZATION).get(0); // after the value is stored
    AssetMaterialization stored =
        first.data(MaterializationData.class).orElseThrow().materialization();
    Metadata metadata = stored.metadata(); // the output's ("rows") and the IO manager's ("path")
    // end::materialization-events[]

    assertThat(planned).containsExactly(RAW_ORDERS, PAID_ORDERS);
    assertThat(first.stepKey()).isEqualTo("raw__orders");
    assertThat(stored.assetKey()).isEqualTo(RAW_ORDERS);
    assertThat(metadata.get("rows")).contains(MetadataValue.of(5));
    assertThat(metadata.get("path"))
        .contains(MetadataValue.path(storage.resolve("raw/orders.json").toString()));
    assertThat(result.eventsOfType(ASSET_MATERIALIZATION)).hasSize(2);
  }

  // tag::multi-asset[]
  static final AssetKey PAID = AssetKey.of("sales", "paid");
  static final AssetKey CANCELLED = AssetKey.of("sales", "cancelled");

  static final MultiAssetDefinition SPLIT_ORDERS =
      MultiAssetDefinition.builder("split_orders")
          .asset("paid", AssetSpec.of(PAID).withGroup("sales"), ORDERS)
          .asset("cancelled", AssetSpec.of(CANCELLED).withGroup("sales"), ORDERS)
          .input("orders", AssetIn.of(RAW_ORDERS, ORDERS))
          .canSubset(true) // a run may ask for only one of the two
          .compute(
              (ctx, in) -> {
                List<Order> orders = in.getList("orders", Order.class);
                Outputs out = Outputs.none();
                for (AssetKey key : ctx.selectedAssetKeys()) { // only what the run selected
                  String status = key.equals(PAID) ? "paid" : "cancelled";
                  var matching = orders.stream().filter(o -> o.status().equals(status)).toList();
                  out = out.and(status, matching); // output names, as declared above
                }
                return out;
              })
          .build();

  // end::multi-asset[]

  @Test
  void shouldMaterializeOnlyTheSelectedAssetOfTheMultiAsset(@TempDir Path storage) {
    Definitions defs =
        Definitions.builder()
            .assets(RAW_ORDERS_ASSET, SPLIT_ORDERS)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    // tag::multi-asset-subset[]
    ExecutionResult result =
        JobExecution.materialize(defs, "raw/orders or sales/cancelled").execute();

    assertThat(result.assetValue(CANCELLED)).asList().hasSize(1); // o3; sales/paid not computed
    // end::multi-asset-subset[]

    RunAssertions.assertThat(result).succeeded().stepSucceeded("split_orders");
    assertThat(result.eventsOfType(ASSET_MATERIALIZATION))
        .extracting(
            e -> e.data(MaterializationData.class).orElseThrow().materialization().assetKey())
        .containsExactly(RAW_ORDERS, CANCELLED);
    assertThat(result.assetValue(CANCELLED)).asList().hasSize(1);

    ExecutionResult both = JobExecution.materialize(defs, "key:sales/*").execute();
    assertThat(both.eventsOfType(ASSET_MATERIALIZATION)).hasSize(2);
    assertThat(both.assetValue(PAID)).asList().hasSize(4);
  }

  // tag::graph-asset[]
  static final AssetKey CLEAN_ORDERS = AssetKey.of("staging", "clean_orders");

  /** CLEAN, the graph of the Graph section (dedupe, then drop_cancelled), computes the asset. */
  static final GraphAssetDefinition CLEAN_ORDERS_ASSET =
      GraphAssetDefinition.builder(AssetSpec.of(CLEAN_ORDERS).withGroup("sales"), CLEAN)
          .input("orders", RAW_ORDERS) // feeds the graph's input "orders"
          .build();

  // end::graph-asset[]

  @Test
  void shouldRunEachOpOfTheGraphAssetAsItsOwnStep(@TempDir Path storage) {
    Definitions defs =
        Definitions.builder()
            .assets(RAW_ORDERS_ASSET, CLEAN_ORDERS_ASSET)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();

    ExecutionResult result = JobExecution.materialize(defs, "*").execute();

    RunAssertions.assertThat(result)
        .succeeded()
        .stepSucceeded("staging__clean_orders.dedupe")
        .stepSucceeded("staging__clean_orders.drop_cancelled");
    assertThat(result.assetValue(CLEAN_ORDERS))
        .asList()
        .extracting(o -> ((Order) o).id())
        .containsExactly("o1", "o2", "o4");
    assertThat(storage.resolve("staging/clean_orders.json")).exists();
  }

  // tag::external-asset[]
  static final AssetKey EXCHANGE_RATES = AssetKey.of("vendor", "exchange_rates");

  /** A file another system drops into the storage directory every morning. */
  static final ExternalAssetDefinition EXCHANGE_RATES_ASSET =
      ExternalAssetDefinition.of(AssetSpec.of(EXCHANGE_RATES).withGroup("vendor").withKinds("http"))
          .loadedAs(Types.map(Types.DOUBLE), "io_manager") // how downstream assets read it
          .observedBy(ctx -> Metadata.of("currencies", 2, "source", "rates.example.com"));

  static final AssetDefinition REVENUE_IN_USD =
      AssetDefinition.builder("analytics", "revenue_usd")
          .input("revenue", AssetIn.of(REGION_REVENUE, Types.map(Types.DOUBLE)))
          .input("rates", AssetIn.of(EXCHANGE_RATES, Types.map(Types.DOUBLE)))
          .type(Types.DOUBLE)
          .compute(
              (ctx, in) -> {
                Map<?, ?> revenue = in.get("revenue", Map.class);
                Map<?, ?> rates = in.get("rates", Map.class);
                double eur = revenue.values().stream().mapToDouble(v -> (Double) v).sum();
                return eur * (Double) rates.get("USD");
              })
          .build();

  // end::external-asset[]

  @Test
  void shouldObserveTheExternalAssetAndLoadItDownstream(@TempDir Path storage) throws Exception {
    Definitions defs =
        Definitions.builder()
            .assets(
                RAW_ORDERS_ASSET,
                PAID_ORDERS_ASSET,
                REGION_REVENUE_ASSET,
                EXCHANGE_RATES_ASSET,
                REVENUE_IN_USD)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    Files.createDirectories(storage.resolve("vendor"));
    Files.writeString(storage.resolve("vendor/exchange_rates.json"), "{\"USD\": 1.5}");

    ExecutionResult result = JobExecution.materialize(defs, "*").execute();

    RunAssertions.assertThat(result).succeeded().stepSucceeded("observe__vendor__exchange_rates");
    assertThat(result.assetValue(AssetKey.of("analytics", "revenue_usd"))).isEqualTo(363.0);
    ObservationData observation =
        result.eventsOfType(ASSET_OBSERVATION).get(0).data(ObservationData.class).orElseThrow();
    assertThat(observation.observation().metadata().get("currencies"))
        .contains(MetadataValue.of(2));
  }

  @Test
  void shouldRejectADependencyOnAKeyNothingDefines() throws Exception {
    // tag::undefined-dependency[]
    String message = null;
    AssetDefinition revenueUsd =
        AssetDefinition.builder("analytics", "revenue_usd")
            .input("rates", AssetKey.of("vendor", "exchange_rates")) // defined nowhere
            .compute((ctx, in) -> in.get("rates"))
            .build();
    try {
      Definitions.builder().assets(revenueUsd).build();
    } catch (DefinitionsException e) {
      message = e.getMessage();
    }
    // end::undefined-dependency[]

    ConceptsDocTest.assertDocShowsOutput("undefined-dependency", message);
  }
}
