package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.In;
import io.pipewright.sdk.io.IOManager;

/** Reads a stored output after a run, through the IO manager that stored it. */
public final class StoredOutputs {
  private StoredOutputs() {}

  /**
   * Loads an output.
   *
   * @param manager the IO manager bound to the output's key
   * @param jobName the job
   * @param ref the output
   * @return the value
   * @throws Exception when the IO manager cannot load it
   */
  public static Object load(IOManager manager, String jobName, OutputRef ref) throws Exception {
    IoContexts.Output upstream = new IoContexts.Output(jobName, ref, ref.out().metadata());
    return manager.loadInput(
        new IoContexts.Input(
            ref.runId(),
            jobName,
            ref.stepKey(),
            ref.opName(),
            In.of(ref.out().name(), ref.out().type()),
            upstream));
  }
}
