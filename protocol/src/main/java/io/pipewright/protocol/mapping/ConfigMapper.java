package io.pipewright.protocol.mapping;

import com.google.protobuf.Empty;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.protocol.v1.ConfigError;
import io.pipewright.protocol.v1.ConfigField;
import io.pipewright.protocol.v1.ConfigType;
import io.pipewright.protocol.v1.EnumConfigType;
import io.pipewright.protocol.v1.ShapeConfigType;
import java.util.ArrayList;
import java.util.List;

/** Maps config schemas (typed trees) and config errors. */
public final class ConfigMapper {

  private static final EnumBridge<ConfigSchemaSnapshot.ScalarKind, ConfigType.ScalarKind> SCALAR =
      EnumBridge.of(
          ConfigSchemaSnapshot.ScalarKind.class,
          ConfigType.ScalarKind.values(),
          "SCALAR_KIND_",
          "config scalar kind");
  private static final EnumBridge<ConfigErrorSnapshot.Reason, ConfigError.Reason> REASON =
      EnumBridge.of(
          ConfigErrorSnapshot.Reason.class,
          ConfigError.Reason.values(),
          "REASON_",
          "config error reason");

  private ConfigMapper() {}

  /**
   * Maps a config schema to its message.
   *
   * @param type the schema
   * @return the message
   */
  public static ConfigType toProto(ConfigSchemaSnapshot type) {
    ConfigType.Builder out = ConfigType.newBuilder();
    if (type instanceof ConfigSchemaSnapshot.Scalar scalar) {
      out.setScalar(SCALAR.toProto(scalar.kind()));
    } else if (type instanceof ConfigSchemaSnapshot.EnumType enumType) {
      out.setEnumType(
          EnumConfigType.newBuilder().setName(enumType.name()).addAllValues(enumType.values()));
    } else if (type instanceof ConfigSchemaSnapshot.Array array) {
      out.setArray(toProto(array.element()));
    } else if (type instanceof ConfigSchemaSnapshot.MapOf map) {
      out.setMap(toProto(map.value()));
    } else if (type instanceof ConfigSchemaSnapshot.Shape shape) {
      ShapeConfigType.Builder fields = ShapeConfigType.newBuilder();
      for (ConfigFieldSnapshot field : shape.fields()) {
        fields.addFields(toProto(field));
      }
      out.setShape(fields);
    } else if (type instanceof ConfigSchemaSnapshot.Noneable noneable) {
      out.setNoneable(toProto(noneable.inner()));
    } else {
      out.setAny(Empty.getDefaultInstance());
    }
    return out.build();
  }

  /**
   * Maps a config schema message to the record.
   *
   * @param type the message
   * @return the schema
   */
  public static ConfigSchemaSnapshot toCore(ConfigType type) {
    return switch (type.getKindCase()) {
      case SCALAR -> new ConfigSchemaSnapshot.Scalar(SCALAR.toCore(type.getScalar()));
      case ENUM_TYPE ->
          new ConfigSchemaSnapshot.EnumType(
              type.getEnumType().getName(), type.getEnumType().getValuesList());
      case ARRAY -> new ConfigSchemaSnapshot.Array(toCore(type.getArray()));
      case MAP -> new ConfigSchemaSnapshot.MapOf(toCore(type.getMap()));
      case SHAPE -> {
        List<ConfigFieldSnapshot> fields = new ArrayList<>(type.getShape().getFieldsCount());
        for (ConfigField field : type.getShape().getFieldsList()) {
          fields.add(toCore(field));
        }
        yield new ConfigSchemaSnapshot.Shape(fields);
      }
      case NONEABLE -> new ConfigSchemaSnapshot.Noneable(toCore(type.getNoneable()));
      case ANY -> new ConfigSchemaSnapshot.Any();
      case KIND_NOT_SET -> throw Protos.unset("ConfigType", "kind");
    };
  }

  private static ConfigField toProto(ConfigFieldSnapshot field) {
    ConfigField.Builder out =
        ConfigField.newBuilder()
            .setName(field.name())
            .setType(toProto(field.type()))
            .setRequired(field.required());
    if (field.defaultValue() != null) {
      out.setDefaultValue(JsonMapper.toProto(field.defaultValue()));
    }
    if (field.description() != null) {
      out.setDescription(field.description());
    }
    return out.build();
  }

  private static ConfigFieldSnapshot toCore(ConfigField field) {
    Protos.require(field.hasType(), "ConfigField '" + field.getName() + "'", "type");
    return new ConfigFieldSnapshot(
        field.getName(),
        toCore(field.getType()),
        field.getRequired(),
        field.hasDefaultValue() ? JsonMapper.toCore(field.getDefaultValue()) : null,
        field.hasDescription() ? field.getDescription() : null);
  }

  /**
   * Maps config errors to messages.
   *
   * @param errors the errors
   * @return the messages, in order
   */
  public static List<ConfigError> errorsToProto(List<ConfigErrorSnapshot> errors) {
    List<ConfigError> out = new ArrayList<>(errors.size());
    for (ConfigErrorSnapshot error : errors) {
      out.add(
          ConfigError.newBuilder()
              .setPath(error.path())
              .setReason(REASON.toProto(error.reason()))
              .setMessage(error.message())
              .build());
    }
    return out;
  }

  /**
   * Maps config error messages to records.
   *
   * @param errors the messages
   * @return the errors, in order
   */
  public static List<ConfigErrorSnapshot> errorsToCore(List<ConfigError> errors) {
    List<ConfigErrorSnapshot> out = new ArrayList<>(errors.size());
    for (ConfigError error : errors) {
      out.add(
          new ConfigErrorSnapshot(
              error.getPath(), REASON.toCore(error.getReason()), error.getMessage()));
    }
    return out;
  }
}
