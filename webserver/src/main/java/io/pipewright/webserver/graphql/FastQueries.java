package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import io.pipewright.webserver.graphql.QueryPlan.Selection;
import io.pipewright.webserver.graphql.QueryPlan.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast path for queries: runs a validated query's compiled plan ({@link QueryCompiler}, cached
 * with the document in the {@link DocumentCache}) and writes the JSON response straight from the
 * values the fetchers return, without graphql-java's per-field execution (steps, futures,
 * instrumentation, result maps), which cost most of a page of runs or events.
 *
 * <p>It answers only what it answers exactly as graphql-java does: a query whose every field
 * resolves to a plain value. Anything else (a mutation or subscription, introspection, an invalid
 * document or variables, a field that throws or is null where the schema says non-null, a value of
 * an unexpected shape) answers null, and the caller runs the request through graphql-java: queries
 * have no side effects, and nothing of the attempt was sent.
 *
 * <p>Runs on the request's worker thread, like graphql-java's execution (the fetchers block).
 */
final class FastQueries {

  /** A fast-path answer: the response's JSON and the operation's label for the metrics. */
  record Answer(byte[] json, String operation) {}

  /** Cached in place of a plan: the operation is left to graphql-java. */
  private static final Object UNSUPPORTED = new Object();

  /** Bounds the plans of one operation (one per set of include/skip variable values). */
  private static final int MAX_PLANS_PER_OPERATION = 16;

  /** The plans of one operation, by the values of the variables its directives read. */
  private record OperationPlans(
      OperationDefinition operation,
      Map<String, FragmentDefinition> fragments,
      List<String> conditionVariables,
      String label,
      Map<List<Object>, Object> byConditions) {}

  private final GraphQLSchema schema;
  private final DocumentCache documents;
  private final DataFetcher<?> fromObject;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong declined = new AtomicLong();

  FastQueries(GraphQLSchema schema, DocumentCache documents, DataFetcher<?> fromObject) {
    this.schema = schema;
    this.documents = documents;
    this.fromObject = fromObject;
  }

  /**
   * Answers a request on the fast path.
   *
   * @param json the mapper whose generator writes the response
   * @param query the document
   * @param operationName the operation; may be null
   * @param variables the variables; may be null
   * @param viaGet whether the request came with GET (in the context, as graphql-java's)
   * @return the answer, or null when graphql-java must answer
   */
  Answer execute(
      ObjectMapper json,
      String query,
      String operationName,
      Map<String, Object> variables,
      boolean viaGet) {
    Map<String, Object> raw = variables == null ? Map.of() : variables;
    try {
      Answer answer = answer(json, query, operationName, raw, viaGet);
      (answer == null ? declined : answered).incrementAndGet();
      return answer;
    } catch (Exception e) {
      // Unsupported, or a fetcher's failure: graphql-java answers (and reports it) instead.
      declined.incrementAndGet();
      return null;
    }
  }

  /** How many requests the fast path answered (for tests). */
  long answered() {
    return answered.get();
  }

  /** How many requests it left to graphql-java (for tests). */
  long declined() {
    return declined.get();
  }

  private Answer answer(
      ObjectMapper json,
      String query,
      String operationName,
      Map<String, Object> raw,
      boolean viaGet)
      throws Exception {
    GraphQLContext context =
        GraphQLContext.newContext().of(OperationMetrics.VIA_GET, viaGet).build();
    Locale locale = Locale.getDefault();
    DocumentCache.Cached cached = documents.lookup(query);
    if (cached == null) {
      ExecutionInput input =
          ExecutionInput.newExecutionInput()
              .query(query)
              .operationName(operationName)
              .variables(raw)
              .graphQLContext(Map.of(OperationMetrics.VIA_GET, viaGet))
              .locale(locale)
              .build();
      ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(schema, input);
      if (parsed.isFailure()) {
        return null; // graphql-java reports the errors (and caches them)
      }
      cached = documents.store(query, new PreparsedDocumentEntry(parsed.getDocument()));
    }
    if (cached.entry().hasErrors()) {
      return null;
    }
    Object key = operationName == null ? Unnamed.KEY : operationName;
    Object found = cached.plans().get(key);
    if (found == null) {
      found = operationPlans(cached.entry().getDocument(), operationName);
      cached.plans().put(key, found);
    }
    if (found == UNSUPPORTED) {
      return null;
    }
    OperationPlans plans = (OperationPlans) found;
    CoercedVariables coerced =
        ValuesResolver.coerceVariableValues(
            schema,
            plans.operation().getVariableDefinitions(),
            RawVariables.of(raw),
            context,
            locale);
    List<Object> conditions = new ArrayList<>(plans.conditionVariables().size());
    for (String name : plans.conditionVariables()) {
      conditions.add(coerced.get(name));
    }
    Object plan = plans.byConditions().get(conditions);
    if (plan == null) {
      try {
        plan =
            new QueryCompiler(schema, fromObject, plans.fragments(), coerced.toMap(), context)
                .compileRoot(schema.getQueryType(), plans.operation().getSelectionSet());
      } catch (Unsupported e) {
        plan = UNSUPPORTED;
      }
      if (plans.byConditions().size() < MAX_PLANS_PER_OPERATION) {
        plans.byConditions().put(conditions, plan);
      }
    }
    if (plan == UNSUPPORTED) {
      return null;
    }
    Document document = cached.entry().getDocument();
    try (ByteArrayBuilder out = new ByteArrayBuilder()) {
      try (JsonGenerator g = json.createGenerator(out)) {
        new PlanExecution(
                g,
                json,
                schema,
                context,
                locale,
                coerced,
                document,
                plans.operation(),
                plans.fragments())
            .writeResponse((Selection) plan);
      }
      return new Answer(out.toByteArray(), plans.label());
    }
  }

  /** The key of a document's only operation, asked for without a name. */
  private enum Unnamed {
    KEY
  }

  private static Object operationPlans(Document document, String operationName) {
    OperationDefinition operation = null;
    int operations = 0;
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    List<SelectionSet> selectionSets = new ArrayList<>();
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition candidate) {
        operations++;
        if (operationName == null || operationName.equals(candidate.getName())) {
          operation = operation == null ? candidate : operation;
        }
      } else if (definition instanceof FragmentDefinition fragment) {
        fragments.put(fragment.getName(), fragment);
        selectionSets.add(fragment.getSelectionSet());
      }
    }
    if (operation == null
        || (operationName == null && operations != 1)
        || operation.getOperation() != OperationDefinition.Operation.QUERY) {
      return UNSUPPORTED;
    }
    selectionSets.add(operation.getSelectionSet());
    return new OperationPlans(
        operation,
        Map.copyOf(fragments),
        QueryCompiler.conditionVariables(selectionSets),
        OperationMetrics.label(operation),
        new ConcurrentHashMap<>());
  }
}
