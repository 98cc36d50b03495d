package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.READ_ORDERS;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Runs the snippet of the "Dynamic outputs" section of {@code docs/concepts.md}. */
class DynamicDocTest {

  // tag::dynamic[]
  static final OpDefinition SPLIT_BY_REGION =
      OpDefinition.builder("split_by_region")
          .input("orders", ORDERS)
          .output(Out.dynamic("regions", ORDERS))
          .compute(
              (ctx, in) -> {
                Map<String, List<Order>> byRegion = new TreeMap<>();
                for (Order order : in.getList("orders", Order.class)) {
                  byRegion.computeIfAbsent(order.region(), r -> new ArrayList<>()).add(order);
                }
                DynamicOutputs.Builder out = DynamicOutputs.builder();
                byRegion.forEach(out::add); // the region is the mapping key
                return out.build();
              })
          .build();

  static final OpDefinition REGION_TOTAL =
      OpDefinition.builder("region_total")
          .input("orders", ORDERS)
          .output(Types.DOUBLE)
          .compute(
              (ctx, in) -> {
                ctx.log().info("Summing region " + ctx.mappingKey().orElseThrow());
                return in.getList("orders", Order.class).stream().mapToDouble(Order::amount).sum();
              })
          .build();

  static final OpDefinition GRAND_TOTAL =
      OpDefinition.builder("grand_total")
          .input("totals", Types.list(Types.DOUBLE))
          .output(Types.DOUBLE)
          .compute(
              (ctx, in) -> in.getList("totals", Double.class).stream().mapToDouble(d -> d).sum())
          .build();

  static final GraphDefinition REGION_TOTALS =
      GraphDefinition.builder("region_totals")
          .compose(
              g -> {
                var orders = g.add(READ_ORDERS);
                var regions = g.add(SPLIT_BY_REGION).in("orders", orders.out());
                var totals = g.add(REGION_TOTAL).in("orders", regions.out("regions")); // map
                g.add(GRAND_TOTAL).in("totals", totals.out().collect()); // collect
              })
          .build();

  // end::dynamic[]

  static JobDefinition regionTotalsJob() {
    return JobDefinition.builder("region_totals_job", REGION_TOTALS)
        .config(RunConfig.builder().opConfig("read_orders", Map.of("limit", 100)).build())
        .build();
  }

  @Test
  void shouldRunOneMappedStepPerRegionAndCollectTheirTotals() {
    ExecutionResult result = JobExecution.of(regionTotalsJob()).execute();

    RunAssertions.assertThat(result).succeeded().outputEquals("grand_total", 337.5);
    assertThat(result.stepKeysWith(STEP_SUCCESS))
        .containsExactly(
            "read_orders",
            "split_by_region",
            "region_total[east]",
            "region_total[north]",
            "region_total[south]",
            "grand_total");
    assertThat(result.outputFor("region_total[north]")).isEqualTo(135.5);
  }
}
