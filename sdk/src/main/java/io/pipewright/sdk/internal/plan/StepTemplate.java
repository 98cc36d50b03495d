package io.pipewright.sdk.internal.plan;

/**
 * A step of the plan before dynamic outputs are known: an unmapped step is one step; a mapped step
 * becomes one step per mapping key ({@code handle[key]}) once its dynamic output has been produced.
 *
 * @param node the op node
 * @param dynamicRoot for a mapped step, the handle of the op whose dynamic output it is mapped
 *     over; {@code null} otherwise
 * @param dynamicOutput for a mapped step, that dynamic output's name; {@code null} otherwise
 */
public record StepTemplate(OpNode node, String dynamicRoot, String dynamicOutput) {

  /**
   * The handle.
   *
   * @return the op's handle
   */
  public String handle() {
    return node.handle();
  }

  /**
   * Whether the step runs once per value of a dynamic output.
   *
   * @return true for mapped steps
   */
  public boolean isMapped() {
    return dynamicRoot != null;
  }

  /**
   * The step key of one instance.
   *
   * @param mappingKey the mapping key, or {@code null} for an unmapped step
   * @return the step key, {@code handle} or {@code handle[mappingKey]}
   */
  public String stepKey(String mappingKey) {
    return mappingKey == null ? node.handle() : node.handle() + "[" + mappingKey + "]";
  }
}
