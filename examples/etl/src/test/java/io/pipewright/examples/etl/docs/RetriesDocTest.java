package io.pipewright.examples.etl.docs;

import static io.pipewright.sdk.event.EventType.STEP_FAILURE;
import static io.pipewright.sdk.event.EventType.STEP_RESTARTED;
import static io.pipewright.sdk.event.EventType.STEP_START;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static io.pipewright.sdk.event.EventType.STEP_UP_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.Failure;
import io.pipewright.sdk.Jitter;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.RetryRequested;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestClock;
import io.pipewright.sdk.types.Types;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the snippets of the "Step and step attempt" and "Retries" sections. */
class RetriesDocTest {

  // tag::step-attempts[]
  static final OpDefinition FETCH_RATES =
      OpDefinition.builder("fetch_rates")
          .output(Types.map(Types.DOUBLE))
          .retryPolicy(RetryPolicy.of(2, Duration.ofSeconds(5)))
          .compute(
              (ctx, in) -> {
                if (ctx.retryNumber() == 0) {
                  throw new IOException("The rates API timed out"); // the first attempt fails
                }
                ctx.log().info("Step " + ctx.stepKey() + ", attempt " + (ctx.retryNumber() + 1));
                return Map.of("EUR", 1.0, "USD", 0.92);
              })
          .build();

  // end::step-attempts[]

  /** A feed of order lines; a fake in the tests. */
  interface FeedClient {
    List<String> fetch() throws SocketTimeoutException;
  }

  // tag::failure[]
  static OpDefinition downloadFeed(FeedClient client) {
    return OpDefinition.builder("download_feed")
        .output(Types.list(Types.STRING))
        .compute(
            (ctx, in) -> {
              List<String> lines;
              try {
                lines = client.fetch();
              } catch (SocketTimeoutException e) {
                throw new RetryRequested(3, 10.0, e); // up to 3 retries, 10 s apart
              }
              if (lines.isEmpty()) {
                // Bad data: retrying cannot help, so the step fails for good.
                throw Failure.withoutRetries("The feed is empty", Metadata.of("lines", 0));
              }
              return lines;
            })
        .build();
  }

  // end::failure[]

  /** A feed that times out a given number of times, then returns its lines. */
  static FeedClient flaky(int timeouts, List<String> lines) {
    Deque<Boolean> plan = new ArrayDeque<>();
    for (int i = 0; i < timeouts; i++) {
      plan.add(true);
    }
    return () -> {
      if (!plan.isEmpty()) {
        plan.poll();
        throw new SocketTimeoutException("read timed out");
      }
      return lines;
    };
  }

  @Test
  void shouldRetryTheStepAfterItsDelayWhenTheFirstAttemptFails() {
    // tag::test-clock[]
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("rates_job", FETCH_RATES).build())
            .clock(clock) // stamps events
            .sleeper(clock.sleeper()) // retry waits advance the clock instead of sleeping
            .execute();

    RunAssertions.assertThat(result)
        .succeeded()
        .stepEvents("fetch_rates", STEP_START, STEP_UP_FOR_RETRY, STEP_RESTARTED, STEP_SUCCESS);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
    // end::test-clock[]
  }

  @Test
  void shouldGrowTheDelayExponentiallyWhenThePolicyHasABackoff() {
    // tag::retry-policy[]
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxRetries(4)
            .delay(Duration.ofSeconds(1))
            .backoff(Backoff.EXPONENTIAL) // 1 s, 3 s, 7 s, 15 s
            .jitter(Jitter.PLUS_MINUS) // each up to one base delay more or less
            .build();
    // end::retry-policy[]

    // With random = 0.5, PLUS_MINUS adds 2 * 0.5 * 1 s - 1 s = 0.
    assertThat(List.of(1, 2, 3, 4))
        .map(n -> policy.delayForAttempt(n, () -> 0.5))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofSeconds(7),
            Duration.ofSeconds(15));

    OpDefinition alwaysFails =
        OpDefinition.builder("always_fails")
            .retryPolicy(policy)
            .compute(
                (ctx, in) -> {
                  throw new IllegalStateException("down");
                })
            .build();
    TestClock clock = TestClock.at(Instant.EPOCH);
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("doomed", alwaysFails).build())
            .clock(clock)
            .sleeper(clock.sleeper())
            .random(() -> 0.0) // PLUS_MINUS takes one base delay off each wait
            .execute();

    RunAssertions.assertThat(result).failed().stepFailed("always_fails");
    assertThat(clock.sleeps())
        .containsExactly(
            Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(14));
  }

  @Test
  void shouldRetryAsRequestedWhenTheFeedTimesOut() {
    TestClock clock = TestClock.at(Instant.EPOCH);

    ExecutionResult result =
        JobExecution.of(
                JobDefinition.builder("feed", downloadFeed(flaky(2, List.of("o1,12.5")))).build())
            .clock(clock)
            .sleeper(clock.sleeper())
            .execute();

    RunAssertions.assertThat(result).succeeded().outputEquals("download_feed", List.of("o1,12.5"));
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void shouldFailForGoodWithoutRetryingWhenTheFeedIsEmpty() {
    JobDefinition job =
        JobDefinition.builder("feed", downloadFeed(flaky(0, List.of())))
            .opRetryPolicy(RetryPolicy.of(5))
            .build();

    ExecutionResult result = JobExecution.of(job).execute();

    RunAssertions.assertThat(result)
        .failed()
        .stepEvents("download_feed", STEP_START, STEP_FAILURE)
        .stepFailedWith("download_feed", "The feed is empty");
  }
}
