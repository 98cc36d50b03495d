package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.UserJson;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates the sdk's config types, errors and run configs into core's records. */
public final class ConfigSnapshots {

  private ConfigSnapshots() {}

  /**
   * Translates a config type, recursively.
   *
   * @param type the sdk's type
   * @return the typed tree
   */
  public static ConfigSchemaSnapshot schema(ConfigType type) {
    if (type instanceof ConfigType.Scalar scalar) {
      return new ConfigSchemaSnapshot.Scalar(
          ConfigSchemaSnapshot.ScalarKind.valueOf(scalar.kind().name()));
    }
    if (type instanceof ConfigType.EnumType enumType) {
      return new ConfigSchemaSnapshot.EnumType(enumType.name(), enumType.values());
    }
    if (type instanceof ConfigType.Array array) {
      return new ConfigSchemaSnapshot.Array(schema(array.element()));
    }
    if (type instanceof ConfigType.MapType map) {
      return new ConfigSchemaSnapshot.MapOf(schema(map.value()));
    }
    if (type instanceof ConfigType.Noneable noneable) {
      return new ConfigSchemaSnapshot.Noneable(schema(noneable.inner()));
    }
    if (type instanceof ConfigType.Shape shape) {
      List<ConfigFieldSnapshot> fields = new ArrayList<>(shape.fields().size());
      for (ConfigField field : shape.fields().values()) {
        fields.add(
            new ConfigFieldSnapshot(
                field.name(),
                schema(field.type()),
                field.required(),
                field.defaultValue() == null
                    ? null
                    : UserJson.canonical(
                        field.defaultValue(), "the default of config field '" + field.name() + "'"),
                field.description()));
      }
      return new ConfigSchemaSnapshot.Shape(fields);
    }
    return new ConfigSchemaSnapshot.Any();
  }

  /**
   * Translates config errors, keeping their order.
   *
   * @param errors the sdk's errors
   * @return the records
   */
  public static List<ConfigErrorSnapshot> errors(List<ConfigError> errors) {
    List<ConfigErrorSnapshot> out = new ArrayList<>(errors.size());
    for (ConfigError error : errors) {
      out.add(
          new ConfigErrorSnapshot(
              error.path(),
              ConfigErrorSnapshot.Reason.valueOf(error.reason().name()),
              error.message()));
    }
    return out;
  }

  /**
   * Returns a run config as a canonical JSON object.
   *
   * @param config the run config
   * @param where what the config belongs to, for error messages
   * @return the canonical, unmodifiable tree
   * @throws IllegalArgumentException if the config holds something JSON cannot represent
   */
  public static Map<String, Object> runConfig(RunConfig config, String where) {
    return UserJson.canonicalObject(config.asMap(), where);
  }
}
