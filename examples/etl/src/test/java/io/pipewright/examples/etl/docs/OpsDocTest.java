package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.DROP_CANCELLED;
import static io.pipewright.examples.etl.docs.DocOps.ORDERS;
import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Output;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.testing.OpInvoker;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestOpContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Op" and "Outputs" sections of {@code docs/concepts.md}. */
class OpsDocTest {

  // tag::outputs[]
  static final OpDefinition VALIDATE =
      OpDefinition.builder("validate")
          .input("orders", ORDERS)
          .output(Out.of("valid", ORDERS))
          .output(Out.of("rejected", ORDERS).asOptional().describedAs("Orders with no amount."))
          .compute(
              (ctx, in) -> {
                List<Order> valid = new ArrayList<>();
                List<Order> rejected = new ArrayList<>();
                for (Order order : in.getList("orders", Order.class)) {
                  (order.amount() > 0 ? valid : rejected).add(order);
                }
                Outputs outputs = Outputs.of("valid", valid);
                // Leaving out an optional output skips the steps that read it.
                return rejected.isEmpty() ? outputs : outputs.and("rejected", rejected);
              })
          .build();

  static final OpDefinition REFRESH_DASHBOARD =
      OpDefinition.builder("refresh_dashboard")
          .input(In.nothing("after")) // waits for its upstream, receives no value
          .noOutputs()
          .compute(
              (ctx, in) -> {
                ctx.log().info("Dashboard refreshed");
                return null;
              })
          .build();
  // end::outputs[]

  static final OpDefinition QUARANTINE =
      OpDefinition.builder("quarantine")
          .input("orders", ORDERS)
          .noOutputs()
          .compute((ctx, in) -> null)
          .build();

  static JobDefinition validationJob(List<Order> orders) {
    OpDefinition source =
        OpDefinition.builder("source").output(ORDERS).compute((ctx, in) -> orders).build();
    return JobDefinition.builder(
            "validation",
            GraphDefinition.builder("validation")
                .compose(
                    g -> {
                      var raw = g.add(source);
                      var checked = g.add(VALIDATE).in("orders", raw.out());
                      g.add(QUARANTINE).in("orders", checked.out("rejected"));
                      g.add(REFRESH_DASHBOARD).in("after", checked.out("valid"));
                    })
                .build())
        .build();
  }

  @Test
  void shouldDropCancelledOrdersWhenInvokedDirectly() throws Exception {
    TestOpContext context = TestOpContext.builder().build();

    Output output = (Output) OpInvoker.invoke(DROP_CANCELLED, context, Map.of("orders", SAMPLE));

    assertThat(output.value()).asList().hasSize(4).noneMatch(o -> ((Order) o).id().equals("o3"));
    assertThat(output.metadata()).isEqualTo(Metadata.of("rows", 4));
    assertThat(context.logMessages()).containsExactly("Dropped cancelled orders");
  }

  @Test
  void shouldSkipTheStepsOfAnOptionalOutputWhenTheOpLeavesItOut() {
    ExecutionResult result = JobExecution.of(validationJob(SAMPLE)).execute();

    RunAssertions.assertThat(result)
        .succeeded()
        .stepSkipped("quarantine")
        .stepSucceeded("refresh_dashboard");
  }

  @Test
  void shouldRunTheStepsOfAnOptionalOutputWhenTheOpReturnsIt() {
    List<Order> withBad = new ArrayList<>(SAMPLE);
    withBad.add(new Order("o9", "west", 0.0, "paid"));

    ExecutionResult result = JobExecution.of(validationJob(withBad)).execute();

    RunAssertions.assertThat(result).succeeded().stepSucceeded("quarantine");
    assertThat(result.outputFor("validate", "rejected"))
        .isEqualTo(List.of(new Order("o9", "west", 0.0, "paid")));
  }
}
