package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * One output of a step.
 *
 * @param name the output's name; non-blank
 * @param typeName the name of its type; non-blank
 * @param dynamic whether it yields a run-time number of values with mapping keys
 * @param optional whether the step may leave it out
 * @param ioManagerKey the resource key of the IO manager that stores it; non-blank
 * @param assetKey the asset it materializes; null for a plain output
 */
public record StepOutputSnapshot(
    String name,
    String typeName,
    boolean dynamic,
    boolean optional,
    String ioManagerKey,
    AssetKeySnapshot assetKey) {

  /** Validates the components. */
  public StepOutputSnapshot {
    Checks.requireNonBlank(name, "StepOutputSnapshot", "name");
    Checks.requireNonBlank(typeName, "StepOutputSnapshot", name, "typeName");
    Checks.requireNonBlank(ioManagerKey, "StepOutputSnapshot", name, "ioManagerKey");
  }
}
