package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.io.SerializedString;
import graphql.execution.MergedField;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import java.util.Map;

/**
 * The fast path's compiled form of a query ({@link QueryCompiler}): for each selection set and
 * object type, the fields to write in order (after merging fragments and applying {@code
 * include}/{@code skip}), and for each field how to write its value. Immutable once built.
 */
final class QueryPlan {

  private QueryPlan() {}

  /**
   * Thrown when the fast path meets what it does not support; the request then runs through
   * graphql-java. Without a stack: it is control flow, not a failure.
   */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The fields of one selection set on one object type, in response order.
   *
   * @param type the object type
   * @param fields the fields
   * @param typeName the type's name as a JSON string, serialized once ({@code __typename})
   */
  record Selection(GraphQLObjectType type, FieldPlan[] fields, SerializedString typeName) {

    Selection(GraphQLObjectType type, FieldPlan[] fields) {
      this(type, fields, new SerializedString(type.getName()));
    }
  }

  /**
   * One response key.
   *
   * @param key the response key (alias or name), serialized once
   * @param name the field's name in the schema
   * @param typename whether it is {@code __typename}
   * @param definition the field's definition (null for {@code __typename})
   * @param merged the field's nodes in the document (for the fetchers' environment)
   * @param fetcher the root field's data fetcher (null below the root)
   * @param output how its value is written (null for {@code __typename})
   */
  record FieldPlan(
      SerializedString key,
      String name,
      boolean typename,
      GraphQLFieldDefinition definition,
      MergedField merged,
      DataFetcher<?> fetcher,
      Output output) {}

  /** How a value of a type is written. */
  sealed interface Output permits NonNull, ListOf, Leaf, EnumLeaf, ObjectOut, AbstractOut {}

  /** A non-null type: a null value is not supported (graphql-java reports an error). */
  record NonNull(Output inner) implements Output {}

  /** A list. */
  record ListOf(Output inner) implements Output {}

  /** The built-in scalars that are written without their coercing, for the values they take. */
  enum ScalarKind {
    STRING,
    INT,
    BOOLEAN,
    /** A finite {@code Double} is written as is (graphql-java's coercing answers it unchanged). */
    FLOAT,
    OTHER
  }

  /** A scalar: written through its coercing, like graphql-java. */
  record Leaf(GraphQLScalarType type, ScalarKind kind) implements Output {}

  /**
   * An enum; {@code names} are its values' names whose values are the names themselves, each with
   * its JSON string serialized once (a page of events writes two enums per event).
   */
  record EnumLeaf(GraphQLEnumType type, Map<String, SerializedString> names) implements Output {}

  /** An object type's selection. */
  record ObjectOut(Selection selection) implements Output {}

  /** An interface or union: the selection for each possible type, by its name. */
  record AbstractOut(Map<String, Selection> byType) implements Output {}
}
