package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The GraphQL API: Dagster's schema (the subset Pipewright implements, in {@code
 * graphql/*.graphqls}) wired to the root fields that the {@link RootFields} beans register,
 * executed with graphql-java.
 *
 * <p>Built when the webserver starts, so that a root field without a fetcher (or a fetcher for a
 * field the schema lacks) stops the start-up. Root fields whose type can hold a {@code PythonError}
 * answer every exception as one (errors as data, never an unhandled error); other fields' failures
 * are GraphQL errors on that field.
 */
@Startup
@ApplicationScoped
public class GraphQLEngine {

  /** The schema files, in the order they are read. Listed, not scanned (native images). */
  static final List<String> SCHEMA_FILES =
      List.of(
          "graphql/root.graphqls",
          "graphql/workspace.graphqls",
          "graphql/definitions.graphqls",
          "graphql/runs.graphqls",
          "graphql/events.graphqls",
          "graphql/subscriptions.graphqls",
          "graphql/assets.graphqls",
          "graphql/instance.graphqls",
          "graphql/logs.graphqls",
          "graphql/instigation.graphqls",
          "graphql/backfills.graphqls");

  private static final Logger LOG = Logger.getLogger(GraphQLEngine.class);

  private static final TypeResolver BY_TYPE_NAME =
      env -> {
        Object value = env.getObject();
        if (value instanceof GqlObject object) {
          return env.getSchema().getObjectType(object.typeName());
        }
        throw new IllegalStateException("Cannot resolve the GraphQL type of " + value);
      };

  /**
   * Reads a field of a {@link GqlObject}. A {@link LightDataFetcher}: graphql-java then builds the
   * {@code DataFetchingEnvironment} only when a lazy field asks for it, not for every plain field.
   */
  private static final DataFetcher<Object> FROM_OBJECT =
      new LightDataFetcher<>() {
        @Override
        public Object get(
            GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env)
            throws Exception {
          return source instanceof GqlObject object ? object.resolve(field.getName(), env) : null;
        }

        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
          Object source = env.getSource();
          return source instanceof GqlObject object
              ? object.resolve(env.getFieldDefinition().getName(), env)
              : null;
        }
      };

  /** How often a fast-path answer that differs from graphql-java's is checked again. */
  private static final int VERIFY_ATTEMPTS = 3;

  private final GraphQL graphQL;
  private final GraphQLSchema schema;
  private final OperationMetrics metrics;
  private final FastQueries fast;
  private final boolean fastPath;
  private final boolean verify;

  /**
   * Builds the schema and wires it.
   *
   * @param fields the groups of root fields
   * @param registry where request metrics go
   * @param config whether queries take the fast path
   */
  @Inject
  public GraphQLEngine(Instance<RootFields> fields, MeterRegistry registry, GraphQLConfig config) {
    TypeDefinitionRegistry types = readSchema();
    RootFieldRegistry roots = new RootFieldRegistry();
    for (RootFields group : fields) {
      group.register(roots);
    }
    RuntimeWiring.Builder wiring =
        RuntimeWiring.newRuntimeWiring()
            .wiringFactory(new ObjectWiring())
            .scalar(JsonScalars.RUN_CONFIG_DATA)
            .scalar(JsonScalars.GENERIC_SCALAR);
    List<String> problems = new ArrayList<>();
    for (String root : List.of("Query", "Mutation", "Subscription")) {
      Map<String, DataFetcher> fetchers = wire(types, root, roots.fields(root), problems);
      wiring.type(root, builder -> builder.dataFetchers(fetchers));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The GraphQL schema and its fetchers disagree:\n  - " + String.join("\n  - ", problems));
    }
    this.schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    this.metrics = new OperationMetrics(registry);
    DocumentCache documents = new DocumentCache(256);
    this.graphQL =
        GraphQL.newGraphQL(schema)
            .preparsedDocumentProvider(documents)
            .instrumentation(metrics)
            .build();
    this.fast = new FastQueries(schema, documents, FROM_OBJECT);
    this.fastPath = config.fastPath();
    this.verify = config.fastPathVerify();
  }

  /**
   * Returns the executable schema.
   *
   * @return the schema
   */
  public GraphQLSchema schema() {
    return schema;
  }

  /**
   * Executes one request.
   *
   * @param query the document
   * @param operationName the operation to run, when the document has several; may be null
   * @param variables the variables; may be null
   * @param viaGet whether the request came with GET, which may not carry mutations
   * @return the result in the GraphQL response format ({@code data}, {@code errors})
   */
  public Map<String, Object> execute(
      String query, String operationName, Map<String, Object> variables, boolean viaGet) {
    return run(query, operationName, variables, viaGet).toSpecification();
  }

  /**
   * Executes one request and writes its response as JSON: on the fast path ({@link FastQueries})
   * when it is on and answers the request, through graphql-java otherwise. Both answer the same
   * bytes; with {@code pipewright.graphql.fast-path-verify} every fast answer is checked against
   * graphql-java's.
   *
   * @param json the mapper whose generator writes the response
   * @param query the document
   * @param operationName the operation to run, when the document has several; may be null
   * @param variables the variables; may be null
   * @param viaGet whether the request came with GET, which may not carry mutations
   * @return the response in the GraphQL response format ({@code data}, {@code errors}), as UTF-8
   *     JSON
   * @throws IOException when a value cannot be written as JSON
   */
  public byte[] executeJson(
      ObjectMapper json,
      String query,
      String operationName,
      Map<String, Object> variables,
      boolean viaGet)
      throws IOException {
    if (fastPath) {
      long start = System.nanoTime();
      FastQueries.Answer answer = fast.execute(json, query, operationName, variables, viaGet);
      if (answer != null) {
        metrics.record(answer.operation(), "query", System.nanoTime() - start, false);
        if (verify) {
          verify(json, query, operationName, variables, answer.json());
        }
        return answer.json();
      }
    }
    return ResultJson.write(json, execute(query, operationName, variables, viaGet));
  }

  /** The fast path's count of answered requests and of those it left to graphql-java. */
  long[] fastPathCounts() {
    return new long[] {fast.answered(), fast.declined()};
  }

  /**
   * Checks a fast-path answer against graphql-java's; data may change between the two, so a
   * difference is checked again before it fails the request.
   */
  private void verify(
      ObjectMapper json,
      String query,
      String operationName,
      Map<String, Object> variables,
      byte[] fastJson)
      throws IOException {
    byte[] fastAnswer = fastJson;
    byte[] slowAnswer = null;
    for (int attempt = 0; attempt < VERIFY_ATTEMPTS; attempt++) {
      ExecutionInput input =
          ExecutionInput.newExecutionInput()
              .query(query)
              .operationName(operationName)
              .variables(variables == null ? Map.of() : variables)
              .build();
      slowAnswer = ResultJson.write(json, graphQL.execute(input).toSpecification());
      if (Arrays.equals(fastAnswer, slowAnswer)) {
        return;
      }
      FastQueries.Answer again = fast.execute(json, query, operationName, variables, false);
      fastAnswer = again == null ? new byte[0] : again.json();
    }
    throw new IllegalStateException(
        "The GraphQL fast path answered differently from graphql-java:\n  fast path:    "
            + new String(fastAnswer, StandardCharsets.UTF_8)
            + "\n  graphql-java: "
            + new String(slowAnswer, StandardCharsets.UTF_8));
  }

  /**
   * Executes one request and returns graphql-java's result: for a subscription, its data is a
   * reactive-streams {@code Publisher} of results (the websocket endpoint streams them).
   *
   * @param query the document
   * @param operationName the operation to run; may be null
   * @param variables the variables; may be null
   * @return the result
   */
  public ExecutionResult executeResult(
      String query, String operationName, Map<String, Object> variables) {
    return run(query, operationName, variables, false);
  }

  private ExecutionResult run(
      String query, String operationName, Map<String, Object> variables, boolean viaGet) {
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(query)
            .operationName(operationName)
            .variables(variables == null ? Map.of() : variables)
            .graphQLContext(Map.of(OperationMetrics.VIA_GET, viaGet))
            .build();
    GraphQLContext context = input.getGraphQLContext();
    long start = System.nanoTime();
    ExecutionResult result = graphQL.execute(input);
    metrics.record(context, System.nanoTime() - start, !result.getErrors().isEmpty());
    return result;
  }

  private static TypeDefinitionRegistry readSchema() {
    SchemaParser parser = new SchemaParser();
    TypeDefinitionRegistry types = new TypeDefinitionRegistry();
    ClassLoader loader = GraphQLEngine.class.getClassLoader();
    for (String file : SCHEMA_FILES) {
      try (InputStream in = loader.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("The GraphQL schema file " + file + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          types.merge(parser.parse(reader));
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read the GraphQL schema file " + file, e);
      }
    }
    return types;
  }

  /**
   * Matches a root type's fields with the registered fetchers, and wraps those whose type can hold
   * a {@code PythonError} so that exceptions become data.
   */
  @SuppressWarnings("rawtypes")
  private static Map<String, DataFetcher> wire(
      TypeDefinitionRegistry types,
      String root,
      Map<String, DataFetcher<?>> registered,
      List<String> problems) {
    ObjectTypeDefinition definition = types.getType(root, ObjectTypeDefinition.class).orElseThrow();
    // A schema file may add root fields with "extend type Query", so that each area keeps its
    // root fields next to its types.
    List<FieldDefinition> fields = new ArrayList<>(definition.getFieldDefinitions());
    for (ObjectTypeExtensionDefinition extension :
        types.objectTypeExtensions().getOrDefault(root, List.of())) {
      fields.addAll(extension.getFieldDefinitions());
    }
    Map<String, DataFetcher> fetchers = new LinkedHashMap<>();
    Set<String> unused = new TreeSet<>(registered.keySet());
    for (FieldDefinition field : fields) {
      DataFetcher<?> fetcher = registered.get(field.getName());
      unused.remove(field.getName());
      if (fetcher == null) {
        problems.add(root + "." + field.getName() + " has no fetcher");
        continue;
      }
      boolean errorsAsData = canHoldPythonError(types, field.getType());
      fetchers.put(field.getName(), errorsAsData ? errorsAsData(root, field, fetcher) : fetcher);
    }
    for (String name : unused) {
      problems.add(root + "." + name + " has a fetcher but is not in the schema");
    }
    return fetchers;
  }

  private static boolean canHoldPythonError(TypeDefinitionRegistry types, Type<?> type) {
    Type<?> inner = type;
    while (inner instanceof NonNullType || inner instanceof ListType) {
      inner =
          inner instanceof NonNullType nonNull ? nonNull.getType() : ((ListType) inner).getType();
    }
    String name = ((TypeName) inner).getName();
    return types
        .getType(name, UnionTypeDefinition.class)
        .map(
            union ->
                union.getMemberTypes().stream()
                    .anyMatch(member -> "PythonError".equals(((TypeName) member).getName())))
        .orElse(false);
  }

  private static DataFetcher<Object> errorsAsData(
      String root, FieldDefinition field, DataFetcher<?> fetcher) {
    String where = root + "." + field.getName();
    return (DataFetchingEnvironment env) -> {
      try {
        return fetcher.get(env);
      } catch (BadArgumentException e) {
        return Errors.pythonError(BadArgumentException.class.getName(), e.getMessage());
      } catch (Exception e) {
        // Answered as data, so logged here (and not thrown): the stack is for the operator.
        LOG.errorf(e, "%s failed; answered as a PythonError", where);
        return Errors.pythonError(e);
      }
    };
  }

  /** Wires every object type to read {@link GqlObject}s and every abstract type by type name. */
  private static final class ObjectWiring implements WiringFactory {

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
      return BY_TYPE_NAME;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
      return BY_TYPE_NAME;
    }

    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
      return FROM_OBJECT;
    }
  }
}
