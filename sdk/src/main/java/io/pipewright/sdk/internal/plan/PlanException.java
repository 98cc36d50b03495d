package io.pipewright.sdk.internal.plan;

import java.util.List;

/** A selection that cannot be planned; carries every problem found. */
public final class PlanException extends IllegalArgumentException {
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems the problems
   */
  public PlanException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems.
   *
   * @return every problem found
   */
  public List<String> problems() {
    return problems;
  }
}
