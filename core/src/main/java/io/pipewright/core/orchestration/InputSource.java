package io.pipewright.core.orchestration;

import java.util.List;

/**
 * Where one input of a re-executed step reads a value that the re-execution does not produce: an
 * output stored by an earlier run, which the worker loads through the output's IO manager.
 *
 * @param stepKey the re-executed step's key (a mapped step's template key, {@code op[?]})
 * @param inputName the input
 * @param sourceStepKey the producing step's key in the plan ({@code op}, or {@code op[?]})
 * @param output the producing output's name
 * @param runId the earlier run that stored it: the nearest of the lineage that produced it
 * @param mappingKeys for a mapped producer, the mapping keys of its instances that produced the
 *     output in that run, in the order they succeeded (what a collect reads); empty otherwise
 */
public record InputSource(
    String stepKey,
    String inputName,
    String sourceStepKey,
    String output,
    String runId,
    List<String> mappingKeys) {

  /** Copies the list. */
  public InputSource {
    mappingKeys = List.copyOf(mappingKeys);
  }
}
