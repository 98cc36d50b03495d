package io.pipewright.examples.etl.docs;

import io.pipewright.examples.etl.Order;
import io.pipewright.examples.etl.Warehouse;
import io.pipewright.examples.etl.WarehouseConfig;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.config.ConfigDescription;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ops, graphs, resources and job that the snippets of {@code docs/concepts.md} share. The code
 * between {@code tag::} and {@code end::} markers is copied verbatim into the document; {@link
 * ConceptsDocTest} fails when the two differ.
 */
final class DocOps {
  private DocOps() {}

  /** Orders the snippets read: a duplicate (o2) and a cancelled order (o3) among them. */
  static final List<Order> SAMPLE =
      List.of(
          new Order("o1", "north", 120.0, "paid"),
          new Order("o2", "south", 80.0, "paid"),
          new Order("o2", "south", 80.0, "paid"),
          new Order("o3", "north", 15.5, "cancelled"),
          new Order("o4", "east", 42.0, "paid"));

  /** The environment the snippets' runs read {@code WAREHOUSE_PASSWORD} from. */
  static final EnvLookup ENV = EnvLookup.of(Map.of("WAREHOUSE_PASSWORD", "s3cret"));

  /**
   * The warehouse's connection, given at launch. It is not part of the job's default config, so
   * that a test can replace the warehouse with a fake that takes no config.
   */
  static final RunConfig WAREHOUSE_CONFIG =
      RunConfig.builder()
          .resourceConfig(
              "warehouse",
              Map.of(
                  "url", "warehouse://analytics", "password", Map.of("env", "WAREHOUSE_PASSWORD")))
          .build();

  // tag::op[]
  /** A list of orders: what most ops here take and return. */
  static final DataType ORDERS = Types.list(Types.of(Order.class));

  static final OpDefinition DROP_CANCELLED =
      OpDefinition.builder("drop_cancelled")
          .description("Removes cancelled orders.")
          .input("orders", ORDERS)
          .output(ORDERS)
          .tag("layer", "staging")
          .compute(
              (ctx, in) -> {
                List<Order> orders = in.getList("orders", Order.class);
                var kept = orders.stream().filter(o -> !o.status().equals("cancelled")).toList();
                int dropped = orders.size() - kept.size();
                ctx.log().info("Dropped cancelled orders", Map.of("dropped", dropped));
                return Output.of(kept, Metadata.of("rows", kept.size()));
              })
          .build();
  // end::op[]

  static final OpDefinition DEDUPE =
      OpDefinition.builder("dedupe")
          .description("Keeps the first order of each id.")
          .input("orders", ORDERS)
          .output(ORDERS)
          .compute(
              (ctx, in) -> {
                Map<String, Order> byId = new LinkedHashMap<>();
                for (Order order : in.getList("orders", Order.class)) {
                  byId.putIfAbsent(order.id(), order);
                }
                return new ArrayList<>(byId.values());
              })
          .build();

  // tag::config[]
  /** The config of read_orders; its schema is derived from the record. */
  public record ReadOrdersConfig(
      @ConfigDescription("How many orders to read.") int limit,
      @ConfigDefault("[\"north\", \"south\", \"east\"]") List<String> regions) {}

  static final OpDefinition READ_ORDERS =
      OpDefinition.builder("read_orders")
          .config(ReadOrdersConfig.class)
          .output(ORDERS)
          .compute(
              (ctx, in) -> {
                ReadOrdersConfig config = ctx.config(ReadOrdersConfig.class);
                return SAMPLE.stream()
                    .filter(o -> config.regions().contains(o.region()))
                    .limit(config.limit())
                    .toList();
              })
          .build();
  // end::config[]

  // tag::resource[]
  static final ResourceDefinition<Warehouse> WAREHOUSE =
      ResourceDefinition.builder(ctx -> new Warehouse(ctx.config(WarehouseConfig.class)))
          .description("The analytics warehouse client.")
          .config(WarehouseConfig.class)
          .teardown(Warehouse::close)
          .build();

  static final OpDefinition LOAD_ORDERS =
      OpDefinition.builder("load_orders")
          .input("orders", ORDERS)
          .output(Types.INT)
          .requiredResources("warehouse")
          .compute(
              (ctx, in) -> {
                Warehouse warehouse = ctx.resource("warehouse", Warehouse.class);
                List<Order> orders = in.getList("orders", Order.class);
                orders.forEach(o -> warehouse.write("orders", o.id() + "," + o.amount()));
                ctx.logEvent(
                    AssetMaterialization.of(
                        AssetKey.of("analytics", "orders"), Metadata.of("rows", orders.size())));
                return orders.size();
              })
          .build();
  // end::resource[]

  // tag::graph[]
  static final GraphDefinition CLEAN =
      GraphDefinition.builder("clean")
          .description("Removes duplicate and cancelled orders.")
          .compose(
              g -> {
                var orders = g.input(In.of("orders", ORDERS));
                var deduped = g.add(DEDUPE).in("orders", orders);
                var paid = g.add(DROP_CANCELLED).in("orders", deduped.out());
                g.output("result", paid.out());
              })
          .build();

  static final GraphDefinition DAILY_ORDERS =
      GraphDefinition.builder("daily_orders")
          .compose(
              g -> {
                var raw = g.add(READ_ORDERS);
                var clean = g.add(CLEAN).in("orders", raw.out());
                g.add(LOAD_ORDERS).in("orders", clean.out());
              })
          .build();

  // end::graph[]

  // tag::job[]
  static JobDefinition dailyOrdersJob() {
    return JobDefinition.builder("daily_orders_job", DAILY_ORDERS)
        .description("Loads the day's paid orders into the warehouse.")
        .resource("warehouse", WAREHOUSE)
        .config(RunConfig.builder().opConfig("read_orders", Map.of("limit", 100)).build())
        .tag("team", "analytics")
        .executor(ExecutorConfig.multiThread(2))
        .opRetryPolicy(RetryPolicy.of(1))
        .build();
  }
  // end::job[]
}
