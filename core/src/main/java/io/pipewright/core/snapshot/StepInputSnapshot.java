package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * One input of a step.
 *
 * @param name the input's name; non-blank
 * @param typeName the name of its type; non-blank
 * @param sources where its value comes from; empty when it takes its default
 * @param fanIn whether it receives a list of its sources' values
 * @param hasDefault whether a default applies when there are no sources
 */
public record StepInputSnapshot(
    String name,
    String typeName,
    List<StepInputSourceSnapshot> sources,
    boolean fanIn,
    boolean hasDefault) {

  /** Validates and copies the components. */
  public StepInputSnapshot {
    Checks.requireNonBlank(name, "StepInputSnapshot", "name");
    Checks.requireNonBlank(typeName, "StepInputSnapshot", name, "typeName");
    sources = Checks.list(sources, "StepInputSnapshot", name, "sources");
  }
}
