package io.pipewright.core.instigation;

import io.pipewright.core.internal.Checks;

/**
 * Names one schedule or sensor: its code location and its name, unique within the location.
 *
 * @param codeLocation the code location that defines the instigator; non-blank
 * @param name the schedule's or sensor's name; non-blank
 */
public record InstigatorSelector(String codeLocation, String name) {

  /** Validates the components. */
  public InstigatorSelector {
    Checks.requireNonBlank(codeLocation, "InstigatorSelector", "codeLocation");
    Checks.requireNonBlank(name, "InstigatorSelector", codeLocation, "name");
  }

  /**
   * Names an instigator.
   *
   * @param codeLocation the code location
   * @param name the instigator's name
   * @return the selector
   */
  public static InstigatorSelector of(String codeLocation, String name) {
    return new InstigatorSelector(codeLocation, name);
  }

  @Override
  public String toString() {
    return codeLocation + ":" + name;
  }
}
