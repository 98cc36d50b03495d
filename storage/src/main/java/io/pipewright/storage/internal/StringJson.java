package io.pipewright.storage.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text for the string lists and string maps stored in text columns (tags, selections, run
 * ids), written and read by hand: a handful of lines instead of a JSON library's reflection, and
 * readable in {@code psql} (castable to {@code jsonb} for ad-hoc queries).
 */
public final class StringJson {

  private StringJson() {}

  /**
   * Writes a JSON array of strings.
   *
   * @param values the strings (not null)
   * @return the JSON text
   */
  public static String array(List<String> values) {
    StringBuilder out = new StringBuilder(values.size() * 16 + 2).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      quote(values.get(i), out);
    }
    return out.append(']').toString();
  }

  /**
   * Writes a JSON object of strings, in the map's order.
   *
   * @param values the entries (not null)
   * @return the JSON text
   */
  public static String object(Map<String, String> values) {
    StringBuilder out = new StringBuilder(values.size() * 32 + 2).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(e.getKey(), out);
      out.append(':');
      quote(e.getValue(), out);
    }
    return out.append('}').toString();
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Reads a JSON array of strings.
   *
   * @param text the JSON text
   * @return the strings, unmodifiable
   * @throws IllegalStateException when the text is not such an array (a corrupt row)
   */
  public static List<String> parseArray(String text) {
    Reader r = new Reader(text);
    List<String> out = new ArrayList<>();
    r.expect('[');
    if (!r.consume(']')) {
      do {
        out.add(r.string());
      } while (r.consume(','));
      r.expect(']');
    }
    r.end();
    return Collections.unmodifiableList(out);
  }

  /**
   * Reads a JSON object of strings, keeping its order.
   *
   * @param text the JSON text
   * @return the entries, unmodifiable
   * @throws IllegalStateException when the text is not such an object (a corrupt row)
   */
  public static Map<String, String> parseObject(String text) {
    Reader r = new Reader(text);
    Map<String, String> out = new LinkedHashMap<>();
    r.expect('{');
    if (!r.consume('}')) {
      do {
        String key = r.string();
        r.expect(':');
        out.put(key, r.string());
      } while (r.consume(','));
      r.expect('}');
    }
    r.end();
    return Collections.unmodifiableMap(out);
  }

  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    boolean consume(char c) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!consume(c)) {
        throw corrupt("'" + c + "'");
      }
    }

    void end() {
      skipSpace();
      if (at != text.length()) {
        throw corrupt("the end");
      }
    }

    String string() {
      expect('"');
      // Most strings (tag keys and values, step keys) have no escapes: one substring, no builder.
      for (int end = at; end < text.length(); end++) {
        char c = text.charAt(end);
        if (c == '"') {
          String plain = text.substring(at, end);
          at = end + 1;
          return plain;
        }
        if (c == '\\') {
          break;
        }
      }
      StringBuilder out = new StringBuilder();
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (at >= text.length()) {
          break;
        }
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw corrupt("four hex digits");
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw corrupt("an escape");
        }
      }
      throw corrupt("a closing quote");
    }

    IllegalStateException corrupt(String expected) {
      return new IllegalStateException(
          "Stored JSON is corrupt: expected "
              + expected
              + " at offset "
              + at
              + " of "
              + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
  }
}
