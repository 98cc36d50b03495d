package io.pipewright.sdk.config;

import static io.pipewright.sdk.config.ConfigType.array;
import static io.pipewright.sdk.config.ConfigType.bool;
import static io.pipewright.sdk.config.ConfigType.floatType;
import static io.pipewright.sdk.config.ConfigType.intType;
import static io.pipewright.sdk.config.ConfigType.longType;
import static io.pipewright.sdk.config.ConfigType.map;
import static io.pipewright.sdk.config.ConfigType.noneable;
import static io.pipewright.sdk.config.ConfigType.shape;
import static io.pipewright.sdk.config.ConfigType.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {

  private static final String PATH = "resources.db.config";
  private static final String SECRET = "s3cr3t-hunter2";

  private static final ConfigType DB =
      shape(
          ConfigField.required("host", string()),
          ConfigField.required("password", string()),
          ConfigField.withDefault("port", intType(), 5432),
          ConfigField.optional("timeoutMillis", longType()),
          ConfigField.optional("ratio", floatType()),
          ConfigField.optional("ssl", noneable(bool())),
          ConfigField.optional("replicas", array(string())),
          ConfigField.optional("labels", map(string())),
          ConfigField.optional("raw", ConfigType.any()));

  private static Map<String, Object> tree(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> env(String name) {
    return tree("env", name);
  }

  @Test
  void shouldReplaceReferencesWithTypedValuesWhenVariablesAreSet() {
    Map<String, Object> value =
        tree(
            "host", "db.local",
            "password", env("DB_PASSWORD"),
            "port", env("DB_PORT"),
            "timeoutMillis", env("TIMEOUT"),
            "ratio", env("RATIO"),
            "ssl", env("SSL"),
            "replicas", List.of("a", env("REPLICA")),
            "labels", tree("team", env("TEAM")));
    EnvLookup lookup =
        EnvLookup.of(
            Map.of(
                "DB_PASSWORD", SECRET,
                "DB_PORT", " 6543 ",
                "TIMEOUT", "30000000000",
                "RATIO", "0.25",
                "SSL", "TRUE",
                "REPLICA", "b",
                "TEAM", "data"));

    ConfigResolver.Resolution resolution = ConfigResolver.resolveEnv(DB, value, PATH, lookup);

    assertThat(resolution.errors()).isEmpty();
    assertThat(resolution.isSuccess()).isTrue();
    assertThat(resolution.value())
        .isEqualTo(
            tree(
                "host",
                "db.local",
                "password",
                SECRET,
                "port",
                6543,
                "timeoutMillis",
                30_000_000_000L,
                "ratio",
                0.25,
                "ssl",
                true,
                "replicas",
                List.of("a", "b"),
                "labels",
                tree("team", "data")));
    assertThat(value.get("password")).isEqualTo(env("DB_PASSWORD"));
  }

  @Test
  void shouldReportUnsetVariableByNameWhenItIsMissing() {
    Map<String, Object> value = tree("host", "h", "password", env("DB_PASSWORD"));

    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(DB, value, PATH, EnvLookup.of(Map.of()));

    assertThat(resolution.isSuccess()).isFalse();
    assertThat(resolution.errors())
        .containsExactly(
            new ConfigError(
                "resources.db.config.password",
                ConfigErrorReason.MISSING_ENV_VAR,
                "resources.db.config.password: environment variable DB_PASSWORD is not set"));
  }

  @Test
  void shouldNameVariableButNeverItsValueWhenValueHasWrongType() {
    Map<String, Object> value =
        tree(
            "host", "h",
            "password", "p",
            "port", env("DB_PORT"),
            "timeoutMillis", env("TIMEOUT"),
            "ratio", env("RATIO"),
            "ssl", env("SSL"));
    EnvLookup lookup =
        EnvLookup.of(
            Map.of("DB_PORT", SECRET, "TIMEOUT", "1.5", "RATIO", "NaN", "SSL", "yes-" + SECRET));

    ConfigResolver.Resolution resolution = ConfigResolver.resolveEnv(DB, value, PATH, lookup);

    assertThat(resolution.errors())
        .extracting(ConfigError::reason)
        .containsOnly(ConfigErrorReason.INVALID_VALUE);
    assertThat(resolution.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            PATH + ".port: environment variable DB_PORT does not hold a valid int (a whole number)",
            PATH
                + ".timeoutMillis: environment variable TIMEOUT does not hold a valid long (a whole"
                + " number)",
            PATH + ".ratio: environment variable RATIO does not hold a valid float (a number)",
            PATH + ".ssl: environment variable SSL does not hold a valid bool (true or false)");
    assertThat(resolution.errors().toString()).doesNotContain(SECRET);
    assertThat(String.valueOf(resolution.value())).doesNotContain(SECRET);
  }

  @Test
  void shouldReportEveryProblemWhenSeveralVariablesFail() {
    Map<String, Object> value =
        tree("host", env("HOST"), "password", env("PASSWORD"), "port", env("PORT"));

    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(DB, value, PATH, EnvLookup.of(Map.of("PORT", "x")));

    assertThat(resolution.errors())
        .extracting(ConfigError::path, ConfigError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PATH + ".host", ConfigErrorReason.MISSING_ENV_VAR),
            org.assertj.core.groups.Tuple.tuple(
                PATH + ".password", ConfigErrorReason.MISSING_ENV_VAR),
            org.assertj.core.groups.Tuple.tuple(PATH + ".port", ConfigErrorReason.INVALID_VALUE));
  }

  @Test
  void shouldLeaveTreeUntouchedWhenItHoldsNoReferences() {
    Map<String, Object> value =
        tree(
            "host",
            "h",
            "password",
            "p",
            "raw",
            env("NOT_A_SCALAR_POSITION"),
            "replicas",
            List.of("a"));

    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(DB, value, PATH, name -> Optional.of("unused"));

    assertThat(resolution.value()).isSameAs(value);
    assertThat(resolution.errors()).isEmpty();
  }

  @Test
  void shouldKeepNullWhenNoneableValueIsNull() {
    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(noneable(string()), null, PATH, EnvLookup.of(Map.of()));

    assertThat(resolution.value()).isNull();
    assertThat(resolution.errors()).isEmpty();
  }

  @Test
  void shouldResolveEnvReferenceWhenItComesFromADefault() {
    ConfigType type = shape(ConfigField.withDefault("token", string(), env("TOKEN")));
    Object filled = ConfigValidator.withDefaults(type, null);

    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(type, filled, PATH, EnvLookup.of(Map.of("TOKEN", "t")));

    assertThat(resolution.value()).isEqualTo(tree("token", "t"));
  }

  @Test
  void shouldRecognizeOnlyWellFormedReferencesWhenAsked() {
    assertThat(ConfigResolver.isEnvReference(env("A"))).isTrue();
    assertThat(ConfigResolver.isEnvReference(env(""))).isFalse();
    assertThat(ConfigResolver.isEnvReference(tree("env", "A", "x", 1))).isFalse();
    assertThat(ConfigResolver.isEnvReference("A")).isFalse();
  }

  @Test
  void shouldReadProcessEnvironmentWhenLookupIsSystem() {
    String name = System.getenv().keySet().iterator().next();

    assertThat(EnvLookup.system().get(name)).contains(System.getenv(name));
    assertThat(EnvLookup.system().get("PIPEWRIGHT_SURELY_UNSET_VARIABLE_42")).isEmpty();
  }
}
