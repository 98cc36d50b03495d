package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.Trees;
import io.pipewright.sdk.internal.config.Validation;
import java.util.List;
import java.util.Objects;

/**
 * One named field of a {@link ConfigType.Shape}.
 *
 * <p>A field is required, optional, or optional with a default value. A field with a default is
 * never required: when it is absent, {@link ConfigValidator#withDefaults(ConfigType, Object)} fills
 * in the default.
 *
 * @param name the field name, as written in the config
 * @param type the type of the field's value
 * @param required whether the field must be given
 * @param defaultValue the value used when the field is absent, as a plain tree; null if none
 * @param description a human-readable description, or null
 */
public record ConfigField(
    String name, ConfigType type, boolean required, Object defaultValue, String description) {

  /**
   * Checks the field and stores an immutable copy of the default.
   *
   * @throws IllegalArgumentException if the name is blank, a required field has a default, or the
   *     default does not match the type
   */
  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A config field needs a non-blank name");
    }
    if (defaultValue != null) {
      if (required) {
        throw new IllegalArgumentException(
            "Config field '" + name + "' has a default, so it cannot be required");
      }
      List<ConfigError> errors = Validation.validate(type, defaultValue, name);
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(
            "The default of config field '"
                + name
                + "' does not match its type "
                + type.displayName()
                + ": "
                + Validation.joinMessages(errors));
      }
      defaultValue = Trees.immutableCopy(defaultValue, name);
    }
  }

  /**
   * Returns a field that must be given.
   *
   * @param name the field name
   * @param type the field type
   * @return the field
   */
  public static ConfigField required(String name, ConfigType type) {
    return new ConfigField(name, type, true, null, null);
  }

  /**
   * Returns a field that may be left out, without a default.
   *
   * @param name the field name
   * @param type the field type
   * @return the field
   */
  public static ConfigField optional(String name, ConfigType type) {
    return new ConfigField(name, type, false, null, null);
  }

  /**
   * Returns a field that may be left out, and then takes {@code defaultValue}.
   *
   * @param name the field name
   * @param type the field type
   * @param defaultValue the default, as a plain tree that matches {@code type}
   * @return the field
   * @throws IllegalArgumentException if the default is null or does not match the type
   */
  public static ConfigField withDefault(String name, ConfigType type, Object defaultValue) {
    if (defaultValue == null) {
      throw new IllegalArgumentException(
          "The default of config field '"
              + name
              + "' is null; use ConfigField.optional(name, type) for a field without a default");
    }
    return new ConfigField(name, type, false, defaultValue, null);
  }

  /**
   * Returns a copy of this field with a description.
   *
   * @param description the description, shown in the UI and the JSON Schema
   * @return the described field
   */
  public ConfigField describedAs(String description) {
    return new ConfigField(name, type, required, defaultValue, description);
  }

  /**
   * Tells whether this field has a default value.
   *
   * @return true if a default is set
   */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
