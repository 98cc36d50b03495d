package io.pipewright.sdk.internal.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders values for humans: log lines, error messages and metadata displays. Every method caps its
 * output so that one huge value cannot flood a log line.
 */
public final class Texts {

  /** What a truncated rendering ends with. ASCII, because logs end up in terminals of all kinds. */
  public static final String ELLIPSIS = "...";

  private Texts() {}

  /**
   * Shortens {@code text} to at most {@code max} characters, ending it with {@link #ELLIPSIS} when
   * it was cut.
   *
   * @param text the text, may be null (rendered as {@code null})
   * @param max the maximum length of the result, at least 4
   * @return the text itself when short enough, else its abbreviation
   */
  public static String abbreviate(String text, int max) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= max) {
      return text;
    }
    int cut = Math.max(1, max - ELLIPSIS.length());
    // Never split a surrogate pair: half an emoji renders as garbage.
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + ELLIPSIS;
  }

  /**
   * Returns the first line of {@code text}, with {@link #ELLIPSIS} appended when more lines
   * followed.
   *
   * @param text the text, may be null (rendered as {@code null})
   * @return the first line
   */
  public static String firstLine(String text) {
    if (text == null) {
      return "null";
    }
    int newline = text.indexOf('\n');
    if (newline < 0) {
      return text;
    }
    int end = newline > 0 && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
    boolean more = newline < text.length() - 1;
    return more ? text.substring(0, end) + ELLIPSIS : text.substring(0, end);
  }

  /**
   * Makes {@code text} fit on one line by writing line breaks and tabs as the escapes {@code \n},
   * {@code \r} and {@code \t}.
   *
   * @param text the text, may be null (rendered as {@code null})
   * @return the single-line text; the same instance when nothing needed escaping
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "null";
    }
    int i = 0;
    while (i < text.length() && !isLineControl(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isLineControl(char c) {
    return c == '\n' || c == '\r' || c == '\t';
  }

  /**
   * Renders an arbitrary value in at most {@code max} characters: strings in double quotes, other
   * values by {@code toString()}. A {@code toString()} that throws does not escape: the rendering
   * then names the class instead.
   *
   * @param value the value, may be null
   * @param max the maximum length of the result
   * @return a short rendering
   */
  public static String renderValue(Object value, int max) {
    if (value instanceof CharSequence) {
      return '"' + abbreviate(value.toString(), Math.max(4, max - 2)) + '"';
    }
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException e) {
      // User toString() methods do fail; an error message must never fail with them.
      text =
          "<" + value.getClass().getName() + ", toString() threw " + e.getClass().getName() + ">";
    }
    return abbreviate(text, max);
  }

  /**
   * Renders a plain JSON tree (maps with string keys, lists, strings, numbers, booleans and null)
   * as compact JSON of at most {@code max} characters.
   *
   * @param tree the JSON tree
   * @param max the maximum length of the result
   * @return compact JSON, abbreviated when too long
   */
  public static String compactJson(Object tree, int max) {
    StringBuilder out = new StringBuilder(Math.min(max + 16, 256));
    // Stop walking once over budget: a million-element list must not be rendered in full.
    appendJson(out, tree, max + 1);
    return abbreviate(out.toString(), max);
  }

  private static void appendJson(StringBuilder out, Object value, int budget) {
    if (out.length() > budget) {
      return;
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence) {
      appendJsonString(out, value.toString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (out.length() > budget) {
          return;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        appendJsonString(out, String.valueOf(entry.getKey()));
        out.append(':');
        appendJson(out, entry.getValue(), budget);
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      Iterator<?> it = list.iterator();
      boolean first = true;
      while (it.hasNext()) {
        if (out.length() > budget) {
          return;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        appendJson(out, it.next(), budget);
      }
      out.append(']');
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Number || value instanceof Boolean || value instanceof BigInteger) {
      out.append(value);
    } else {
      appendJsonString(out, String.valueOf(value));
    }
  }

  private static void appendJsonString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
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
}
