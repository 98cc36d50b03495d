package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dagster's free-form JSON scalars: {@code RunConfigData} (a run config: an object, or a string
 * holding one) and {@code GenericScalar} (any JSON value). Values pass through as Java's JSON tree:
 * maps, lists, strings, numbers, booleans and null.
 */
final class JsonScalars {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code RunConfigData}: accepts an object, or a string holding one as JSON. */
  static final GraphQLScalarType RUN_CONFIG_DATA =
      GraphQLScalarType.newScalar()
          .name("RunConfigData")
          .description("A run config: a JSON object, or a string holding one.")
          .coercing(new JsonCoercing(true))
          .build();

  /** {@code GenericScalar}: any JSON value. */
  static final GraphQLScalarType GENERIC_SCALAR =
      GraphQLScalarType.newScalar()
          .name("GenericScalar")
          .description("Any JSON value.")
          .coercing(new JsonCoercing(false))
          .build();

  private JsonScalars() {}

  /** The coercing of both scalars; {@code parseStrings} makes a string input a JSON document. */
  private static final class JsonCoercing implements Coercing<Object, Object> {

    private final boolean parseStrings;

    JsonCoercing(boolean parseStrings) {
      this.parseStrings = parseStrings;
    }

    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      return value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      if (parseStrings && input instanceof String text) {
        try {
          return parseJson(text);
        } catch (IllegalArgumentException e) {
          throw new CoercingParseValueException(e.getMessage());
        }
      }
      return input;
    }

    @Override
    public Object parseLiteral(
        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      Object value = literal(input, variables);
      if (parseStrings && value instanceof String text) {
        try {
          return parseJson(text);
        } catch (IllegalArgumentException e) {
          // A literal's coercion error must be this type: validation reports it as a GraphQL error.
          throw new CoercingParseLiteralException(e.getMessage());
        }
      }
      return value;
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
      return toLiteral(input);
    }

    private static Object parseJson(String text) {
      if (text.isBlank()) {
        return new LinkedHashMap<String, Object>();
      }
      try {
        return JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "runConfigData is a string that is not JSON ("
                + e.getOriginalMessage()
                + "); send the run config as a JSON object, or as a string holding one (YAML"
                + " strings are not supported)");
      }
    }

    private static Object literal(Value<?> value, CoercedVariables variables) {
      if (value instanceof NullValue) {
        return null;
      }
      if (value instanceof StringValue s) {
        return s.getValue();
      }
      if (value instanceof BooleanValue b) {
        return b.isValue();
      }
      if (value instanceof IntValue i) {
        BigInteger big = i.getValue();
        return big.bitLength() < Long.SIZE ? (Object) big.longValue() : new BigDecimal(big);
      }
      if (value instanceof FloatValue f) {
        return f.getValue();
      }
      if (value instanceof EnumValue e) {
        return e.getName();
      }
      if (value instanceof VariableReference ref) {
        return variables.get(ref.getName());
      }
      if (value instanceof ArrayValue array) {
        List<Object> list = new ArrayList<>();
        for (Value<?> item : array.getValues()) {
          list.add(literal(item, variables));
        }
        return list;
      }
      if (value instanceof ObjectValue object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (ObjectField field : object.getObjectFields()) {
          map.put(field.getName(), literal(field.getValue(), variables));
        }
        return map;
      }
      throw new CoercingParseLiteralException("Unexpected JSON literal: " + value);
    }

    private static Value<?> toLiteral(Object input) {
      if (input == null) {
        return NullValue.of();
      }
      if (input instanceof String s) {
        return StringValue.of(s);
      }
      if (input instanceof Boolean b) {
        return BooleanValue.of(b);
      }
      if (input instanceof Integer || input instanceof Long || input instanceof BigInteger) {
        return IntValue.of(new BigInteger(input.toString()).intValue());
      }
      if (input instanceof Number n) {
        return FloatValue.of(n.doubleValue());
      }
      if (input instanceof List<?> list) {
        List<Value> values = new ArrayList<>();
        for (Object item : list) {
          values.add(toLiteral(item));
        }
        return ArrayValue.newArrayValue().values(values).build();
      }
      if (input instanceof Map<?, ?> map) {
        List<ObjectField> fields = new ArrayList<>();
        map.forEach((k, v) -> fields.add(new ObjectField(String.valueOf(k), toLiteral(v))));
        return ObjectValue.newObjectValue().objectFields(fields).build();
      }
      return StringValue.of(input.toString());
    }
  }
}
