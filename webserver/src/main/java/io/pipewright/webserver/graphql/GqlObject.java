package io.pipewright.webserver.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A value of a GraphQL object type: its type name (what {@code __typename} answers, and how unions
 * and interfaces resolve) and its fields, each a value or a {@link Field} computed only when a
 * query selects it (a run's events, a job's runs).
 *
 * <p>Views build these from core's records; the default data fetcher reads them. Plain maps and
 * lambdas instead of one Java class per GraphQL type: no reflection (native images), and the
 * schema, not Java classes, is the single definition of the API's shape.
 */
public final class GqlObject {

  /**
   * A field computed when selected.
   *
   * <p>It receives the field's arguments through the environment.
   */
  @FunctionalInterface
  public interface Field {

    /**
     * Computes the field's value.
     *
     * @param env the field's selection and arguments
     * @return the value: a scalar, a {@link GqlObject}, a list of them, or null
     * @throws Exception when it cannot be computed (a GraphQL error for that field)
     */
    Object resolve(DataFetchingEnvironment env) throws Exception;
  }

  /**
   * An object's fields computed on each selection from what the view holds, instead of a map set
   * field by field: a view read by the thousand (a page of runs) then costs one object, not a map
   * of forty entries, most of which no query selects.
   */
  @FunctionalInterface
  public interface Fields {

    /**
     * Returns a field's value.
     *
     * @param field the field's name in the schema
     * @return the value (as for {@link #put}), a {@link #lazyValue} for a field that needs its
     *     selection, or null (also for a field the object does not have)
     */
    Object value(String field);
  }

  /** Marks a field value as computed on selection. */
  private record Lazy(Field field) {}

  /** Marks a field value as computed on selection, without arguments. */
  private record Later(Supplier<Object> value) {}

  private final String typeName;
  private final Map<String, Object> values;
  private final Fields fields;

  private GqlObject(String typeName, Fields fields) {
    this.typeName = typeName;
    this.fields = fields;
    this.values = fields == null ? new HashMap<>() : Map.of();
  }

  /**
   * Starts an object of a type.
   *
   * @param typeName the GraphQL object type's name
   * @return the object, without fields
   */
  public static GqlObject of(String typeName) {
    return new GqlObject(typeName, null);
  }

  /**
   * An object whose fields are computed when read; it cannot be {@link #put} to.
   *
   * @param typeName the GraphQL object type's name
   * @param fields answers each field
   * @return the object
   */
  public static GqlObject of(String typeName, Fields fields) {
    return new GqlObject(typeName, fields);
  }

  /**
   * A value for {@link Fields} of a field computed with its selection (as {@link #lazy}).
   *
   * @param computation computes the value
   * @return the marked value
   */
  public static Object lazyValue(Field computation) {
    return new Lazy(computation);
  }

  /**
   * Sets a field's value.
   *
   * @param field the field's name in the schema
   * @param value the value (scalar, enum name, {@link GqlObject}, list of them) or null
   * @return this object
   */
  public GqlObject put(String field, Object value) {
    values.put(field, value);
    return this;
  }

  /**
   * Sets a field computed only when a query selects it.
   *
   * @param field the field's name in the schema
   * @param computation computes the value
   * @return this object
   */
  public GqlObject lazy(String field, Field computation) {
    values.put(field, new Lazy(computation));
    return this;
  }

  /**
   * Sets a field computed only when a query selects it, from nothing but what the view holds: it
   * costs no selection environment (unlike {@link #lazy}), so that a value few queries ask for (a
   * run's config as YAML, its origin) costs nothing on a page of runs that does not.
   *
   * @param field the field's name in the schema
   * @param value computes the value
   * @return this object
   */
  public GqlObject later(String field, Supplier<Object> value) {
    values.put(field, new Later(value));
    return this;
  }

  /**
   * Returns the GraphQL type's name.
   *
   * @return the type name
   */
  public String typeName() {
    return typeName;
  }

  /**
   * Returns a field's value as set, without computing lazy fields (for tests and views).
   *
   * @param field the field's name
   * @return the value (computed when set with {@link #later}), or null when unset or lazy
   */
  public Object peek(String field) {
    Object value = raw(field);
    if (value instanceof Later later) {
      return later.value().get();
    }
    return value instanceof Lazy ? null : value;
  }

  /**
   * Resolves a field for a query.
   *
   * @param field the field's name in the schema
   * @param env the selection
   * @return the value, computed if lazy; null when the field is not set
   * @throws Exception from a lazy field
   */
  Object resolve(String field, DataFetchingEnvironment env) throws Exception {
    Object value = raw(field);
    if (value instanceof Later later) {
      return later.value().get();
    }
    return value instanceof Lazy lazy ? lazy.field().resolve(env) : value;
  }

  /**
   * Resolves a field for a query, building the selection only for a lazy field (graphql-java's
   * light data fetcher).
   *
   * @param field the field's name in the schema
   * @param env supplies the selection
   * @return the value, computed if lazy; null when the field is not set
   * @throws Exception from a lazy field
   */
  Object resolve(String field, Supplier<DataFetchingEnvironment> env) throws Exception {
    Object value = raw(field);
    if (value instanceof Later later) {
      return later.value().get();
    }
    return value instanceof Lazy lazy ? lazy.field().resolve(env.get()) : value;
  }

  /**
   * Returns a field's value for the fast path, a {@link #later} one computed, without building a
   * selection: most fields are plain values, and graphql-java's environment (or even a supplier of
   * it per field) costs more than reading them (a page of 1,000 events has thousands of fields). A
   * lazy field answers a marker that {@link #needsSelection} recognizes and {@link #select}
   * computes.
   *
   * @param field the field's name in the schema
   * @return the value, or the marker of a lazy field; null when the field is not set
   */
  Object valueOrLazy(String field) {
    Object value = raw(field);
    return value instanceof Later later ? later.value().get() : value;
  }

  /**
   * Tells whether a value of {@link #valueOrLazy} is a lazy field's marker.
   *
   * @param value the value
   * @return whether {@link #select} must compute it
   */
  static boolean needsSelection(Object value) {
    return value instanceof Lazy;
  }

  /**
   * Computes a lazy field.
   *
   * @param lazy the marker {@link #valueOrLazy} answered
   * @param env the field's selection
   * @return the value
   * @throws Exception from the field
   */
  static Object select(Object lazy, DataFetchingEnvironment env) throws Exception {
    return ((Lazy) lazy).field().resolve(env);
  }

  private Object raw(String field) {
    return fields == null ? values.get(field) : fields.value(field);
  }

  @Override
  public String toString() {
    return typeName + (fields == null ? values.keySet() : "(computed)");
  }
}
