package io.pipewright.sdk.internal.selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed op selection in Dagster's syntax: which ops of a graph to run.
 *
 * <p>Each clause names one op, optionally extended upstream by a prefix and downstream by a suffix:
 * {@code +} adds one level of direct neighbours (so {@code ++} adds two levels, and so on) and
 * {@code *} adds every level. For example {@code *load} selects {@code load} and everything it
 * depends on, {@code extract+} selects {@code extract} and its direct consumers, and {@code
 * ++clean*} combines both. The clause {@code *} alone selects every op. Nested ops are named with
 * dots ({@code graph.op}). The selection is the union of its clauses.
 *
 * <p>Parse once with {@link #parse(List)}, then {@link #resolve(SelectionGraph)} against a graph.
 * Instances are immutable and thread-safe.
 */
public final class OpSelection {

  /** How many valid names an unknown-name error lists when it has no closer suggestion. */
  private static final int MAX_LISTED_NAMES = 10;

  private final List<SelectionClause> clauses;
  private final boolean everyOp;

  private OpSelection(List<SelectionClause> clauses) {
    this.clauses = List.copyOf(clauses);
    boolean all = false;
    for (SelectionClause clause : this.clauses) {
      all |= clause.selectsEveryOp();
    }
    this.everyOp = all;
  }

  /**
   * Parses selection clauses such as {@code ["*extract", "load+"]}.
   *
   * @param clauses the clauses; surrounding whitespace of each is ignored
   * @return the parsed selection
   * @throws SelectionSyntaxException if the list is empty or any clause is malformed; the message
   *     describes every malformed clause, not only the first
   * @throws NullPointerException if {@code clauses} is null
   */
  public static OpSelection parse(List<String> clauses) {
    Objects.requireNonNull(clauses, "clauses must not be null");
    if (clauses.isEmpty()) {
      throw new SelectionSyntaxException(
          "Invalid op selection: the list of clauses is empty; give at least one clause,"
              + " or \"*\" to select every op.\n"
              + ClauseParser.FORMS);
    }
    int count = clauses.size();
    List<SelectionClause> parsed = new ArrayList<>(count);
    StringBuilder errors = new StringBuilder();
    for (int i = 0; i < count; i++) {
      SelectionClause clause = ClauseParser.parse(clauses.get(i), i, count, errors);
      if (clause != null) {
        parsed.add(clause);
      }
    }
    if (errors.length() > 0) {
      throw new SelectionSyntaxException(errors.append(ClauseParser.FORMS).toString());
    }
    return new OpSelection(parsed);
  }

  /**
   * Parses {@code clauses} and resolves them against {@code graph} in one step.
   *
   * @param clauses the clauses, as for {@link #parse(List)}
   * @param graph the graph to select from
   * @return the selected node names, as for {@link #resolve(SelectionGraph)}
   * @throws SelectionSyntaxException if a clause is malformed
   * @throws UnknownSelectionException if a clause names an op the graph does not have
   */
  public static Set<String> resolve(List<String> clauses, SelectionGraph graph) {
    return parse(clauses).resolve(graph);
  }

  /**
   * Returns the parsed clauses, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<SelectionClause> clauses() {
    return clauses;
  }

  /**
   * Returns the names of the selected nodes of {@code graph}.
   *
   * <p>Traversal is iterative and breadth-first, so arbitrarily long chains neither overflow the
   * stack nor cost more than one visit per node and clause.
   *
   * @param graph the graph to select from
   * @return an unmodifiable set of node names, in the order of {@link SelectionGraph#nodes()}
   * @throws UnknownSelectionException if any clause names an op the graph does not have; the
   *     message lists all of them, with suggestions
   */
  public Set<String> resolve(SelectionGraph graph) {
    Objects.requireNonNull(graph, "graph must not be null");
    Set<String> nodes = graph.nodes();
    checkNamesExist(nodes);
    if (everyOp) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
    }
    Set<String> selected = new HashSet<>();
    // A node in one of these was reached by an unbounded walk in that direction, so everything
    // beyond it is already selected: later unbounded walks stop there instead of repeating work.
    Set<String> closedUp = new HashSet<>();
    Set<String> closedDown = new HashSet<>();
    for (SelectionClause clause : clauses) {
      selected.add(clause.name());
      walk(graph, clause.name(), clause.upDepth(), true, closedUp, selected);
      walk(graph, clause.name(), clause.downDepth(), false, closedDown, selected);
    }
    Set<String> ordered = new LinkedHashSet<>(Math.max(16, selected.size() * 4 / 3 + 1));
    for (String node : nodes) {
      if (selected.contains(node)) {
        ordered.add(node);
      }
    }
    return Collections.unmodifiableSet(ordered);
  }

  /** Adds to {@code selected} every node within {@code depth} steps of {@code start}. */
  private static void walk(
      SelectionGraph graph,
      String start,
      int depth,
      boolean upstream,
      Set<String> closed,
      Set<String> selected) {
    if (depth == 0) {
      return;
    }
    boolean unbounded = depth == SelectionClause.ALL;
    // Breadth-first, so each node is first reached at its shortest distance and expanded once.
    Set<String> visited = unbounded ? closed : new HashSet<>();
    if (!visited.add(start)) {
      return;
    }
    ArrayDeque<String> frontier = new ArrayDeque<>();
    frontier.add(start);
    for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
      for (int remaining = frontier.size(); remaining > 0; remaining--) {
        String node = frontier.poll();
        Set<String> next = upstream ? graph.upstreamOf(node) : graph.downstreamOf(node);
        for (String neighbour : next) {
          if (visited.add(neighbour)) {
            selected.add(neighbour);
            frontier.add(neighbour);
          }
        }
      }
    }
  }

  private void checkNamesExist(Set<String> nodes) {
    List<String> unknown = null;
    for (SelectionClause clause : clauses) {
      if (!clause.selectsEveryOp() && !nodes.contains(clause.name())) {
        if (unknown == null) {
          unknown = new ArrayList<>();
        }
        if (!unknown.contains(clause.name())) {
          unknown.add(clause.name());
        }
      }
    }
    if (unknown != null) {
      throw new UnknownSelectionException(unknownNamesMessage(unknown, nodes), unknown);
    }
  }

  private static String unknownNamesMessage(List<String> unknown, Set<String> nodes) {
    Map<String, String> suggestions = new LinkedHashMap<>();
    for (String name : unknown) {
      suggestions.put(name, NameSuggestions.closest(name, nodes));
    }
    StringBuilder message = new StringBuilder("Op selection names ");
    message
        .append(unknown.size() == 1 ? "an op" : unknown.size() + " ops")
        .append(" that this graph does not have:");
    boolean listValidNames = false;
    for (Map.Entry<String, String> entry : suggestions.entrySet()) {
      message.append("\n  - '").append(entry.getKey()).append("': ");
      if (entry.getValue() != null) {
        message.append("did you mean '").append(entry.getValue()).append("'?");
      } else {
        message.append("no op has a similar name.");
        listValidNames = true;
      }
    }
    if (listValidNames) {
      message.append('\n');
      appendValidNames(message, nodes);
    }
    return message.toString();
  }

  private static void appendValidNames(StringBuilder message, Set<String> nodes) {
    if (nodes.isEmpty()) {
      message.append("The graph has no ops.");
      return;
    }
    message.append(
        nodes.size() > MAX_LISTED_NAMES ? "Valid op names include: " : "Valid op names: ");
    Iterator<String> names = nodes.iterator();
    for (int i = 0; i < MAX_LISTED_NAMES && names.hasNext(); i++) {
      if (i > 0) {
        message.append(", ");
      }
      message.append(names.next());
    }
    if (nodes.size() > MAX_LISTED_NAMES) {
      message.append(" (and ").append(nodes.size() - MAX_LISTED_NAMES).append(" more)");
    }
    message.append('.');
  }

  /**
   * Returns whether {@code other} is a selection with the same clauses in the same order.
   *
   * @param other the object to compare with
   * @return true if the clauses are equal
   */
  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof OpSelection that && clauses.equals(that.clauses));
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return clauses.hashCode();
  }

  /**
   * Returns the selection in its own syntax, for example {@code OpSelection[*extract, load+]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("OpSelection[");
    for (int i = 0; i < clauses.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(clauses.get(i).syntax());
    }
    return out.append(']').toString();
  }
}
