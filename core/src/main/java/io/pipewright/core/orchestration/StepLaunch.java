package io.pipewright.core.orchestration;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.launch.AttemptId;
import java.util.List;
import java.util.Map;

/**
 * A command to launch one step attempt, with what the daemon needs to build its {@link
 * io.pipewright.core.launch.LaunchRequest} and the worker's arguments.
 *
 * @param attempt the attempt; not null
 * @param nodeHandle the op's handle (the step key without a mapping key); non-blank
 * @param mappingKey the mapping key of a mapped step's instance; null otherwise
 * @param origin why this attempt is launched; not null
 * @param retryNumber the retries under the op's policy before this attempt (the worker's retry
 *     number, which its retry decision counts; infrastructure retries are not in it)
 * @param pool the concurrency pool it holds a slot of; null when none
 * @param tags the op's tags, for per-op platform config
 * @param dynamicMappings the mapping keys the run's dynamic steps produced so far: step key to
 *     output name to mapping keys (Dagster's {@code KnownExecutionState.dynamic_mappings}), which
 *     the worker needs to load mapped and collected inputs
 */
public record StepLaunch(
    AttemptId attempt,
    String nodeHandle,
    String mappingKey,
    AttemptOrigin origin,
    int retryNumber,
    String pool,
    Map<String, String> tags,
    Map<String, Map<String, List<String>>> dynamicMappings) {

  /** Validates the components; the maps are expected immutable already. */
  public StepLaunch {
    Checks.require(attempt, "StepLaunch", "attempt");
    Checks.requireNonBlank(nodeHandle, "StepLaunch", attempt, "nodeHandle");
    Checks.require(origin, "StepLaunch", attempt, "origin");
    Checks.nonNegative(retryNumber, "StepLaunch " + attempt, "retryNumber");
    tags = Checks.tags(tags, "StepLaunch", attempt, "tags");
    dynamicMappings = dynamicMappings == null ? Map.of() : dynamicMappings;
  }
}
