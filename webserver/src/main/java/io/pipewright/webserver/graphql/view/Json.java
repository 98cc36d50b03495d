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

  /**
   * Reads a JSON list of strings, such as an asset's id.
   *
   * @param text the text
   * @return the strings
   * @throws IllegalArgumentException when the text is not a JSON list of strings
   */
  public static java.util.List<String> readStrings(String text) {
    try {
      String[] strings = MAPPER.readValue(text, String[].class);
      for (String s : strings) {
        if (s == null) {
          throw new IllegalArgumentException("A JSON list of strings holds null: " + text);
        }
      }
      return java.util.List.of(strings);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON list of strings: " + text, e);
    }
  }
}
