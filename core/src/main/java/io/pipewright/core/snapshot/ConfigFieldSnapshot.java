package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * One named field of a {@link ConfigSchemaSnapshot.Shape} (the sdk's {@code ConfigField}).
 *
 * @param name the field name as written in the config; non-blank
 * @param type the field's type; not null
 * @param required whether the field must be given; a field with a default never is
 * @param defaultValue the value used when the field is absent, a canonical {@link UserJson} tree;
 *     null when the field has no default
 * @param description a human-readable description; may be null
 */
public record ConfigFieldSnapshot(
    String name,
    ConfigSchemaSnapshot type,
    boolean required,
    Object defaultValue,
    String description) {

  /** Validates the field and copies the default into canonical form. */
  public ConfigFieldSnapshot {
    Checks.requireNonBlank(name, "ConfigFieldSnapshot", "name");
    Checks.require(type, "ConfigFieldSnapshot", name, "type");
    if (defaultValue != null && required) {
      throw new IllegalArgumentException(
          "ConfigFieldSnapshot '" + name + "' has a default, so it cannot be required");
    }
    if (defaultValue != null) {
      defaultValue = UserJson.canonical(defaultValue, "the default of config field", name);
    }
  }

  /**
   * Tells whether the field has a default value.
   *
   * @return true if {@link #defaultValue()} is set
   */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
