package io.pipewright.executor.k8s;

import java.util.List;

/**
 * Pod settings that cannot be applied: a {@code pipewright.io/k8s-config} tag or a configured layer
 * that is not valid, or layers that are valid alone but not together. Carries every problem found,
 * each as {@code <where>: <path>: <what is wrong and how to fix it>}.
 */
public final class InvalidK8sConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems the problems, at least one
   */
  public InvalidK8sConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem found.
   *
   * @return the problems, each naming where it is and what to change
   */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("InvalidK8sConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder message =
        new StringBuilder().append(problems.size()).append(" problems in Kubernetes pod settings:");
    for (String problem : problems) {
      message.append("\n  - ").append(problem);
    }
    return message.toString();
  }
}
