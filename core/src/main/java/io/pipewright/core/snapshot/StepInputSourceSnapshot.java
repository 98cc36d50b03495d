package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/** Where a step input's value comes from at run time. */
public sealed interface StepInputSourceSnapshot
    permits StepInputSourceSnapshot.StepOutput, StepInputSourceSnapshot.Asset {

  /**
   * An output of another step. When that step is not in the plan (a re-execution of chosen steps),
   * the value is loaded from the parent run.
   *
   * @param stepKey the producing step's key; for a mapped step ({@code handle[?]}) the instance
   *     with the same mapping key, unless {@code collected}; non-blank
   * @param output the output's name; non-blank
   * @param collected whether the values of every mapped instance are gathered into one list
   */
  record StepOutput(String stepKey, String output, boolean collected)
      implements StepInputSourceSnapshot {
    /** Validates the components. */
    public StepOutput {
      Checks.requireNonBlank(stepKey, "StepInputSourceSnapshot.StepOutput", "stepKey");
      Checks.requireNonBlank(output, "StepInputSourceSnapshot.StepOutput", "output");
    }
  }

  /**
   * An asset that no step of the run produces, loaded through its IO manager.
   *
   * @param key the asset's key; not null
   */
  record Asset(AssetKeySnapshot key) implements StepInputSourceSnapshot {
    /** Validates the key. */
    public Asset {
      Checks.require(key, "StepInputSourceSnapshot.Asset", "key");
    }
  }
}
