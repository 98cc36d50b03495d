package io.pipewright.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class RetryRequestedTest {

  @Test
  void shouldExposeLimitsWhenCreated() {
    RetryRequested retry = new RetryRequested(3, 1.5);

    assertThat(retry.maxRetries()).isEqualTo(3);
    assertThat(retry.secondsToWait()).isEqualTo(1.5);
    assertThat(retry.getCause()).isNull();
    assertThat(retry).hasMessage("Retry requested (at most 3 retries, waiting 1.5s)");
  }

  @Test
  void shouldKeepCauseAndNameItInMessageWhenGiven() {
    SocketTimeoutException cause = new SocketTimeoutException("read timed out");

    RetryRequested retry = new RetryRequested(1, 0, cause);

    assertThat(retry.getCause()).isSameAs(cause);
    assertThat(retry.getMessage())
        .isEqualTo(
            "Retry requested (at most 1 retry, waiting 0.0s):"
                + " java.net.SocketTimeoutException: read timed out");
  }

  @Test
  void shouldRejectNegativeOrNonFiniteValuesWhenCreated() {
    assertThatThrownBy(() -> new RetryRequested(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetries >= 0, got -1");
    assertThatThrownBy(() -> new RetryRequested(1, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secondsToWait >= 0, got -0.5");
    assertThatThrownBy(() -> new RetryRequested(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryRequested(1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
