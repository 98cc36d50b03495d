package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.RetryPolicy;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run one attempt of one step, in this JVM or in a step worker process.
 *
 * @param runId the run
 * @param jobName the job
 * @param stepKey the step key
 * @param op the op
 * @param mappingKey the mapping key of a mapped step, or {@code null}
 * @param inputs how each input gets its value
 * @param opConfig the op's config tree, defaults applied, env references still unresolved
 * @param runTags the run's tags
 * @param retryPolicy the op's retry policy or the job's default, or {@code null}
 * @param hooks the job's hooks
 * @param partitionKeys the partitions its asset outputs are stored under (empty: unpartitioned)
 * @param retryNumber 0 for the first try
 */
public record StepInvocation(
    String runId,
    String jobName,
    String stepKey,
    OpDefinition op,
    String mappingKey,
    List<ResolvedInput> inputs,
    Object opConfig,
    Map<String, String> runTags,
    RetryPolicy retryPolicy,
    List<HookDefinition> hooks,
    List<String> partitionKeys,
    int retryNumber) {

  /**
   * The same step, for another try.
   *
   * @param retry the retry number
   * @return the invocation
   */
  public StepInvocation withRetryNumber(int retry) {
    return new StepInvocation(
        runId,
        jobName,
        stepKey,
        op,
        mappingKey,
        inputs,
        opConfig,
        runTags,
        retryPolicy,
        hooks,
        partitionKeys,
        retry);
  }
}
