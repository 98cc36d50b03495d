package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.Json;
import java.util.Objects;

/**
 * Converts between config trees, JSON text and the user's config records.
 *
 * <p>One shared, safely configured Jackson mapper does the work: no polymorphic typing, Java 8
 * ({@code Optional}) and {@code java.time} support. In a native image, config records must be
 * registered for reflection, since Jackson reads their components and calls their constructors
 * reflectively; the code-location server does this at build time.
 */
public final class ConfigMapper {

  private ConfigMapper() {}

  /**
   * Converts a validated config tree into an instance of {@code type}, usually a record.
   *
   * @param tree a plain tree that passed {@link ConfigValidator#validate}, with defaults filled in
   *     and env references resolved
   * @param type the target type
   * @param <T> the target type
   * @return the converted value
   * @throws IllegalArgumentException if the tree does not fit the type, naming where
   */
  public static <T> T convert(Object tree, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Json.convert(tree, type);
  }

  /**
   * Converts a value, such as a config record, into a plain tree of maps, lists and scalars.
   *
   * @param value the value
   * @return the tree; null for null
   * @throws IllegalArgumentException if the value cannot be represented as JSON
   */
  public static Object toTree(Object value) {
    return value == null ? null : Json.toTree(value, "config");
  }

  /**
   * Writes a tree (or a record) as compact JSON.
   *
   * @param tree the tree
   * @return the JSON text
   */
  public static String toJson(Object tree) {
    return Json.write(tree);
  }

  /**
   * Parses JSON text into a plain tree.
   *
   * @param json the JSON text
   * @return the tree: maps, lists, strings, numbers, booleans and nulls
   * @throws IllegalArgumentException if the text is not valid JSON; the message names the line and
   *     column
   */
  public static Object fromJson(String json) {
    return Json.parse(json);
  }
}
