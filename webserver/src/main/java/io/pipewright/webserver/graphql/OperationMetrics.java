package io.pipewright.webserver.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names each request's operation for the latency metric, and refuses mutations sent with GET.
 *
 * <p>The metric is {@code pipewright.graphql.requests} (Prometheus: {@code
 * pipewright_graphql_requests_seconds}), tagged with the operation (its name, or the root fields of
 * an anonymous one), its type and the outcome. Operation names are chosen by clients, so the number
 * of distinct names is capped; later ones are counted as {@code other}.
 */
final class OperationMetrics extends SimplePerformantInstrumentation {

  /** Context key: the operation's label. */
  static final String OPERATION = "pipewright.operation";

  /** Context key: query or mutation. */
  static final String TYPE = "pipewright.operationType";

  /** Context key: set when the request came with GET, where mutations are refused. */
  static final String VIA_GET = "pipewright.viaGet";

  static final int MAX_OPERATIONS = 200;

  private final MeterRegistry registry;
  private final Set<String> operations = ConcurrentHashMap.newKeySet();
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  /** A timer's tags. */
  private record TimerKey(String operation, String type, boolean failed) {}

  OperationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
    GraphQLContext context = parameters.getExecutionContext().getGraphQLContext();
    context.put(OPERATION, label(operation));
    context.put(TYPE, operation.getOperation().name().toLowerCase(java.util.Locale.ROOT));
    if (operation.getOperation() == OperationDefinition.Operation.MUTATION
        && Boolean.TRUE.equals(context.get(VIA_GET))) {
      throw new AbortExecutionException(
          "Mutations must be sent with POST; GET may only carry queries");
    }
    return super.beginExecuteOperation(parameters, state);
  }

  /** Records one request. */
  void record(GraphQLContext context, long nanos, boolean failed) {
    record(
        context.getOrDefault(OPERATION, "invalid"),
        context.getOrDefault(TYPE, "unknown"),
        nanos,
        failed);
  }

  /** Records one request of an operation labelled already (the fast path's). */
  void record(String label, String type, long nanos, boolean failed) {
    String operation = label;
    if (!operations.contains(operation)) {
      if (operations.size() >= MAX_OPERATIONS) {
        operation = "other";
      } else {
        operations.add(operation);
      }
    }
    // The timer is looked up once per key: building and registering it per request (its id, tags
    // and histogram configuration) cost as much as a small query.
    timers
        .computeIfAbsent(
            new TimerKey(operation, type, failed),
            key ->
                Timer.builder("pipewright.graphql.requests")
                    .description("GraphQL requests by operation: latency and count")
                    .tag("operation", key.operation())
                    .tag("type", key.type())
                    .tag("outcome", key.failed() ? "error" : "success")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The operation's label: its name, or the root fields of an anonymous one. */
  static String label(OperationDefinition operation) {
    if (operation.getName() != null && !operation.getName().isBlank()) {
      return operation.getName();
    }
    List<String> fields = new ArrayList<>();
    for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
      if (selection instanceof Field field) {
        fields.add(field.getName());
      }
    }
    return fields.isEmpty() ? "anonymous" : String.join(",", fields);
  }
}
