package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * A resource bound under a key (the sdk's {@code ResourceDefinition}).
 *
 * @param key the key ops require it by; non-blank
 * @param description what it is; may be null
 * @param config the type of its config, or null when it takes none
 * @param ioManager whether it is an IO manager (stores outputs and loads inputs)
 * @param scope when it is set up and torn down; not null
 */
public record ResourceSnapshot(
    String key, String description, ConfigSchemaSnapshot config, boolean ioManager, Scope scope) {

  /** When a resource is set up and torn down (the sdk's {@code ResourceDefinition.Scope}). */
  public enum Scope {
    /** Around each step that uses it. */
    STEP,
    /** Once per run, shared by the steps of an in-process run. */
    RUN
  }

  /** Validates the components. */
  public ResourceSnapshot {
    Checks.requireNonBlank(key, "ResourceSnapshot", "key");
    Checks.require(scope, "ResourceSnapshot '" + key + "'", "scope");
  }
}
