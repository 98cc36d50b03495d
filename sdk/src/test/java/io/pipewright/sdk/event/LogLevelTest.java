package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelTest {

  @Test
  void shouldUsePythonNumbersWhenPythonLevel() {
    assertThat(LogLevel.DEBUG.pythonLevel()).isEqualTo(10);
    assertThat(LogLevel.INFO.pythonLevel()).isEqualTo(20);
    assertThat(LogLevel.WARNING.pythonLevel()).isEqualTo(30);
    assertThat(LogLevel.ERROR.pythonLevel()).isEqualTo(40);
    assertThat(LogLevel.CRITICAL.pythonLevel()).isEqualTo(50);
  }

  @Test
  void shouldRoundDownWhenFromPythonLevel() {
    assertThat(LogLevel.fromPythonLevel(0)).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.fromPythonLevel(20)).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.fromPythonLevel(25)).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.fromPythonLevel(30)).isEqualTo(LogLevel.WARNING);
    assertThat(LogLevel.fromPythonLevel(45)).isEqualTo(LogLevel.ERROR);
    assertThat(LogLevel.fromPythonLevel(99)).isEqualTo(LogLevel.CRITICAL);
    for (LogLevel level : LogLevel.values()) {
      assertThat(LogLevel.fromPythonLevel(level.pythonLevel())).isEqualTo(level);
    }
  }

  @Test
  void shouldCompareSeverityWhenIsAtLeast() {
    assertThat(LogLevel.ERROR.isAtLeast(LogLevel.WARNING)).isTrue();
    assertThat(LogLevel.WARNING.isAtLeast(LogLevel.WARNING)).isTrue();
    assertThat(LogLevel.INFO.isAtLeast(LogLevel.WARNING)).isFalse();
  }
}
