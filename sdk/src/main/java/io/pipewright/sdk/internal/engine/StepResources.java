package io.pipewright.sdk.internal.engine;

import java.util.List;
import java.util.Map;

/** The resources of one step; closing it tears down the step-scoped ones. */
public final class StepResources implements AutoCloseable {
  private final Resources owner;
  private final String stepKey;
  private final Map<String, Object> values;
  private final List<Map.Entry<String, Object>> stepScoped;

  StepResources(
      Resources owner,
      String stepKey,
      Map<String, Object> values,
      List<Map.Entry<String, Object>> stepScoped) {
    this.owner = owner;
    this.stepKey = stepKey;
    this.values = values;
    this.stepScoped = stepScoped;
  }

  /**
   * A resource's value.
   *
   * @param key the key
   * @return the value, or {@code null} when the step did not ask for it
   */
  public Object get(String key) {
    return values.get(key);
  }

  /**
   * Whether the step asked for a resource.
   *
   * @param key the key
   * @return true when available
   */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  @Override
  public void close() {
    owner.teardown(stepScoped, stepKey);
  }
}
