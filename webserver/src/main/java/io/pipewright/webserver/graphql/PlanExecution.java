package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherResult;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.pipewright.webserver.graphql.QueryPlan.AbstractOut;
import io.pipewright.webserver.graphql.QueryPlan.EnumLeaf;
import io.pipewright.webserver.graphql.QueryPlan.FieldPlan;
import io.pipewright.webserver.graphql.QueryPlan.Leaf;
import io.pipewright.webserver.graphql.QueryPlan.ListOf;
import io.pipewright.webserver.graphql.QueryPlan.NonNull;
import io.pipewright.webserver.graphql.QueryPlan.ObjectOut;
import io.pipewright.webserver.graphql.QueryPlan.Output;
import io.pipewright.webserver.graphql.QueryPlan.Selection;
import io.pipewright.webserver.graphql.QueryPlan.Unsupported;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * Runs one request's {@link QueryPlan} and writes its response: the root fields through their data
 * fetchers, every other field read from its {@link GqlObject} (the selection environment is built
 * only when a lazy field asks for it), each value written as the plan says.
 *
 * <p>Whatever graphql-java would answer differently from a plain value (a null where the schema
 * says non-null, a value of an unexpected shape, a future, an exception) throws: the caller then
 * drops what was written and runs the request through graphql-java.
 */
final class PlanExecution {

  private final JsonGenerator g;
  private final ObjectMapper json;
  private final GraphQLSchema schema;
  private final GraphQLContext context;
  private final Locale locale;
  private final CoercedVariables variables;
  private final Document document;
  private final OperationDefinition operation;
  private final Map<String, FragmentDefinition> fragments;

  PlanExecution(
      JsonGenerator g,
      ObjectMapper json,
      GraphQLSchema schema,
      GraphQLContext context,
      Locale locale,
      CoercedVariables variables,
      Document document,
      OperationDefinition operation,
      Map<String, FragmentDefinition> fragments) {
    this.g = g;
    this.json = json;
    this.schema = schema;
    this.context = context;
    this.locale = locale;
    this.variables = variables;
    this.document = document;
    this.operation = operation;
    this.fragments = fragments;
  }

  /**
   * Writes the response {@code {"data": {...}}}, as graphql-java's {@code toSpecification()} of a
   * result without errors.
   *
   * @param root the root fields' plan
   * @throws Exception when the fast path cannot answer (then nothing written is to be used)
   */
  void writeResponse(Selection root) throws Exception {
    g.writeStartObject();
    g.writeFieldName("data");
    g.writeStartObject();
    GraphQLObjectType type = root.type();
    for (FieldPlan field : root.fields()) {
      g.writeFieldName(field.key());
      if (field.typename()) {
        g.writeString(type.getName());
        continue;
      }
      Object value = field.fetcher().get(environment(field, null, type));
      complete(field.output(), value);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private void writeObject(Selection selection, GqlObject object) throws Exception {
    g.writeStartObject();
    GraphQLObjectType type = selection.type();
    for (FieldPlan field : selection.fields()) {
      g.writeFieldName(field.key());
      if (field.typename()) {
        g.writeString(selection.typeName());
        continue;
      }
      Object value = object.valueOrLazy(field.name());
      if (GqlObject.needsSelection(value)) {
        value = GqlObject.select(value, environment(field, object, type));
      }
      complete(field.output(), value);
    }
    g.writeEndObject();
  }

  private void complete(Output output, Object value) throws Exception {
    if (!(value instanceof String || value instanceof GqlObject) // the common ones, checked fast
        && (value instanceof CompletionStage<?>
            || value instanceof DataFetcherResult<?>
            || value instanceof Optional<?>
            || value instanceof OptionalInt
            || value instanceof OptionalLong
            || value instanceof OptionalDouble)) {
      // graphql-java unwraps these (and waits for futures); left to it.
      throw new Unsupported("value of " + value.getClass());
    }
    if (output instanceof NonNull nonNull) {
      if (value == null) {
        throw new Unsupported("null in a non-null position");
      }
      complete(nonNull.inner(), value);
      return;
    }
    if (value == null) {
      g.writeNull();
      return;
    }
    if (output instanceof Leaf leaf) {
      writeLeaf(leaf, value);
    } else if (output instanceof EnumLeaf enumLeaf) {
      SerializedString known = value instanceof String name ? enumLeaf.names().get(name) : null;
      if (known != null) {
        g.writeString(known);
      } else {
        writeSerialized(enumLeaf.type().serialize(value, context, locale));
      }
    } else if (output instanceof ListOf list) {
      if (!(value instanceof List<?> items)) {
        throw new Unsupported("list of " + value.getClass());
      }
      g.writeStartArray();
      for (Object item : items) {
        complete(list.inner(), item);
      }
      g.writeEndArray();
    } else if (output instanceof ObjectOut object) {
      if (!(value instanceof GqlObject gql)) {
        throw new Unsupported("object of " + value.getClass());
      }
      writeObject(object.selection(), gql);
    } else {
      AbstractOut abstractOut = (AbstractOut) output;
      if (!(value instanceof GqlObject gql)) {
        throw new Unsupported("object of " + value.getClass());
      }
      Selection selection = abstractOut.byType().get(gql.typeName());
      if (selection == null) {
        throw new Unsupported("type " + gql.typeName() + " is not a possible type");
      }
      writeObject(selection, gql);
    }
  }

  private void writeLeaf(Leaf leaf, Object value) throws IOException {
    switch (leaf.kind()) {
      case STRING -> {
        if (value instanceof String s) {
          g.writeString(s);
          return;
        }
      }
      case INT -> {
        if (value instanceof Integer i) {
          g.writeNumber(i);
          return;
        }
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          g.writeBoolean(b);
          return;
        }
      }
      case FLOAT -> {
        if (value instanceof Double d && Double.isFinite(d)) {
          g.writeNumber(d);
          return;
        }
      }
      default -> {
        // coerced below
      }
    }
    writeSerialized(leaf.type().getCoercing().serialize(value, context, locale));
  }

  private void writeSerialized(Object serialized) throws IOException {
    if (serialized == null) {
      throw new Unsupported("a scalar serialized as null");
    }
    ResultJson.writeValue(json, g, serialized);
  }

  /** The environment graphql-java would give the field's fetcher, as far as fetchers read it. */
  private DataFetchingEnvironment environment(
      FieldPlan field, Object source, GraphQLObjectType parent) {
    Map<String, Object> arguments =
        field.definition().getArguments().isEmpty()
            ? Map.of()
            : ValuesResolver.getArgumentValues(
                schema.getCodeRegistry(),
                field.definition().getArguments(),
                field.merged().getArguments(),
                variables,
                context,
                locale);
    return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
        .source(source)
        .arguments(arguments)
        .fieldDefinition(field.definition())
        .mergedField(field.merged())
        .fieldType(field.definition().getType())
        .parentType(parent)
        .graphQLSchema(schema)
        .graphQLContext(context)
        .locale(locale)
        .fragmentsByName(fragments)
        .operationDefinition(operation)
        .document(document)
        .variables(variables.toMap())
        .build();
  }
}
