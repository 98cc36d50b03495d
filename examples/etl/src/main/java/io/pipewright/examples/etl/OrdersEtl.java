package io.pipewright.examples.etl;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.Failure;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.metadata.TableColumn;
import io.pipewright.sdk.metadata.TableSchema;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleResult;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorResult;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.TypeCheck;
import io.pipewright.sdk.types.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * The example code location: an orders ETL job.
 *
 * <pre>
 * extract ─▶ validate ─valid──▶ clean (graph: dedupe ─▶ drop_small) ─▶ split_by_region
 *               │                                                       │ (dynamic: one per region)
 *               └─rejected?─▶ dedupe_rejected ─▶ audit_rejected          ▼
 *                                                       summarize[north], summarize[south], ...
 *                                                                       │ (collect)
 *                                                                       ▼
 *                                                    combine ─▶ load ─(nothing)─▶ notify
 * </pre>
 */
public final class OrdersEtl {
  private OrdersEtl() {}

  /** A list of orders: what passes between most ops. */
  public static final DataType ORDERS = Types.list(Types.of(Order.class));

  /** A custom type: a report must cover at least one region and add up. */
  public static final DataType REPORT =
      DataType.custom(
          "Report",
          "A report over at least one region whose grand total is the sum of its regions.",
          Report.class,
          value -> {
            if (!(value instanceof Report report)) {
              return TypeCheck.failure("Expected a Report");
            }
            if (report.regions().isEmpty()) {
              return TypeCheck.failure("The report covers no region");
            }
            double sum = report.regions().stream().mapToDouble(RegionSummary::total).sum();
            return Math.abs(sum - report.grandTotal()) < 1e-6
                ? TypeCheck.success(Metadata.of("regions", report.regions().size()))
                : TypeCheck.failure("The grand total " + report.grandTotal() + " is not " + sum);
          });

  /** Reads orders; fails its first attempts on demand, to show retries with backoff. */
  public static final OpDefinition EXTRACT =
      OpDefinition.builder("extract")
          .description("Reads the CSV export of orders from the source system.")
          .config(ExtractConfig.class)
          .output(ORDERS)
          .tag("kind", "source")
          .retryPolicy(
              RetryPolicy.builder()
                  .maxRetries(3)
                  .delay(Duration.ofMillis(100))
                  .backoff(Backoff.EXPONENTIAL)
                  .build())
          .compute(
              (ctx, in) -> {
                ExtractConfig config = ctx.config(ExtractConfig.class);
                if (ctx.retryNumber() < config.failFirstAttempts()) {
                  throw new IllegalStateException(
                      "The source is temporarily unavailable (attempt "
                          + (ctx.retryNumber() + 1)
                          + ")");
                }
                List<Order> orders = OrderSource.read(config);
                ctx.log()
                    .info("Read orders", Map.of("count", orders.size(), "source", config.source()));
                return Output.of(orders, Metadata.of("rows", orders.size()));
              })
          .build();

  /** Splits orders into valid and rejected ones; the rejected output is optional. */
  public static final OpDefinition VALIDATE =
      OpDefinition.builder("validate")
          .description("Separates orders with a negative amount.")
          .input("orders", ORDERS)
          .output(Out.of("valid", ORDERS))
          .output(
              Out.of("rejected", ORDERS).asOptional().describedAs("Orders with a negative amount."))
          .compute(
              (ctx, in) -> {
                List<Order> valid = new ArrayList<>();
                List<Order> rejected = new ArrayList<>();
                for (Order order : in.getList("orders", Order.class)) {
                  (order.amount() >= 0 ? valid : rejected).add(order);
                }
                ctx.logEvent(
                    rejected.isEmpty()
                        ? ExpectationResult.passed("no_negative_amounts")
                        : ExpectationResult.failed(
                            "no_negative_amounts",
                            rejected.size() + " orders have a negative amount",
                            Metadata.of("rejected", rejected.size())));
                Outputs outputs = Outputs.of("valid", valid);
                return rejected.isEmpty() ? outputs : outputs.and("rejected", rejected);
              })
          .build();

  /** Drops repeated order ids; used twice in the job, under two aliases. */
  public static final OpDefinition DEDUPE =
      OpDefinition.builder("dedupe")
          .input("rows", ORDERS)
          .output(ORDERS)
          .compute(
              (ctx, in) -> {
                Map<String, Order> byId = new LinkedHashMap<>();
                for (Order order : in.getList("rows", Order.class)) {
                  byId.putIfAbsent(order.id(), order);
                }
                return new ArrayList<>(byId.values());
              })
          .build();

  /**
   * An op factory: an op that keeps orders of at least an amount.
   *
   * @param name the op's name
   * @param minimum the smallest amount kept
   * @return the op
   */
  public static OpDefinition amountAtLeast(String name, double minimum) {
    return OpDefinition.builder(name)
        .description("Keeps orders of at least " + minimum + " EUR.")
        .input("rows", ORDERS)
        .output(ORDERS)
        .compute(
            (ctx, in) -> {
              List<Order> rows = in.getList("rows", Order.class);
              List<Order> kept = rows.stream().filter(o -> o.amount() >= minimum).toList();
              return Output.of(kept, Metadata.of("dropped", rows.size() - kept.size()));
            })
        .build();
  }

  /** A nested graph with input and output mappings. */
  public static final GraphDefinition CLEAN =
      GraphDefinition.builder("clean")
          .description("Removes duplicates and tiny orders.")
          .compose(
              g -> {
                var rows = g.input(In.of("rows", ORDERS));
                var dedupe = g.add(DEDUPE).in("rows", rows);
                var dropSmall = g.add(amountAtLeast("drop_small", 1.0)).in("rows", dedupe.out());
                g.output("result", dropSmall.out());
              })
          .build();

  /** Fans out: one dynamic value per region. */
  public static final OpDefinition SPLIT_BY_REGION =
      OpDefinition.builder("split_by_region")
          .input("orders", ORDERS)
          .output(Out.dynamic("regions", ORDERS))
          .compute(
              (ctx, in) -> {
                Map<String, List<Order>> byRegion = new LinkedHashMap<>();
                for (Order order : in.getList("orders", Order.class)) {
                  byRegion.computeIfAbsent(order.region(), r -> new ArrayList<>()).add(order);
                }
                DynamicOutputs.Builder out = DynamicOutputs.builder();
                byRegion.forEach(out::add);
                return out.build();
              })
          .build();

  /** Runs once per region (mapped over the dynamic output). */
  public static final OpDefinition SUMMARIZE =
      OpDefinition.builder("summarize")
          .input("orders", ORDERS)
          .output(Types.of(RegionSummary.class))
          .compute(
              (ctx, in) -> {
                List<Order> orders = in.getList("orders", Order.class);
                double total = orders.stream().mapToDouble(Order::amount).sum();
                String region = ctx.mappingKey().orElse("all");
                return new RegionSummary(region, orders.size(), total);
              })
          .build();

  /** Collects the per-region summaries into the report. */
  public static final OpDefinition COMBINE =
      OpDefinition.builder("combine")
          .input("summaries", Types.list(Types.of(RegionSummary.class)))
          .output(REPORT)
          .compute(
              (ctx, in) -> {
                List<RegionSummary> summaries = in.getList("summaries", RegionSummary.class);
                double total = summaries.stream().mapToDouble(RegionSummary::total).sum();
                return new Report(summaries, total);
              })
          .build();

  /** Writes the report to the warehouse and records the asset it materializes. */
  public static final OpDefinition LOAD =
      OpDefinition.builder("load")
          .input("report", REPORT)
          .output(Types.NOTHING)
          .requiredResources("warehouse")
          .compute(
              (ctx, in) -> {
                Report report = in.get("report", Report.class);
                Warehouse warehouse = ctx.resource("warehouse", Warehouse.class);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RegionSummary s : report.regions()) {
                  // One CSV line per region (Apache Commons CSV quotes what needs quoting).
                  warehouse.write(
                      "orders_by_region",
                      CSVFormat.DEFAULT.format(s.region(), s.orders(), s.total()));
                  rows.add(Map.of("region", s.region(), "orders", s.orders(), "total", s.total()));
                }
                ctx.logEvent(
                    AssetMaterialization.of(
                        AssetKey.of("analytics", "orders_by_region"),
                        Metadata.of(
                            "rows",
                            report.regions().size(),
                            "grand_total",
                            report.grandTotal(),
                            "preview",
                            MetadataValue.table(
                                rows,
                                TableSchema.of(
                                    new TableColumn("region", "string", null),
                                    new TableColumn("orders", "int", null),
                                    new TableColumn("total", "float", "EUR"))))));
                return null;
              })
          .build();

  /**
   * Reports rejected orders; skipped when validation rejected none. When more than half of the
   * batch was rejected the source is broken, and retrying cannot help: it raises a {@link Failure}
   * without retries, with the numbers as metadata.
   */
  public static final OpDefinition AUDIT_REJECTED =
      OpDefinition.builder("audit_rejected")
          .input("rows", ORDERS)
          .input("orders", ORDERS)
          .noOutputs()
          .compute(
              (ctx, in) -> {
                int rejected = in.getList("rows", Order.class).size();
                int total = in.getList("orders", Order.class).size();
                if (rejected * 2 > total) {
                  throw new Failure(
                      rejected + " of " + total + " orders were rejected; the export is broken",
                      Metadata.of("rejected", rejected, "total", total),
                      false);
                }
                for (Order order : in.getList("rows", Order.class)) {
                  ctx.log()
                      .warning(
                          "Rejected order", Map.of("id", order.id(), "amount", order.amount()));
                }
                return null;
              })
          .build();

  /** Runs after load (an order-only dependency: no value passes). */
  public static final OpDefinition NOTIFY =
      OpDefinition.builder("notify")
          .input(In.nothing("after"))
          .noOutputs()
          .compute(
              (ctx, in) -> {
                ctx.log().info("The orders report is ready.");
                return null;
              })
          .build();

  /** The whole pipeline. */
  public static final GraphDefinition ORDERS_GRAPH =
      GraphDefinition.builder("orders")
          .compose(
              g -> {
                var extract = g.add(EXTRACT);
                var validate = g.add(VALIDATE).in("orders", extract.out());
                var clean = g.add(CLEAN).in("rows", validate.out("valid"));
                var split = g.add(SPLIT_BY_REGION).in("orders", clean.out());
                var summarize = g.add(SUMMARIZE).in("orders", split.out("regions"));
                var combine = g.add(COMBINE).in("summaries", summarize.out().collect());
                var load = g.add(LOAD).in("report", combine.out());
                g.add(NOTIFY).in("after", load.out());
                var dedupeRejected =
                    g.add("dedupe_rejected", DEDUPE).in("rows", validate.out("rejected"));
                g.add(AUDIT_REJECTED).in("rows", dedupeRejected.out()).in("orders", extract.out());
              })
          .build();

  /** Sets up the warehouse client from config, and closes it after each step. */
  public static final ResourceDefinition<Warehouse> WAREHOUSE =
      ResourceDefinition.builder(ctx -> new Warehouse(ctx.config(WarehouseConfig.class)))
          .description("The analytics warehouse.")
          .config(WarehouseConfig.class)
          .teardown(Warehouse::close)
          .build();

  /**
   * A hook that posts an alert when a step fails for good.
   *
   * @return the hook
   */
  public static HookDefinition alertOnFailure() {
    return HookDefinition.onFailure(
        "alert_on_failure",
        ctx ->
            ctx.resource("alerts", Alerts.class)
                .post(
                    "Step "
                        + ctx.stepKey()
                        + " of run "
                        + ctx.runId()
                        + " failed: "
                        + ctx.error().map(e -> e.message()).orElse("?")),
        "alerts");
  }

  /** A hook that logs every successful step. */
  public static final HookDefinition LOG_SUCCESS =
      HookDefinition.onSuccess(
          "log_success", ctx -> ctx.log().debug("Step " + ctx.stepKey() + " succeeded."));

  /** The default run config: 40 orders; the warehouse password comes from the environment. */
  public static final RunConfig DEFAULT_CONFIG =
      RunConfig.builder()
          .opConfig("extract", Map.of("limit", 40))
          .resourceConfig(
              "warehouse",
              Map.of(
                  "url",
                  "warehouse://localhost/analytics",
                  "password",
                  Map.of("env", "WAREHOUSE_PASSWORD")))
          .build();

  /**
   * The full job, storing outputs as JSON files.
   *
   * @return the job
   */
  public static JobDefinition ordersEtl() {
    return JobDefinition.builder("orders_etl", ORDERS_GRAPH)
        .description("Loads the orders-by-region report.")
        .resource("warehouse", WAREHOUSE)
        .resource("io_manager", IOManagers.filesystem())
        .config(DEFAULT_CONFIG)
        .tag("team", "analytics")
        .executor(ExecutorConfig.multiThread(2))
        .hook(alertOnFailure())
        .hook(LOG_SUCCESS)
        .opRetryPolicy(RetryPolicy.of(1))
        .build();
  }

  /**
   * The same graph restricted by an op selection: extract and validate only.
   *
   * @return the job
   */
  public static JobDefinition validateOnly() {
    return JobDefinition.builder("orders_validate_only", ORDERS_GRAPH)
        .description("Only reads and validates orders.")
        .resource("warehouse", WAREHOUSE)
        // Each step runs in its own process under the daemon, so outputs must outlive the step.
        .resource("io_manager", IOManagers.filesystem())
        .config(RunConfig.builder().opConfig("extract", Map.of("limit", 10)).build())
        .opSelection("*validate")
        .build();
  }

  /** Runs the ETL every morning at 06:00 in Berlin, except on Sundays, when the shop is closed. */
  public static final ScheduleDefinition EVERY_MORNING =
      ScheduleDefinition.builder("orders_every_morning", "0 6 * * *")
          .timezone("Europe/Berlin")
          .description("The nightly orders load, before the office opens.")
          .job("orders_etl")
          .evaluation(
              ctx ->
                  ctx.localScheduledTime().getDayOfWeek() == DayOfWeek.SUNDAY
                      ? ScheduleResult.skip("The shop is closed on Sundays.")
                      : ScheduleResult.runs(
                          RunRequest.builder()
                              .tag(
                                  "business_date",
                                  ctx.localScheduledTime().toLocalDate().toString())
                              .build()))
          .build();

  /**
   * A sensor that starts one run per new order file dropped into an inbox directory. The run key is
   * the file name, so a file is never loaded twice; the cursor is the newest file's modification
   * time.
   *
   * @param inbox the directory to watch
   * @return the sensor
   */
  public static SensorDefinition newOrderFiles(Path inbox) {
    return SensorDefinition.builder(
            "new_order_files",
            ctx -> {
              if (!Files.isDirectory(inbox)) {
                return SensorResult.skip("Inbox " + inbox + " does not exist yet.");
              }
              long after = ctx.cursor().map(Long::parseLong).orElse(0L);
              long newest = after;
              List<RunRequest> runs = new ArrayList<>();
              try (var files = Files.list(inbox)) {
                for (Path file : files.sorted().toList()) {
                  long modified = Files.getLastModifiedTime(file).toMillis();
                  if (modified > after && file.toString().endsWith(".json")) {
                    runs.add(
                        RunRequest.builder()
                            .runKey(file.getFileName().toString())
                            .tag("source_file", file.getFileName().toString())
                            .build());
                    newest = Math.max(newest, modified);
                  }
                }
              }
              return runs.isEmpty()
                  ? SensorResult.skip("No new order file in " + inbox + ".")
                  : SensorResult.runs(runs).withCursor(Long.toString(newest));
            })
        .job("orders_etl")
        .minimumInterval(Duration.ofSeconds(30))
        .build();
  }

  /**
   * The code location's definitions. The {@code alerts} resource is shared by both jobs; the sensor
   * watches {@code $PIPEWRIGHT_HOME/inbox}.
   *
   * @param alerts where failure alerts go
   * @return the definitions
   */
  public static Definitions definitions(Alerts alerts) {
    return Definitions.builder()
        .jobs(ordersEtl(), validateOnly())
        .resource("alerts", ResourceDefinition.of(alerts))
        .schedules(EVERY_MORNING)
        .sensors(newOrderFiles(IOManagers.defaultBaseDir().resolveSibling("inbox")))
        .build();
  }

  /** Region names in the order the source returns them; used by tests. */
  static Set<String> regions(List<Order> orders) {
    Set<String> regions = new LinkedHashSet<>();
    orders.forEach(o -> regions.add(o.region()));
    return regions;
  }
}
