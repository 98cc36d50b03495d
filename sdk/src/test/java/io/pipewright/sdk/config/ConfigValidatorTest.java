package io.pipewright.sdk.config;

import static io.pipewright.sdk.config.ConfigType.any;
import static io.pipewright.sdk.config.ConfigType.array;
import static io.pipewright.sdk.config.ConfigType.bool;
import static io.pipewright.sdk.config.ConfigType.enumOf;
import static io.pipewright.sdk.config.ConfigType.floatType;
import static io.pipewright.sdk.config.ConfigType.intType;
import static io.pipewright.sdk.config.ConfigType.longType;
import static io.pipewright.sdk.config.ConfigType.map;
import static io.pipewright.sdk.config.ConfigType.noneable;
import static io.pipewright.sdk.config.ConfigType.shape;
import static io.pipewright.sdk.config.ConfigType.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  private static final String PATH = "ops.extract.config";

  private static final ConfigType EXTRACT =
      shape(
          ConfigField.required("limit", intType()),
          ConfigField.optional("url", string()),
          ConfigField.required("color", enumOf("Color", List.of("RED", "GREEN"))),
          ConfigField.withDefault("tables", array(string()), List.of("a")));

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static List<String> messages(ConfigType type, Object value) {
    return ConfigValidator.validate(type, value, PATH).stream().map(ConfigError::message).toList();
  }

  @Test
  void shouldReturnNoErrorsWhenValueMatches() {
    assertThat(ConfigValidator.validate(EXTRACT, tree("limit", 10, "color", "RED"), PATH))
        .isEmpty();
  }

  @Test
  void shouldNameExpectedTypeAndValueWhenTypeIsWrong() {
    assertThat(ConfigValidator.validate(EXTRACT, tree("limit", "ten", "color", "RED"), PATH))
        .containsExactly(
            new ConfigError(
                "ops.extract.config.limit",
                ConfigErrorReason.WRONG_TYPE,
                "ops.extract.config.limit: expected int, got \"ten\""));
  }

  @Test
  void shouldNameFieldAndTypeWhenRequiredFieldIsMissing() {
    assertThat(ConfigValidator.validate(EXTRACT, tree("color", "RED"), PATH))
        .containsExactly(
            new ConfigError(
                PATH,
                ConfigErrorReason.MISSING_REQUIRED_FIELD,
                "ops.extract.config: missing required field 'limit' (int)"));
  }

  @Test
  void shouldSuggestClosestFieldWhenUnexpectedFieldIsATypo() {
    assertThat(ConfigValidator.validate(EXTRACT, tree("limt", 10, "color", "RED"), PATH))
        .containsExactly(
            new ConfigError(
                PATH,
                ConfigErrorReason.MISSING_REQUIRED_FIELD,
                "ops.extract.config: missing required field 'limit' (int)"),
            new ConfigError(
                "ops.extract.config.limt",
                ConfigErrorReason.UNEXPECTED_FIELD,
                "ops.extract.config.limt: unexpected field; did you mean 'limit'?"));
  }

  @Test
  void shouldSuggestAcrossCaseAndTranspositionWhenFieldIsMisspelled() {
    assertThat(messages(EXTRACT, tree("limit", 1, "color", "RED", "tabels", List.of())))
        .containsExactly("ops.extract.config.tabels: unexpected field; did you mean 'tables'?");
    assertThat(messages(EXTRACT, tree("limit", 1, "color", "RED", "URL", "x")))
        .containsExactly("ops.extract.config.URL: unexpected field; did you mean 'url'?");
  }

  @Test
  void shouldListValidFieldsWhenUnexpectedFieldIsNotClose() {
    assertThat(messages(EXTRACT, tree("limit", 1, "color", "RED", "password", "x")))
        .containsExactly(
            "ops.extract.config.password: unexpected field; valid fields are limit, url, color,"
                + " tables");
    assertThat(messages(shape(), tree("x", 1)))
        .containsExactly("ops.extract.config.x: unexpected field; this config takes no fields");
  }

  @Test
  void shouldListAllowedValuesWhenEnumValueIsUnknown() {
    assertThat(ConfigValidator.validate(EXTRACT, tree("limit", 1, "color", "PURPLE"), PATH))
        .containsExactly(
            new ConfigError(
                "ops.extract.config.color",
                ConfigErrorReason.INVALID_ENUM_VALUE,
                "ops.extract.config.color: \"PURPLE\" is not one of RED, GREEN"));
    assertThat(messages(EXTRACT, tree("limit", 1, "color", 3)))
        .containsExactly("ops.extract.config.color: expected enum Color{RED,GREEN}, got 3");
  }

  @Test
  void shouldReportEveryErrorWhenSeveralFieldsAreWrong() {
    Map<String, Object> value =
        tree("url", 5, "color", "BLUE", "tables", List.of("x", 2, true), "limt", 3);

    assertThat(messages(EXTRACT, value))
        .containsExactly(
            "ops.extract.config: missing required field 'limit' (int)",
            "ops.extract.config.url: expected string, got 5",
            "ops.extract.config.color: \"BLUE\" is not one of RED, GREEN",
            "ops.extract.config.tables[1]: expected string, got 2",
            "ops.extract.config.tables[2]: expected string, got true",
            "ops.extract.config.limt: unexpected field; did you mean 'limit'?");
  }

  @Test
  void shouldBuildNestedPathsWhenErrorsAreDeep() {
    ConfigType type =
        shape(
            ConfigField.required(
                "sources", array(shape(ConfigField.required("weights", map(floatType()))))));
    Object value =
        tree("sources", List.of(tree("weights", tree("a", 1)), tree("weights", tree("b", "x"))));

    assertThat(ConfigValidator.validate(type, value, "resources.db.config"))
        .extracting(ConfigError::path, ConfigError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "resources.db.config.sources[1].weights.b",
                "resources.db.config.sources[1].weights.b: expected float, got \"x\""));
  }

  @Test
  void shouldStartMessageWithConfigWhenPathIsEmpty() {
    assertThat(ConfigValidator.validate(intType(), "x", ""))
        .containsExactly(
            new ConfigError("", ConfigErrorReason.WRONG_TYPE, "config: expected int, got \"x\""));
    assertThat(ConfigValidator.validate(array(intType()), List.of("x"), ""))
        .extracting(ConfigError::message)
        .containsExactly("[0]: expected int, got \"x\"");
  }

  @Test
  void shouldAcceptWholeNumbersOfAnyJavaTypeWhenIntIsExpected() {
    for (Object ok :
        List.of(
            1,
            1L,
            (short) 1,
            (byte) 1,
            10.0,
            10.0f,
            new BigDecimal("10.000"),
            BigInteger.TEN,
            Integer.MAX_VALUE,
            (long) Integer.MIN_VALUE,
            2147483647.0,
            new BigDecimal("1E+3"))) {
      assertThat(ConfigValidator.validate(intType(), ok, "n")).as("%s", ok).isEmpty();
    }
  }

  @Test
  void shouldRejectFractionsAndStringsWhenIntIsExpected() {
    assertThat(messages(intType(), 2.5)).containsExactly(PATH + ": expected int, got 2.5");
    assertThat(messages(intType(), new BigDecimal("1.50")))
        .containsExactly(PATH + ": expected int, got 1.50");
    assertThat(messages(intType(), "10")).containsExactly(PATH + ": expected int, got \"10\"");
    assertThat(messages(intType(), Double.NaN)).containsExactly(PATH + ": expected int, got NaN");
    assertThat(messages(intType(), true)).containsExactly(PATH + ": expected int, got true");
  }

  @Test
  void shouldReportOutOfRangeWhenNumberDoesNotFit() {
    assertThat(ConfigValidator.validate(intType(), 3_000_000_000L, PATH))
        .containsExactly(
            new ConfigError(
                PATH,
                ConfigErrorReason.INVALID_VALUE,
                PATH + ": 3000000000 is out of range for int"));
    assertThat(messages(intType(), 2147483648.0))
        .containsExactly(PATH + ": 2.147483648E9 is out of range for int");
    assertThat(messages(longType(), new BigInteger("9223372036854775808")))
        .containsExactly(PATH + ": 9223372036854775808 is out of range for long");
    assertThat(messages(longType(), 9.223372036854775807E18))
        .containsExactly(PATH + ": 9.223372036854776E18 is out of range for long");
    assertThat(messages(longType(), new BigDecimal("1E+1000000000")))
        .containsExactly(PATH + ": 1E+1000000000 is out of range for long");
  }

  @Test
  void shouldAcceptLongRangeWhenLongIsExpected() {
    assertThat(ConfigValidator.validate(longType(), Long.MAX_VALUE, PATH)).isEmpty();
    assertThat(ConfigValidator.validate(longType(), 3_000_000_000.0, PATH)).isEmpty();
    assertThat(ConfigValidator.validate(longType(), -9.223372036854775808E18, PATH)).isEmpty();
    assertThat(messages(longType(), 1.5)).containsExactly(PATH + ": expected long, got 1.5");
  }

  @Test
  void shouldAcceptAnyNumberButNoStringWhenFloatIsExpected() {
    for (Object ok : List.of(1, 1L, 1.5, 1.5f, new BigDecimal("0.1"), BigInteger.ONE)) {
      assertThat(ConfigValidator.validate(floatType(), ok, PATH)).as("%s", ok).isEmpty();
    }
    assertThat(messages(floatType(), "1.5"))
        .containsExactly(PATH + ": expected float, got \"1.5\"");
  }

  @Test
  void shouldAcceptOnlyBooleansWhenBoolIsExpected() {
    assertThat(ConfigValidator.validate(bool(), false, PATH)).isEmpty();
    assertThat(messages(bool(), "true")).containsExactly(PATH + ": expected bool, got \"true\"");
    assertThat(messages(bool(), 1)).containsExactly(PATH + ": expected bool, got 1");
  }

  @Test
  void shouldTreatNullShapeAsEmptyWhenShapeIsValidated() {
    ConfigType allOptional = shape(ConfigField.withDefault("a", intType(), 1));

    assertThat(ConfigValidator.validate(allOptional, null, PATH)).isEmpty();
    assertThat(messages(EXTRACT, null))
        .containsExactly(
            PATH + ": missing required field 'limit' (int)",
            PATH + ": missing required field 'color' (enum Color{RED,GREEN})");
  }

  @Test
  void shouldRejectNullWhenScalarIsRequiredUnlessNoneable() {
    ConfigType type =
        shape(
            ConfigField.required("a", intType()),
            ConfigField.required("b", noneable(intType())),
            ConfigField.optional("c", intType()),
            ConfigField.withDefault("d", intType(), 4));

    assertThat(messages(type, tree("a", null, "b", null, "c", null, "d", null)))
        .containsExactly(PATH + ".a: expected int, got null");
    assertThat(messages(type, tree("a", 1)))
        .containsExactly(PATH + ": missing required field 'b' (int?)");
    assertThat(messages(noneable(intType()), "x"))
        .containsExactly(PATH + ": expected int, got \"x\"");
  }

  @Test
  void shouldCheckKeysAndValuesWhenMapIsExpected() {
    Map<Object, Object> badKey = new LinkedHashMap<>();
    badKey.put(1, 2);

    assertThat(ConfigValidator.validate(map(intType()), tree("a", 1, "b", 2), PATH)).isEmpty();
    assertThat(messages(map(intType()), badKey))
        .containsExactly(PATH + ": keys must be strings, got 1");
    assertThat(messages(map(intType()), List.of()))
        .containsExactly(PATH + ": expected {string: int}, got []");
    assertThat(messages(array(intType()), tree("a", 1)))
        .containsExactly(PATH + ": expected [int], got {\"a\": 1}");
  }

  @Test
  void shouldAcceptAnythingWhenTypeIsAny() {
    assertThat(
            ConfigValidator.validate(any(), tree("x", java.util.Arrays.asList(1, "a", null)), PATH))
        .isEmpty();
    assertThat(ConfigValidator.validate(any(), null, PATH)).isEmpty();
  }

  @Test
  void shouldTruncateLongValuesWhenRenderingThem() {
    String longText = "x".repeat(100);

    assertThat(messages(intType(), longText))
        .containsExactly(PATH + ": expected int, got \"" + "x".repeat(36) + "...");
    assertThat(messages(intType(), "a\"b\nc"))
        .containsExactly(PATH + ": expected int, got \"a\\\"b\\nc\"");
  }

  @Test
  void shouldAcceptEnvReferenceWithoutReadingItWhenScalarIsExpected() {
    ConfigType type =
        shape(
            ConfigField.required("password", string()),
            ConfigField.required("port", intType()),
            ConfigField.required("ratio", floatType()),
            ConfigField.required("debug", noneable(bool())));
    Object value =
        tree(
            "password", tree("env", "DB_PASSWORD"),
            "port", tree("env", "DB_PORT"),
            "ratio", tree("env", "RATIO"),
            "debug", tree("env", "DEBUG"));

    assertThat(ConfigValidator.validate(type, value, "resources.db.config")).isEmpty();
  }

  @Test
  void shouldRejectMalformedEnvReferenceWhenScalarIsExpected() {
    assertThat(ConfigValidator.validate(string(), tree("env", " "), PATH))
        .containsExactly(
            new ConfigError(
                PATH,
                ConfigErrorReason.INVALID_VALUE,
                PATH
                    + ": an environment variable reference must be exactly {\"env\": \"NAME\"}"
                    + " with a non-blank name, got {\"env\": \" \"}"));
    assertThat(messages(string(), tree("env", "A", "default", "x"))).hasSize(1);
    assertThat(messages(intType(), tree("env", 3))).hasSize(1);
    assertThat(messages(string(), tree("name", "A")))
        .containsExactly(PATH + ": expected string, got {\"name\": \"A\"}");
  }

  @Test
  void shouldRejectEnvReferenceWhenValueIsNotScalar() {
    ConfigType colors = array(string());

    assertThat(messages(colors, tree("env", "COLORS")))
        .containsExactly(
            PATH
                + ": an environment variable can only stand for a string, int, long, float or"
                + " bool, but this value must be [string]");
    assertThat(messages(EXTRACT, tree("env", "X"))).hasSize(1);
    assertThat(messages(enumOf("Color", List.of("RED")), tree("env", "X"))).hasSize(1);
    assertThat(ConfigValidator.validate(map(string()), tree("env", "X"), PATH)).isEmpty();
  }
}
