package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.StepTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves one step of a run by its key, as a step worker runs it: the template behind the key
 * ({@code op}, {@code graph.op}, or a mapped instance {@code op[key]}), its inputs from the known
 * state of its upstream steps, and the attempt.
 */
public final class SingleStep {
  private SingleStep() {}

  /**
   * Resolves a step.
   *
   * @param resolver the run's resolver (its plan decides which steps exist)
   * @param stepKey the step's key
   * @param retryNumber 0 for the first attempt
   * @param known what the orchestrator knows of the upstream steps
   * @return the invocation
   * @throws StepSkipped when an output the step needs was not produced
   * @throws IllegalArgumentException when the key names no step of the plan, or a mapped step
   *     without (or an unmapped one with) a mapping key, or a mapping key the dynamic output did
   *     not produce, or the known state lacks mapping keys the step needs
   */
  public static StepInvocation resolve(
      InputResolver resolver, String stepKey, int retryNumber, KnownUpstream known)
      throws StepSkipped {
    ExecutionPlan plan = resolver.plan();
    String handle = stepKey;
    String mappingKey = null;
    int bracket = stepKey.indexOf('[');
    if (bracket > 0 && stepKey.endsWith("]")) {
      handle = stepKey.substring(0, bracket);
      mappingKey = stepKey.substring(bracket + 1, stepKey.length() - 1);
    }
    StepTemplate template = plan.step(handle);
    if (template == null) {
      throw new IllegalArgumentException(
          "Step '"
              + stepKey
              + "' is not in the plan of this run of job '"
              + resolver.jobName()
              + "'; its steps are "
              + describe(plan)
              + ". Check the step key, and that the op and asset selection and the steps to"
              + " execute are the run's.");
    }
    if (template.isMapped() && mappingKey == null) {
      throw new IllegalArgumentException(
          "Step '"
              + handle
              + "' runs once per value of dynamic output '"
              + template.dynamicOutput()
              + "' of step '"
              + template.dynamicRoot()
              + "'; give the mapping key of one value: '"
              + handle
              + "[<mapping key>]'.");
    }
    if (!template.isMapped() && mappingKey != null) {
      throw new IllegalArgumentException(
          "Step '"
              + handle
              + "' is not mapped over a dynamic output, so its key has no mapping key; use '"
              + handle
              + "'.");
    }
    if (mappingKey != null) {
      checkMappingKey(template, stepKey, mappingKey, known);
    }
    return resolver.invocation(template, stepKey, mappingKey, retryNumber, known);
  }

  private static void checkMappingKey(
      StepTemplate template, String stepKey, String mappingKey, KnownUpstream known) {
    if (!mappingKey.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(
          "Step key '"
              + stepKey
              + "' has an invalid mapping key: mapping keys have only letters, digits and"
              + " underscores.");
    }
    List<String> keys = known.knownKeys(template.dynamicRoot(), template.dynamicOutput());
    if (keys != null && !keys.contains(mappingKey)) {
      throw new IllegalArgumentException(
          "Step '"
              + stepKey
              + "' has mapping key '"
              + mappingKey
              + "', but dynamic output '"
              + template.dynamicOutput()
              + "' of step '"
              + template.dynamicRoot()
              + "' produced "
              + (keys.isEmpty() ? "no values" : "only " + keys)
              + ".");
    }
  }

  private static String describe(ExecutionPlan plan) {
    List<String> keys = new ArrayList<>(plan.steps().size());
    for (StepTemplate step : plan.steps()) {
      keys.add(step.isMapped() ? step.handle() + "[?]" : step.handle());
    }
    return keys.toString();
  }
}
