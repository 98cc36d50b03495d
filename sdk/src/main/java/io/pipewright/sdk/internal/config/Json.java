package io.pipewright.sdk.internal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson mapper of the config system. It is configured once and never changed, so it is
 * safe to share between threads.
 *
 * <p>Safety: default typing stays off (no class names are ever read from config, so config cannot
 * make Jackson instantiate arbitrary classes). Unknown properties are ignored on conversion because
 * the tree has already been validated against the schema derived from the same record.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /**
   * Indented output written as people write JSON: {@code "key": value}, not {@code "key" : value}.
   */
  private static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private Json() {}

  /** Returns the shared mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses JSON text into a plain tree, with a message naming line and column on error. */
  public static Object parse(String json) {
    if (json == null) {
      throw new IllegalArgumentException("Malformed JSON: the text is null");
    }
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(malformed(e), e);
    }
  }

  private static String malformed(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return "Malformed JSON" + where + ": " + e.getOriginalMessage();
  }

  /** Writes a tree as compact JSON. */
  public static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot write config as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes a tree as indented JSON. */
  public static String writePretty(Object tree) {
    try {
      return PRETTY.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot write config as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts an object (a record, an enum, a bean) into a plain tree. */
  public static Object toTree(Object value, String where) {
    try {
      return MAPPER.convertValue(value, Object.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + ": cannot turn a "
              + value.getClass().getName()
              + " into a config tree; use records, maps, lists, strings, numbers and booleans ("
              + originalMessage(e)
              + ")",
          e);
    }
  }

  /** Converts a validated plain tree into an instance of {@code type}. */
  public static <T> T convert(Object tree, Class<T> type) {
    try {
      return MAPPER.convertValue(tree, type);
    } catch (IllegalArgumentException e) {
      String at = "";
      if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        at = " at '" + jsonPath(m) + "'";
      }
      throw new IllegalArgumentException(
          "Cannot convert config to " + type.getName() + at + ": " + originalMessage(e), e);
    }
  }

  private static String jsonPath(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String originalMessage(IllegalArgumentException e) {
    if (e.getCause() instanceof JsonProcessingException p) {
      return p.getOriginalMessage();
    }
    return e.getMessage();
  }
}
