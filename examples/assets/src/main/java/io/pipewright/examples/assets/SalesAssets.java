package io.pipewright.examples.assets;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckResult;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.asset.GraphAssetDefinition;
import io.pipewright.sdk.asset.MultiAssetDefinition;
import io.pipewright.sdk.event.AssetCheckSeverity;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.SensorResult;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The example asset graph.
 *
 * <pre>
 * raw/orders (daily) ─▶ analytics/daily_revenue (daily) ─▶ analytics/revenue_7d (daily, last 7 days)
 *      ▲ check: no_negative_amounts (blocking)     │ check: revenue_positive (warn)
 *                                                  ▼
 * raw/customers ─▶ split_customers ─▶ crm/active_customers ─▶ analytics/revenue_by_segment
 *                  (multi-asset)   └▶ crm/churned_customers       │
 *                                     check: crm_consistency       ▼
 *                                                     reports/sales_report (graph: figures ─▶ render)
 * vendor/exchange_rates: external, observed
 * </pre>
 */
public final class SalesAssets {
  private SalesAssets() {}

  /** Five days of sales; the end is exclusive. */
  public static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2026-01-01").withEnd("2026-01-06");

  static final AssetKey ORDERS = AssetKey.of("raw", "orders");
  static final AssetKey CUSTOMERS = AssetKey.of("raw", "customers");
  static final AssetKey ACTIVE = AssetKey.of("crm", "active_customers");
  static final AssetKey CHURNED = AssetKey.of("crm", "churned_customers");
  static final AssetKey DAILY_REVENUE = AssetKey.of("analytics", "daily_revenue");
  static final AssetKey REVENUE_7D = AssetKey.of("analytics", "revenue_7d");
  static final AssetKey BY_SEGMENT = AssetKey.of("analytics", "revenue_by_segment");
  static final AssetKey REPORT = AssetKey.of("reports", "sales_report");
  static final AssetKey RATES = AssetKey.of("vendor", "exchange_rates");

  static final DataType SALES = Types.list(Types.of(Sale.class));
  static final DataType CUSTOMER_LIST = Types.list(Types.of(Customer.class));

  /** The day's sales, generated deterministically from the partition key. */
  public static final AssetDefinition RAW_ORDERS =
      AssetDefinition.builder(ORDERS)
          .description("Sales of one day, as the shop exports them.")
          .group("ingest")
          .kinds("java", "json")
          .owners("team:data")
          .codeVersion("1")
          .partitions(DAILY)
          .type(SALES)
          .compute(
              (ctx, in) -> {
                String day = ctx.partitionKey().orElseThrow();
                int d = Integer.parseInt(day.substring(8));
                List<Sale> sales = new ArrayList<>();
                for (int i = 0; i < 10 + d; i++) {
                  sales.add(new Sale(day + "-" + i, "c" + (i % 6), 10 + (i * 7 + d) % 40));
                }
                return Output.of(sales, Metadata.of("rows", sales.size()));
              })
          .build();

  /** The CRM export (unpartitioned), parsed from CSV. */
  public static final AssetDefinition RAW_CUSTOMERS =
      AssetDefinition.builder(CUSTOMERS)
          .description("Customers of the CRM, from its CSV export.")
          .group("ingest")
          .kinds("java", "csv")
          .type(CUSTOMER_LIST)
          .compute(
              (ctx, in) -> {
                List<Customer> customers = CrmExport.parse(CrmExport.CURRENT);
                return Output.of(customers, Metadata.of("rows", customers.size()));
              })
          .build();

  /** One op, two assets; a run may ask for only one of them. */
  public static final MultiAssetDefinition SPLIT_CUSTOMERS =
      MultiAssetDefinition.builder("split_customers")
          .asset("active", AssetSpec.of(ACTIVE).withGroup("crm"), CUSTOMER_LIST)
          .asset("churned", AssetSpec.of(CHURNED).withGroup("crm"), CUSTOMER_LIST)
          .input("customers", AssetIn.of(CUSTOMERS, CUSTOMER_LIST))
          .canSubset(true)
          .compute(
              (ctx, in) -> {
                List<Customer> all = in.getList("customers", Customer.class);
                Outputs out = Outputs.none();
                if (ctx.selectedAssetKeys().contains(ACTIVE)) {
                  out = out.and("active", all.stream().filter(Customer::active).toList());
                }
                if (ctx.selectedAssetKeys().contains(CHURNED)) {
                  out = out.and("churned", all.stream().filter(c -> !c.active()).toList());
                }
                return out;
              })
          .build();

  /** Revenue of a day. */
  public static final AssetDefinition REVENUE =
      AssetDefinition.builder(DAILY_REVENUE)
          .description("Total revenue of one day, in euros.")
          .group("sales")
          .kinds("java")
          .codeVersion("2")
          .partitions(DAILY)
          .input("orders", AssetIn.of(ORDERS, SALES))
          .type(Types.DOUBLE)
          .compute(
              (ctx, in) -> {
                double total =
                    in.getList("orders", Sale.class).stream().mapToDouble(Sale::amount).sum();
                return Output.of(total, Metadata.of("revenue", total));
              })
          .build();

  /** Revenue of the last seven days (those that exist), through a time-window partition mapping. */
  public static final AssetDefinition REVENUE_WEEK =
      AssetDefinition.builder(REVENUE_7D)
          .group("sales")
          .partitions(DAILY)
          .input(
              "days",
              AssetIn.of(DAILY_REVENUE, Types.DOUBLE)
                  .withPartitionMapping(PartitionMapping.timeWindow(-6, 0)))
          .type(Types.DOUBLE)
          .compute(
              (ctx, in) -> {
                Object days = in.get("days");
                if (days instanceof Map<?, ?> byDay) {
                  return byDay.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
                }
                return ((Number) days).doubleValue();
              })
          .build();

  /** Revenue per customer segment over every day (unpartitioned; reads all partitions). */
  public static final AssetDefinition SEGMENTS =
      AssetDefinition.builder(BY_SEGMENT)
          .group("sales")
          .input("orders", AssetIn.of(ORDERS))
          .input("customers", AssetIn.of(ACTIVE, CUSTOMER_LIST))
          .compute(
              (ctx, in) -> {
                Map<String, String> segmentOf = new LinkedHashMap<>();
                for (Customer c : in.getList("customers", Customer.class)) {
                  segmentOf.put(c.id(), c.segment());
                }
                Map<String, Double> bySegment = new TreeMap<>();
                for (Object day : ((Map<?, ?>) in.get("orders")).values()) {
                  for (Object sale : (List<?>) day) {
                    Sale s = (Sale) sale;
                    bySegment.merge(
                        segmentOf.getOrDefault(s.customer(), "churned"), s.amount(), Double::sum);
                  }
                }
                return bySegment;
              })
          .build();

  /** The report is computed by a graph: each op is its own step. */
  static final GraphDefinition REPORT_GRAPH =
      GraphDefinition.builder("sales_report")
          .compose(
              g -> {
                var segments = g.input(In.of("segments", Types.ANY));
                var figures =
                    g.add(
                            OpDefinition.builder("figures")
                                .input("segments", Types.ANY)
                                .compute((ctx, in) -> new TreeMap<>((Map<?, ?>) in.get("segments")))
                                .build())
                        .in("segments", segments);
                var render =
                    g.add(
                            OpDefinition.builder("render")
                                .input("figures", Types.ANY)
                                .output(Types.STRING)
                                .compute(
                                    (ctx, in) -> {
                                      StringBuilder md =
                                          new StringBuilder("# Revenue by segment\n");
                                      ((Map<?, ?>) in.get("figures"))
                                          .forEach(
                                              (k, v) ->
                                                  md.append("- ")
                                                      .append(k)
                                                      .append(": ")
                                                      .append(v)
                                                      .append('\n'));
                                      return md.toString();
                                    })
                                .build())
                        .in("figures", figures.out());
                g.output("result", render.out());
              })
          .build();

  /** The Markdown sales report, computed by a graph of two ops. */
  public static final GraphAssetDefinition SALES_REPORT =
      GraphAssetDefinition.builder(AssetSpec.of(REPORT).withGroup("reports"), REPORT_GRAPH)
          .input("segments", BY_SEGMENT)
          .build();

  /** Exchange rates published by a vendor; observed, never computed here. */
  public static final ExternalAssetDefinition EXCHANGE_RATES =
      ExternalAssetDefinition.of(AssetSpec.of(RATES).withGroup("vendor").withKinds("http"))
          .observedBy(ctx -> Metadata.of("currencies", 3, "source", "https://rates.example.com"));

  /** Blocking: a negative amount stops everything downstream of the orders. */
  public static final AssetCheckDefinition NO_NEGATIVE_AMOUNTS =
      AssetCheckDefinition.builder("no_negative_amounts", ORDERS)
          .blocking(true)
          .description("Every sale has a non-negative amount.")
          .compute(
              (ctx, value) -> {
                long negative =
                    ((List<?>) value).stream().filter(s -> ((Sale) s).amount() < 0).count();
                return negative == 0
                    ? AssetCheckResult.passed()
                        .withMetadata(Metadata.of("rows", ((List<?>) value).size()))
                    : AssetCheckResult.failed(negative + " sales have a negative amount");
              })
          .build();

  /** Non-blocking: a day without revenue is suspicious, not fatal. */
  public static final AssetCheckDefinition REVENUE_POSITIVE =
      AssetCheckDefinition.builder("revenue_positive", DAILY_REVENUE)
          .compute(
              (ctx, value) ->
                  ((Number) value).doubleValue() > 0
                      ? AssetCheckResult.passed()
                      : AssetCheckResult.failed("no revenue").withSeverity(AssetCheckSeverity.WARN))
          .build();

  /** A multi-check over the two CRM assets. */
  public static final AssetCheckDefinition CRM_CONSISTENCY =
      AssetCheckDefinition.multi("crm_consistency")
          .check(AssetCheckSpec.of(ACTIVE, "disjoint_from_churned"))
          .check(AssetCheckSpec.of(CHURNED, "not_empty"))
          .input("active", ACTIVE)
          .input("churned", CHURNED)
          .compute(
              (ctx, in) -> {
                Set<String> active = new HashSet<>();
                in.getList("active", Customer.class).forEach(c -> active.add(c.id()));
                boolean disjoint =
                    in.getList("churned", Customer.class).stream()
                        .noneMatch(c -> active.contains(c.id()));
                return List.of(
                    (disjoint ? AssetCheckResult.passed() : AssetCheckResult.failed("overlap"))
                        .forCheck(ACTIVE, "disjoint_from_churned"),
                    (in.getList("churned", Customer.class).isEmpty()
                            ? AssetCheckResult.failed("no churned customers")
                                .withSeverity(AssetCheckSeverity.WARN)
                            : AssetCheckResult.passed())
                        .forCheck(CHURNED, "not_empty"));
              })
          .build();

  /** Materializes each day's sales once the day is over (one run per new partition). */
  public static final ScheduleDefinition DAILY_SALES_SCHEDULE =
      ScheduleDefinition.forPartitions("daily_sales_schedule", "daily_sales", DAILY);

  /** When a day's revenue is materialized, refreshes the 7-day revenue of that day. */
  public static final AssetSensorDefinition REVENUE_READY =
      AssetSensorDefinition.builder(
              "revenue_ready",
              DAILY_REVENUE,
              (ctx, event) ->
                  SensorResult.runs(
                      RunRequest.builder()
                          .runKey("revenue_7d:" + event.partition() + ":" + event.eventId())
                          .partitionKey(event.partition())
                          .build()))
          .assets(AssetSelection.keys(REVENUE_7D))
          .build();

  /**
   * The code location's definitions, storing assets as JSON files under a directory.
   *
   * @param storage where assets are stored
   * @return the definitions
   */
  public static Definitions definitions(Path storage) {
    return Definitions.builder()
        .assets(
            RAW_ORDERS,
            RAW_CUSTOMERS,
            SPLIT_CUSTOMERS,
            REVENUE,
            REVENUE_WEEK,
            SEGMENTS,
            SALES_REPORT,
            EXCHANGE_RATES)
        .assetChecks(NO_NEGATIVE_AMOUNTS, REVENUE_POSITIVE, CRM_CONSISTENCY)
        .assetJob(
            AssetJobDefinition.builder("daily_sales")
                .description("The partitioned sales assets of one day.")
                .selection("group:sales and not key:analytics/revenue_by_segment or key:raw/orders")
                .build())
        .resource("io_manager", IOManagers.filesystem(storage))
        .schedules(DAILY_SALES_SCHEDULE)
        .sensors(REVENUE_READY)
        .build();
  }
}
