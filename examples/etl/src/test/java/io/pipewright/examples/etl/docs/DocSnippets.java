package io.pipewright.examples.etl.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the Java code of a Markdown document and tagged regions of test sources identical.
 *
 * <p>A region is the lines between {@code // tag::name[]} and {@code // end::name[]} (the marker
 * lines of regions nested inside are left out), dedented by the indentation its lines share. In the
 * document, every {@code ```java} block is preceded by a {@code <!-- snippet: name -->} line and
 * holds exactly the region of that name. The names make the document updatable: see {@link
 * #update(String, Map)}.
 */
final class DocSnippets {
  private static final Pattern TAG =
      Pattern.compile("^\\s*// (tag|end)::([A-Za-z0-9_-]+)\\[\\]\\s*$");
  private static final Pattern SNIPPET = Pattern.compile("^<!-- snippet: ([A-Za-z0-9_-]+) -->$");
  private static final String JAVA_FENCE = "```java";
  private static final String TEXT_FENCE = "```text";
  private static final String FENCE = "```";

  private DocSnippets() {}

  /** A {@code ```java} block of a document, with the snippet name announced before it (or null). */
  record Block(String name, String code, int line) {}

  /**
   * Reads the tagged regions of every {@code .java} file in a directory.
   *
   * @param dir the directory
   * @return the regions by name, dedented
   * @throws IOException when a file cannot be read
   * @throws IllegalStateException when a tag is opened twice, never closed or closed unopened
   */
  static Map<String, String> regionsIn(Path dir) throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      for (Map.Entry<String, String> e :
          regions(file.getFileName().toString(), Files.readString(file)).entrySet()) {
        if (regions.put(e.getKey(), e.getValue()) != null) {
          throw new IllegalStateException(
              "Snippet '" + e.getKey() + "' is tagged twice; give each region its own name.");
        }
      }
    }
    return regions;
  }

  /**
   * Extracts the tagged regions of one source.
   *
   * @param fileName the file's name, for messages
   * @param source the source text
   * @return the regions by name, dedented, in the order they end
   */
  static Map<String, String> regions(String fileName, String source) {
    Map<String, List<String>> open = new LinkedHashMap<>();
    Map<String, String> done = new LinkedHashMap<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher m = TAG.matcher(line);
      if (m.matches()) {
        String name = m.group(2);
        String where = fileName + ":" + (i + 1);
        if (m.group(1).equals("tag")) {
          if (open.containsKey(name) || done.containsKey(name)) {
            throw new IllegalStateException(where + ": snippet '" + name + "' is tagged twice.");
          }
          open.put(name, new ArrayList<>());
        } else {
          List<String> body = open.remove(name);
          if (body == null) {
            throw new IllegalStateException(
                where + ": end::" + name + "[] has no matching tag::" + name + "[].");
          }
          done.put(name, dedent(body));
        }
        continue;
      }
      for (List<String> body : open.values()) {
        body.add(line);
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalStateException(
          fileName + ": snippets " + open.keySet() + " are never closed; add // end::name[].");
    }
    return done;
  }

  /**
   * Removes the indentation that all non-blank lines share, and blank lines at both ends.
   *
   * @param lines the lines
   * @return the text, lines joined with newlines, without a final newline
   */
  static String dedent(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    int indent = Integer.MAX_VALUE;
    for (String line : lines.subList(from, to)) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(from, to)) {
      out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return String.join("\n", out);
  }

  /**
   * Finds the {@code ```java} blocks of a Markdown document.
   *
   * @param markdown the document
   * @return the blocks, in order
   * @throws IllegalStateException when a block is never closed
   */
  static List<Block> javaBlocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    String announced = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher snippet = SNIPPET.matcher(line.strip());
      if (snippet.matches()) {
        announced = snippet.group(1);
        continue;
      }
      if (line.strip().equals(JAVA_FENCE)) {
        int start = i + 1;
        int end = start;
        while (end < lines.length && !lines[end].strip().equals(FENCE)) {
          end++;
        }
        if (end == lines.length) {
          throw new IllegalStateException("The ```java block at line " + (i + 1) + " never ends.");
        }
        blocks.add(
            new Block(announced, String.join("\n", List.of(lines).subList(start, end)), i + 1));
        i = end;
      }
      if (!line.isBlank()) {
        announced = null;
      }
    }
    return blocks;
  }

  /**
   * Compares a document with the regions.
   *
   * @param markdown the document
   * @param regions the regions by name
   * @return what differs, one sentence each; empty when the document is up to date
   */
  static List<String> problems(String markdown, Map<String, String> regions) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> shown = new LinkedHashMap<>();
    for (Block block : javaBlocks(markdown)) {
      String where = "The ```java block at line " + block.line();
      if (block.name() == null) {
        problems.add(
            where
                + " does not come from a tagged region: put the code between // tag::name[] and"
                + " // end::name[] in a test under docs/, and announce it with <!-- snippet: name"
                + " --> on the line before the block.");
        continue;
      }
      String region = regions.get(block.name());
      if (region == null) {
        problems.add(where + " shows snippet '" + block.name() + "', which no test source tags.");
      } else if (!region.equals(block.code())) {
        problems.add(
            where
                + " differs from the region '"
                + block.name()
                + "' of the tests; the region is:\n"
                + region);
      }
      if (shown.merge(block.name(), 1, Integer::sum) == 2) {
        problems.add(where + " shows snippet '" + block.name() + "' a second time.");
      }
    }
    for (String name : regions.keySet()) {
      if (!shown.containsKey(name)) {
        problems.add(
            "Snippet '" + name + "' is tagged in the tests but not shown in the document.");
      }
    }
    return problems;
  }

  /**
   * Replaces the code of every announced {@code ```java} block with its region.
   *
   * @param markdown the document
   * @param regions the regions by name
   * @return the updated document; blocks whose region is unknown are left as they are
   */
  static String update(String markdown, Map<String, String> regions) {
    StringBuilder out = new StringBuilder();
    List<String> lines = List.of(markdown.split("\n", -1));
    String announced = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      out.append(line);
      if (i < lines.size() - 1) {
        out.append('\n');
      }
      Matcher snippet = SNIPPET.matcher(line.strip());
      if (snippet.matches()) {
        announced = snippet.group(1);
        continue;
      }
      if (line.strip().equals(JAVA_FENCE) && announced != null && regions.containsKey(announced)) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
          end++;
        }
        out.append(regions.get(announced)).append('\n');
        i = end - 1;
      }
      if (!line.isBlank()) {
        announced = null;
      }
    }
    return out.toString();
  }

  /**
   * The text of the {@code ```text} block announced by {@code <!-- output: name -->}.
   *
   * @param markdown the document
   * @param name the output's name
   * @return the block's text, or null when the document has no such block
   */
  static String output(String markdown, String name) {
    int[] range = outputRange(markdown, name);
    if (range == null) {
      return null;
    }
    List<String> lines = List.of(markdown.split("\n", -1));
    return String.join("\n", lines.subList(range[0], range[1]));
  }

  /**
   * Replaces the text of the {@code ```text} block announced by {@code <!-- output: name -->}.
   *
   * @param markdown the document
   * @param name the output's name
   * @param text the new text
   * @return the updated document
   * @throws IllegalArgumentException when the document has no such block
   */
  static String updateOutput(String markdown, String name, String text) {
    int[] range = outputRange(markdown, name);
    if (range == null) {
      throw new IllegalArgumentException(
          "The document has no ```text block announced by <!-- output: " + name + " -->.");
    }
    List<String> lines = new ArrayList<>(List.of(markdown.split("\n", -1)));
    lines.subList(range[0], range[1]).clear();
    lines.add(range[0], text);
    return String.join("\n", lines);
  }

  /** The lines [from, to) inside the announced text block, or null. */
  private static int[] outputRange(String markdown, String name) {
    String[] lines = markdown.split("\n", -1);
    String marker = "<!-- output: " + name + " -->";
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].strip().equals(marker) && lines[i + 1].strip().equals(TEXT_FENCE)) {
        int end = i + 2;
        while (end < lines.length && !lines[end].strip().equals(FENCE)) {
          end++;
        }
        return end < lines.length ? new int[] {i + 2, end} : null;
      }
    }
    return null;
  }
}
