package io.pipewright.sdk.internal.selection;

import java.util.Objects;

/**
 * One parsed clause of an op selection: an op name and how far to extend the selection upstream and
 * downstream of it.
 *
 * <p>{@code ++extract*} is {@code SelectionClause("extract", 2, ALL)}. The clause {@code *} on its
 * own, which selects every op, is {@link #EVERY_OP}.
 *
 * @param name the op name, for example {@code extract} or {@code graph.op}; {@code *} for {@link
 *     #EVERY_OP}
 * @param upDepth how many levels of upstream ops to add: 0 for none, {@link #ALL} for all
 * @param downDepth how many levels of downstream ops to add: 0 for none, {@link #ALL} for all
 */
public record SelectionClause(String name, int upDepth, int downDepth) {

  /** The depth written {@code *}: every op upstream or downstream, however far. */
  public static final int ALL = Integer.MAX_VALUE;

  /** The clause {@code *} on its own: every op of the graph (Dagster's "select all" case). */
  public static final SelectionClause EVERY_OP = new SelectionClause("*", 0, 0);

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or a depth is negative
   */
  public SelectionClause {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (upDepth < 0 || downDepth < 0) {
      throw new IllegalArgumentException(
          "depths must be 0 or more but were upDepth="
              + upDepth
              + ", downDepth="
              + downDepth
              + " for '"
              + name
              + "'");
    }
  }

  /**
   * Returns whether this is the clause {@code *} that selects every op.
   *
   * @return true for {@link #EVERY_OP}
   */
  public boolean selectsEveryOp() {
    return name.equals("*");
  }

  /**
   * Returns the clause in selection syntax, for example {@code ++extract*}.
   *
   * @return the clause as a user would write it
   */
  public String syntax() {
    if (selectsEveryOp()) {
      return "*";
    }
    StringBuilder out = new StringBuilder(name.length() + 4);
    appendDepth(out, upDepth);
    out.append(name);
    appendDepth(out, downDepth);
    return out.toString();
  }

  private static void appendDepth(StringBuilder out, int depth) {
    if (depth == ALL) {
      out.append('*');
    } else {
      out.append("+".repeat(depth));
    }
  }
}
