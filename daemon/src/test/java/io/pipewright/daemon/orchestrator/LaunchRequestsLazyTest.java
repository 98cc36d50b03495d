package io.pipewright.daemon.orchestrator;

import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.NOW;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.SECRET;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.bigValue;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.launch;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.run;
import static io.pipewright.daemon.orchestrator.LaunchRequestsFixture.withoutImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.auth.AttemptClaims;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.protocol.mapping.StepArgsCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link LaunchRequests.ForRun#prepare}: requests whose arguments and token are built lazily. */
class LaunchRequestsLazyTest {

  /** A clock that counts how often it is read, and moves an hour on after the first read. */
  private static final class CountingClock extends Clock {
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return reads.getAndIncrement() == 0 ? NOW : NOW.plus(Duration.ofHours(1));
    }
  }

  @Test
  void shouldBuildTheArgumentsAndTokenOnlyWhenTheLauncherAsksWhenPrepared() {
    AttemptTokens tokens = new AttemptTokens(SECRET);
    CountingClock clock = new CountingClock();
    LaunchRequests requests =
        new LaunchRequests(tokens, Duration.ofMinutes(90), "http://webserver:3000", null, clock);

    LaunchRequest request =
        requests.forRun(run(Map.of()), null).prepare(launch("extract", 2), KnownState.empty());

    assertThat(request.isBuilt()).isFalse();
    assertThat(request.toString()).contains("not built yet").contains("run-1/extract#2");
    assertThat(request.tags()).containsEntry("kind", "source");
    // The token's lifetime counts from the preparation, not from when the launcher asks.
    assertThat(clock.reads.get()).isEqualTo(1);
    String token = request.environment().get(LaunchRequests.TOKEN_ENV);
    assertThat(request.isBuilt()).isTrue();
    AttemptClaims claims = tokens.verify(token, NOW);
    assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
    assertThat(StepArgsCodec.decode(request.command().get(2)).attempt()).isEqualTo(2);
    assertThat(request.command()).isSameAs(request.command());
  }

  @Test
  void shouldFailOnlyTheLaunchersQuestionWhenTheArgumentsAreTooLongAndPrepared() {
    LaunchRequests requests =
        new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC());
    String big = bigValue(3);

    LaunchRequest request =
        requests
            .forRun(run(Map.of("blob", big)), null)
            .prepare(launch("extract", 1), KnownState.empty());

    assertThatThrownBy(request::command)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Make the run config smaller");
    // The same failure on every question: the encoding is not tried again.
    Throwable first = org.assertj.core.api.Assertions.catchThrowable(request::environment);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(request::command)).isSameAs(first);
    assertThat(request.toString()).contains("could not be built");
  }

  @Test
  void shouldStillRefuseARunWithoutAnImageAtOnceWhenPrepared() {
    LaunchRequests requests = withoutImage();

    assertThatThrownBy(
            () ->
                requests
                    .forRun(run(Map.of()), null)
                    .prepare(launch("extract", 1), KnownState.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no image for etl");
  }
}
