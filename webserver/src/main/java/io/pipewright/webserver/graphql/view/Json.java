package io.pipewright.webserver.graphql.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes user JSON (config values, run configs) as text, for the API's string fields. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Writes a JSON tree (maps, lists, strings, numbers, booleans, null) as compact JSON.
   *
   * @param value the tree
   * @return the text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON value: " + value, e);
    }
  }
}
