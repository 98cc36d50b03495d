package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

  private static final Path ROOT = Path.of("/src/pipewright");
  private static final Path USER_HOME = Path.of("/home/ada");

  private static LocalOptions parse(List<String> args, Map<String, String> env) {
    return LocalOptions.parse(args, env, ROOT, USER_HOME);
  }

  @Test
  void shouldUseTheDefaultPortsAndAThrowawayHomeWhenNothingIsSet() {
    LocalOptions options = parse(List.of(), Map.of());

    assertThat(options.ports()).isEqualTo(new LocalOptions.Ports(3000, 3070, 4001, 4002));
    assertThat(options.home()).isEmpty();
    assertThat(options.keep()).isFalse();
    assertThat(options.root()).isEqualTo(ROOT);
  }

  @Test
  void shouldKeepTheHomeWhenPipewrightHomeIsSetOrKeepIsGiven() {
    LocalOptions fromEnv = parse(List.of(), Map.of("PIPEWRIGHT_HOME", "/data/pw"));
    LocalOptions fromFlag = parse(List.of("--keep"), Map.of());

    assertThat(fromEnv.home()).contains(Path.of("/data/pw"));
    assertThat(fromEnv.keep()).isTrue();
    assertThat(fromFlag.home()).contains(USER_HOME.resolve(".pipewright"));
    assertThat(fromFlag.keep()).isTrue();
  }

  @Test
  void shouldTakeEachPortFromItsVariableWhenSet() {
    LocalOptions options =
        parse(
            List.of(),
            Map.of(
                "PIPEWRIGHT_WEBSERVER_PORT", "3100",
                "PIPEWRIGHT_DAEMON_PORT", "3170",
                "PIPEWRIGHT_ETL_PORT", "4101",
                "PIPEWRIGHT_ASSETS_PORT", " 4102 "));

    assertThat(options.ports()).isEqualTo(new LocalOptions.Ports(3100, 3170, 4101, 4102));
  }

  @Test
  void shouldNameTheVariableWhenAPortIsNotANumber() {
    assertThatThrownBy(() -> parse(List.of(), Map.of("PIPEWRIGHT_ETL_PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PIPEWRIGHT_ETL_PORT")
        .hasMessageContaining("'http'");
    assertThatThrownBy(() -> parse(List.of(), Map.of("PIPEWRIGHT_DAEMON_PORT", "70000")))
        .hasMessageContaining("PIPEWRIGHT_DAEMON_PORT");
  }

  @Test
  void shouldRefuseTwoServersOnOnePortWhenVariablesCollide() {
    assertThatThrownBy(() -> parse(List.of(), Map.of("PIPEWRIGHT_DAEMON_PORT", "3000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ")
        .hasMessageContaining("PIPEWRIGHT_WEBSERVER_PORT");
  }

  @Test
  void shouldRefuseAnUnknownArgumentWhenGiven() {
    assertThatThrownBy(() -> parse(List.of("--kep"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kep")
        .hasMessageContaining("--keep");
  }
}
