package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.io.SerializedString;
import graphql.GraphQLContext;
import graphql.execution.MergedField;
import graphql.execution.conditional.ConditionalNodes;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import io.pipewright.webserver.graphql.QueryPlan.AbstractOut;
import io.pipewright.webserver.graphql.QueryPlan.EnumLeaf;
import io.pipewright.webserver.graphql.QueryPlan.FieldPlan;
import io.pipewright.webserver.graphql.QueryPlan.Leaf;
import io.pipewright.webserver.graphql.QueryPlan.ListOf;
import io.pipewright.webserver.graphql.QueryPlan.NonNull;
import io.pipewright.webserver.graphql.QueryPlan.ObjectOut;
import io.pipewright.webserver.graphql.QueryPlan.Output;
import io.pipewright.webserver.graphql.QueryPlan.ScalarKind;
import io.pipewright.webserver.graphql.QueryPlan.Selection;
import io.pipewright.webserver.graphql.QueryPlan.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a validated query into a {@link QueryPlan}: collects each selection set's fields per
 * object type as graphql-java's field collector does (fragments whose type condition applies,
 * {@code include}/{@code skip} evaluated with the request's variables, fields merged by response
 * key in first-seen order), and resolves each field's definition, fetcher and output type once.
 *
 * <p>Throws {@link Unsupported} for what only graphql-java executes: introspection ({@code
 * __schema}, {@code __type}), directives other than {@code include}/{@code skip}, and fields below
 * the root whose fetcher is not the one that reads {@link GqlObject}s.
 */
final class QueryCompiler {

  private static final ConditionalNodes CONDITIONS = new ConditionalNodes();

  private final GraphQLSchema schema;
  private final GraphQLCodeRegistry code;
  private final DataFetcher<?> fromObject;
  private final Map<String, FragmentDefinition> fragments;
  private final Map<String, Object> variables;
  private final GraphQLContext context;

  QueryCompiler(
      GraphQLSchema schema,
      DataFetcher<?> fromObject,
      Map<String, FragmentDefinition> fragments,
      Map<String, Object> variables,
      GraphQLContext context) {
    this.schema = schema;
    this.code = schema.getCodeRegistry();
    this.fromObject = fromObject;
    this.fragments = fragments;
    this.variables = variables;
    this.context = context;
  }

  /**
   * Names the variables that {@code include}/{@code skip} directives read anywhere in a document: a
   * plan holds for one set of their values.
   *
   * @param roots the operation's selection set and the fragments' ones
   * @return the variables' names, in a stable order
   */
  static List<String> conditionVariables(List<SelectionSet> roots) {
    Set<String> names = new LinkedHashSet<>();
    for (SelectionSet root : roots) {
      scan(root, names);
    }
    return List.copyOf(names);
  }

  private static void scan(Node<?> node, Set<String> names) {
    if (node instanceof DirectivesContainer<?> container) {
      for (Directive directive : container.getDirectives()) {
        for (Argument argument : directive.getArguments()) {
          if (argument.getValue() instanceof VariableReference ref) {
            names.add(ref.getName());
          }
        }
      }
    }
    for (Node<?> child : node.getChildren()) {
      if (child instanceof SelectionSet || child instanceof graphql.language.Selection<?>) {
        scan(child, names);
      }
    }
  }

  /**
   * Compiles the root selection set.
   *
   * @param root the root type ({@code Query})
   * @param selectionSet the operation's selection set
   * @return the plan of the root fields
   */
  Selection compileRoot(GraphQLObjectType root, SelectionSet selectionSet) {
    Map<String, List<Field>> collected = new LinkedHashMap<>();
    collect(root, selectionSet, collected, new HashSet<>());
    return build(root, collected, true);
  }

  private Selection compile(GraphQLObjectType type, List<Field> fields) {
    Map<String, List<Field>> collected = new LinkedHashMap<>();
    Set<String> visited = new HashSet<>();
    for (Field field : fields) {
      if (field.getSelectionSet() != null) {
        collect(type, field.getSelectionSet(), collected, visited);
      }
    }
    return build(type, collected, false);
  }

  private Selection build(
      GraphQLObjectType type, Map<String, List<Field>> collected, boolean root) {
    FieldPlan[] plans = new FieldPlan[collected.size()];
    int i = 0;
    for (Map.Entry<String, List<Field>> entry : collected.entrySet()) {
      List<Field> nodes = entry.getValue();
      String name = nodes.get(0).getName();
      SerializedString key = new SerializedString(entry.getKey());
      if ("__typename".equals(name)) {
        plans[i++] = new FieldPlan(key, name, true, null, null, null, null);
        continue;
      }
      if (name.startsWith("__")) {
        throw new Unsupported("introspection field " + name);
      }
      GraphQLFieldDefinition definition = type.getFieldDefinition(name);
      if (definition == null) {
        throw new Unsupported("unknown field " + type.getName() + "." + name);
      }
      DataFetcher<?> fetcher = code.getDataFetcher(type, definition);
      if (!root && fetcher != fromObject) {
        throw new Unsupported("field with its own fetcher " + type.getName() + "." + name);
      }
      MergedField merged = MergedField.newMergedField(nodes).build();
      plans[i++] =
          new FieldPlan(
              key,
              name,
              false,
              definition,
              merged,
              root ? fetcher : null,
              output(definition.getType(), nodes));
    }
    return new Selection(type, plans);
  }

  private Output output(GraphQLOutputType type, List<Field> nodes) {
    if (type instanceof GraphQLNonNull nonNull) {
      return new NonNull(output((GraphQLOutputType) nonNull.getWrappedType(), nodes));
    }
    if (type instanceof GraphQLList list) {
      return new ListOf(output((GraphQLOutputType) list.getWrappedType(), nodes));
    }
    if (type instanceof GraphQLScalarType scalar) {
      ScalarKind kind =
          switch (scalar.getName()) {
            case "String" -> ScalarKind.STRING;
            case "Int" -> ScalarKind.INT;
            case "Boolean" -> ScalarKind.BOOLEAN;
            case "Float" -> ScalarKind.FLOAT;
            default -> ScalarKind.OTHER;
          };
      return new Leaf(scalar, kind);
    }
    if (type instanceof GraphQLEnumType enumType) {
      Map<String, SerializedString> names = new HashMap<>();
      for (GraphQLEnumValueDefinition value : enumType.getValues()) {
        if (value.getName().equals(value.getValue())) {
          names.put(value.getName(), new SerializedString(value.getName()));
        }
      }
      return new EnumLeaf(enumType, Map.copyOf(names));
    }
    if (type instanceof GraphQLObjectType object) {
      return new ObjectOut(compile(object, nodes));
    }
    List<GraphQLObjectType> possible;
    if (type instanceof GraphQLUnionType union) {
      possible = new ArrayList<>();
      for (GraphQLNamedType member : union.getTypes()) {
        possible.add((GraphQLObjectType) member);
      }
    } else if (type instanceof GraphQLInterfaceType face) {
      possible = schema.getImplementations(face);
    } else {
      throw new Unsupported("output type " + type);
    }
    Map<String, Selection> byType = new LinkedHashMap<>();
    for (GraphQLObjectType object : possible) {
      byType.put(object.getName(), compile(object, nodes));
    }
    return new AbstractOut(Map.copyOf(byType));
  }

  /** graphql-java's {@code FieldCollector}, for one object type. */
  private void collect(
      GraphQLObjectType type,
      SelectionSet selectionSet,
      Map<String, List<Field>> collected,
      Set<String> visited) {
    for (graphql.language.Selection<?> selection : selectionSet.getSelections()) {
      if (selection instanceof Field field) {
        if (include(field)) {
          String key = field.getAlias() != null ? field.getAlias() : field.getName();
          collected.computeIfAbsent(key, k -> new ArrayList<>()).add(field);
        }
      } else if (selection instanceof InlineFragment inline) {
        if (include(inline) && applies(type, inline.getTypeCondition())) {
          collect(type, inline.getSelectionSet(), collected, visited);
        }
      } else if (selection instanceof FragmentSpread spread) {
        if (visited.contains(spread.getName()) || !include(spread)) {
          continue;
        }
        visited.add(spread.getName());
        FragmentDefinition fragment = fragments.get(spread.getName());
        if (fragment == null) {
          throw new Unsupported("unknown fragment " + spread.getName());
        }
        if (include(fragment) && applies(type, fragment.getTypeCondition())) {
          collect(type, fragment.getSelectionSet(), collected, visited);
        }
      } else {
        throw new Unsupported("selection " + selection);
      }
    }
  }

  private boolean include(DirectivesContainer<?> node) {
    List<Directive> directives = node.getDirectives();
    if (directives.isEmpty()) {
      return true;
    }
    for (Directive directive : directives) {
      if (!"include".equals(directive.getName()) && !"skip".equals(directive.getName())) {
        throw new Unsupported("directive @" + directive.getName());
      }
    }
    return CONDITIONS.shouldInclude(node, variables, schema, context);
  }

  private boolean applies(GraphQLObjectType type, TypeName condition) {
    if (condition == null || condition.getName().equals(type.getName())) {
      return true;
    }
    GraphQLType conditionType = schema.getType(condition.getName());
    if (conditionType instanceof GraphQLInterfaceType
        || conditionType instanceof GraphQLUnionType) {
      return schema.isPossibleType((GraphQLNamedType) conditionType, type);
    }
    return false;
  }
}
