package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocOps.SAMPLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.TypeCheck;
import io.pipewright.sdk.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Types" section of {@code docs/concepts.md}. */
class TypesDocTest {

  // tag::types[]
  static final DataType ORDER_IDS = Types.list(Types.STRING); // List[String]
  static final DataType TOTALS = Types.map(Types.DOUBLE); // Map[String, Float]
  static final DataType NOTE = Types.optional(Types.STRING); // Optional[String]: null allowed

  /** A custom type: at least one order, and no negative amount. */
  static final DataType NON_EMPTY_ORDERS =
      DataType.custom(
          "NonEmptyOrders",
          "At least one order, none with a negative amount.",
          List.class,
          value -> {
            if (!(value instanceof List<?> orders) || orders.isEmpty()) {
              return TypeCheck.failure("Expected at least one order");
            }
            if (orders.stream().anyMatch(o -> !(o instanceof Order order) || order.amount() < 0)) {
              return TypeCheck.failure("Every element must be an Order with an amount >= 0");
            }
            return TypeCheck.success(Metadata.of("rows", orders.size()));
          });

  // end::types[]

  static JobDefinition returning(List<Order> orders) {
    OpDefinition read =
        OpDefinition.builder("read").output(NON_EMPTY_ORDERS).compute((ctx, in) -> orders).build();
    return JobDefinition.builder("typed", read).build();
  }

  @Test
  void shouldPassTheCheckWithMetadataWhenTheValueFits() {
    TypeCheck check = NON_EMPTY_ORDERS.check(SAMPLE);

    assertThat(check.passed()).isTrue();
    assertThat(check.metadata()).isEqualTo(Metadata.of("rows", 5));
  }

  @Test
  void shouldCheckBuiltInTypesWhenGivenValues() {
    assertThat(ORDER_IDS.check(List.of("o1", "o2")).passed()).isTrue();
    assertThat(ORDER_IDS.check(List.of("o1", 2)).description())
        .isEqualTo(
            "Element at index 1 of List[String]: Expected String, got java.lang.Integer (2)");
    assertThat(TOTALS.displayName()).isEqualTo("Map[String, Float]");
    assertThat(NOTE.check(null).passed()).isTrue();
  }

  @Test
  void shouldFailTheStepWhenAnOutputFailsItsTypeCheck() {
    ExecutionResult result = JobExecution.of(returning(List.of())).execute();

    RunAssertions.assertThat(result)
        .failed()
        .stepFailedWith("read", "Type check failed for output 'result'")
        .stepFailedWith("read", "Expected at least one order");
  }

  @Test
  void shouldSucceedWhenTheOutputFitsTheCustomType() {
    RunAssertions.assertThat(JobExecution.of(returning(SAMPLE)).execute())
        .succeeded()
        .outputEquals("read", SAMPLE);
  }
}
