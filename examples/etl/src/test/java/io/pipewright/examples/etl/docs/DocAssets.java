package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The assets that the asset snippets of {@code docs/concepts.md} share: raw orders, the paid orders
 * cleaned from them, the revenue per region and a dashboard refreshed after it.
 */
final class DocAssets {
  private DocAssets() {}

  // tag::asset[]
  static final AssetKey RAW_ORDERS = AssetKey.of("raw", "orders");
  static final AssetKey PAID_ORDERS = AssetKey.of("staging", "paid_orders");

  static final AssetDefinition RAW_ORDERS_ASSET =
      AssetDefinition.builder(RAW_ORDERS)
          .description("Orders as the shop exports them.")
          .group("ingest")
          .kinds("java")
          .owners("team:data")
          .type(ORDERS)
          .compute((ctx, in) -> Output.of(SAMPLE, Metadata.of("rows", SAMPLE.size())))
          .build();

  static final AssetDefinition PAID_ORDERS_ASSET =
      AssetDefinition.builder(PAID_ORDERS)
          .description("Paid orders, one row per order id.")
          .group("sales")
          .kinds("java")
          .owners("team:sales")
          .tag("tier", "gold")
          .metadata(Metadata.of("primary_key", "id"))
          .codeVersion("2") // change it when the logic changes: the asset becomes stale
          .input("orders", AssetIn.of(RAW_ORDERS, ORDERS)) // loaded through the IO manager
          .type(ORDERS)
          .compute(
              (ctx, in) -> {
                Map<String, Order> byId = new LinkedHashMap<>();
                for (Order order : in.getList("orders", Order.class)) {
                  if (order.status().equals("paid")) {
                    byId.putIfAbsent(order.id(), order);
                  }
                }
                List<Order> paid = List.copyOf(byId.values());
                return Output.of(paid, Metadata.of("rows", paid.size()));
              })
          .build();
  // end::asset[]

  // tag::asset-deps[]
  static final AssetKey REGION_REVENUE = AssetKey.of("analytics", "revenue_by_region");
  static final AssetKey DASHBOARD = AssetKey.of("reports", "sales_dashboard");

  static final AssetDefinition REGION_REVENUE_ASSET =
      AssetDefinition.builder(REGION_REVENUE)
          .group("sales")
          .kinds("sql")
          .owners("team:sales")
          .input("orders", AssetIn.of(PAID_ORDERS, ORDERS))
          .type(Types.map(Types.DOUBLE))
          .compute(
              (ctx, in) -> {
                Map<String, Double> revenue = new TreeMap<>();
                for (Order order : in.getList("orders", Order.class)) {
                  revenue.merge(order.region(), order.amount(), Double::sum);
                }
                return revenue;
              })
          .build();

  static final AssetDefinition DASHBOARD_ASSET =
      AssetDefinition.builder(DASHBOARD)
          .group("reporting")
          .kinds("tableau")
          .owners("team:bi")
          .dep(REGION_REVENUE) // runs after revenue_by_region, but loads nothing from it
          .type(Types.STRING)
          .compute(
              (ctx, in) -> {
                ctx.log().info("Refreshing the dashboard's extract");
                return "https://dashboards.example.com/sales";
              })
          .build();

  // end::asset-deps[]

  /**
   * The four assets, stored as JSON files under a directory.
   *
   * @param storage the directory
   * @return the definitions
   */
  static Definitions salesDefinitions(Path storage) {
    return Definitions.builder()
        .assets(RAW_ORDERS_ASSET, PAID_ORDERS_ASSET, REGION_REVENUE_ASSET, DASHBOARD_ASSET)
        .resource("io_manager", IOManagers.filesystem(storage))
        .build();
  }
}
