package io.pipewright.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSchemaExporterTest {

  enum Mode {
    FULL,
    INCREMENTAL
  }

  record Table(String name, @ConfigDefault("\"FULL\"") Mode mode) {}

  record Extract(
      @ConfigDescription("Rows per batch.") @ConfigDefault("100") int limit,
      String url,
      Optional<Double> ratio,
      Optional<Mode> fallbackMode,
      List<Table> tables,
      Map<String, Boolean> flags,
      @ConfigOptional Object extra) {}

  @Test
  void shouldExportDraft2020SchemaWhenTypeIsDerivedFromARichRecord() {
    String expected =
        """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "limit": {
              "anyOf": [ {
                "type": "integer"
              }, {
                "type": "object",
                "properties": {
                  "env": {
                    "type": "string"
                  }
                },
                "required": [ "env" ],
                "additionalProperties": false
              } ],
              "description": "Rows per batch.",
              "default": 100
            },
            "url": {
              "anyOf": [ {
                "type": "string"
              }, {
                "type": "object",
                "properties": {
                  "env": {
                    "type": "string"
                  }
                },
                "required": [ "env" ],
                "additionalProperties": false
              } ]
            },
            "ratio": {
              "anyOf": [ {
                "type": [ "number", "null" ]
              }, {
                "type": "object",
                "properties": {
                  "env": {
                    "type": "string"
                  }
                },
                "required": [ "env" ],
                "additionalProperties": false
              } ]
            },
            "fallbackMode": {
              "type": [ "string", "null" ],
              "title": "Mode",
              "enum": [ "FULL", "INCREMENTAL", null ]
            },
            "tables": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "name": {
                    "anyOf": [ {
                      "type": "string"
                    }, {
                      "type": "object",
                      "properties": {
                        "env": {
                          "type": "string"
                        }
                      },
                      "required": [ "env" ],
                      "additionalProperties": false
                    } ]
                  },
                  "mode": {
                    "type": "string",
                    "title": "Mode",
                    "enum": [ "FULL", "INCREMENTAL" ],
                    "default": "FULL"
                  }
                },
                "required": [ "name" ],
                "additionalProperties": false
              }
            },
            "flags": {
              "type": "object",
              "additionalProperties": {
                "anyOf": [ {
                  "type": "boolean"
                }, {
                  "type": "object",
                  "properties": {
                    "env": {
                      "type": "string"
                    }
                  },
                  "required": [ "env" ],
                  "additionalProperties": false
                } ]
              }
            },
            "extra": { }
          },
          "required": [ "url", "tables", "flags" ],
          "additionalProperties": false
        }""";

    assertThat(JsonSchemaExporter.toJsonSchemaString(ConfigSchema.fromClass(Extract.class)))
        .isEqualTo(expected);
  }

  @Test
  void shouldGiveTheSameTextWhenExportedTwice() {
    ConfigType type = ConfigSchema.fromClass(Extract.class);

    assertThat(JsonSchemaExporter.toJsonSchemaString(type))
        .isEqualTo(JsonSchemaExporter.toJsonSchemaString(ConfigSchema.fromClass(Extract.class)));
  }

  @Test
  void shouldDescribeHandBuiltTypesWhenExportedAsTree() {
    ConfigType type =
        ConfigType.shape(
            ConfigField.required("ids", ConfigType.array(ConfigType.longType())),
            ConfigField.optional(
                    "inner",
                    ConfigType.noneable(
                        ConfigType.shape(ConfigField.optional("x", ConfigType.any()))))
                .describedAs("Nested."));

    Map<String, Object> schema = JsonSchemaExporter.toJsonSchema(type);

    assertThat(schema.keySet())
        .containsExactly("$schema", "type", "properties", "required", "additionalProperties");
    assertThat(schema.get("required")).isEqualTo(List.of("ids"));
    Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
    assertThat(((Map<?, ?>) properties.get("ids")).get("type")).isEqualTo("array");
    assertThat(properties.get("inner"))
        .isEqualTo(
            Map.of(
                "type",
                List.of("object", "null"),
                "properties",
                Map.of("x", Map.of()),
                "additionalProperties",
                false,
                "description",
                "Nested."));
  }

  @Test
  void shouldAddSchemaKeyWhenTypeIsNotAShape() {
    assertThat(JsonSchemaExporter.toJsonSchema(ConfigType.map(ConfigType.any())))
        .isEqualTo(
            Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object",
                "additionalProperties", Map.of()));
  }
}
