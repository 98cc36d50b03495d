package io.pipewright.webserver.graphql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a GraphQL response as JSON. A response is maps, lists, strings, numbers, booleans and
 * nulls (graphql-java's {@code toSpecification()}): those are written straight to Jackson's
 * generator, without the mapper's serializer lookup per value, which cost about a sixth of a page
 * of runs. Anything else (an extension's value) is written by the mapper, as before.
 */
final class ResultJson {

  private ResultJson() {}

  /**
   * Writes a value as JSON bytes.
   *
   * @param json the mapper: its generator settings, and its serializers for values of other types
   * @param value the response
   * @return UTF-8 JSON
   * @throws IOException when a value of another type cannot be written
   */
  static byte[] write(ObjectMapper json, Object value) throws IOException {
    try (ByteArrayBuilder out = new ByteArrayBuilder()) {
      // The mapper's generator: its settings (escapes, pretty printing) apply as before.
      try (JsonGenerator g = json.createGenerator(out)) {
        writeValue(json, g, value);
      }
      return out.toByteArray();
    }
  }

  /**
   * Writes one value of a response (or a scalar's serialized value) to a generator.
   *
   * @param json the mapper, for values of other types
   * @param g where to write
   * @param value the value
   * @throws IOException when the value cannot be written
   */
  static void writeValue(ObjectMapper json, JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(json, g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(json, g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else {
      json.writeValue(g, value);
    }
  }
}
