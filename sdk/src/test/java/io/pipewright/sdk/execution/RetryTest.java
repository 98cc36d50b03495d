package io.pipewright.sdk.execution;

import static io.pipewright.sdk.event.EventType.STEP_FAILURE;
import static io.pipewright.sdk.event.EventType.STEP_RESTARTED;
import static io.pipewright.sdk.event.EventType.STEP_START;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static io.pipewright.sdk.event.EventType.STEP_UP_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.Failure;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.RetryRequested;
import io.pipewright.sdk.event.StepRetryData;
import io.pipewright.sdk.internal.engine.RetryDecision;
import io.pipewright.sdk.types.Types;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private static OpDefinition flaky(String name, int failures, RetryPolicy policy) {
    AtomicInteger calls = new AtomicInteger();
    return OpDefinition.builder(name)
        .output(Types.INT)
        .retryPolicy(policy)
        .compute(
            (ctx, in) -> {
              if (calls.getAndIncrement() < failures) {
                throw new IllegalStateException("flaky " + ctx.retryNumber());
              }
              return ctx.retryNumber();
            })
        .build();
  }

  @Test
  void shouldRetryWithExponentialBackoffOnTheFakeClockWhenTheOpFails() {
    Fixtures.FakeTime time = new Fixtures.FakeTime();
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxRetries(3)
            .delay(Duration.ofSeconds(1))
            .backoff(Backoff.EXPONENTIAL)
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", flaky("flaky", 2, policy)).build())
            .clock(time.clock())
            .sleeper(time.sleeper())
            .execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(ExecutionBasicsTest.types(result.eventsForStep("flaky")))
        .filteredOn(
            t ->
                t == STEP_START
                    || t == STEP_UP_FOR_RETRY
                    || t == STEP_RESTARTED
                    || t == STEP_SUCCESS)
        .containsExactly(
            STEP_START,
            STEP_UP_FOR_RETRY,
            STEP_RESTARTED,
            STEP_UP_FOR_RETRY,
            STEP_RESTARTED,
            STEP_SUCCESS);
    // ((2^n) - 1) * 1s for retries n = 1, 2
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(result.outputFor("flaky")).isEqualTo(2);
    StepRetryData retry =
        result.eventsOfType(STEP_UP_FOR_RETRY).get(1).data(StepRetryData.class).orElseThrow();
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.secondsToWait()).isEqualTo(3.0);
  }

  @Test
  void shouldFailAfterTheLastRetryWhenTheOpKeepsFailing() {
    Fixtures.FakeTime time = new Fixtures.FakeTime();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", flaky("flaky", 10, RetryPolicy.of(2))).build())
            .sleeper(time.sleeper())
            .execute();

    assertThat(result.eventsOfType(STEP_UP_FOR_RETRY)).hasSize(2);
    assertThat(result.eventsOfType(STEP_FAILURE)).hasSize(1);
    assertThat(result.failureOf("flaky").orElseThrow().message()).contains("flaky 2");
  }

  @Test
  void shouldNotRetryWhenTheOpRaisesFailureWithoutRetries() {
    OpDefinition op =
        OpDefinition.builder("final")
            .retryPolicy(RetryPolicy.of(5))
            .compute(
                (ctx, in) -> {
                  throw Failure.withoutRetries("bad data, retrying will not help");
                })
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("j", op).build()).execute();

    assertThat(result.eventsOfType(STEP_UP_FOR_RETRY)).isEmpty();
    assertThat(result.failureOf("final").orElseThrow().message())
        .isEqualTo("bad data, retrying will not help");
  }

  @Test
  void shouldRetryAsRequestedWhenTheOpRaisesRetryRequestedWithoutAPolicy() {
    Fixtures.FakeTime time = new Fixtures.FakeTime();
    AtomicInteger calls = new AtomicInteger();
    OpDefinition op =
        OpDefinition.builder("asks")
            .compute(
                (ctx, in) -> {
                  if (calls.getAndIncrement() == 0) {
                    throw new RetryRequested(1, 2.5);
                  }
                  return "ok";
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", op).build()).sleeper(time.sleeper()).execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(time.sleeps).containsExactly(Duration.ofMillis(2500));
  }

  @Test
  void shouldUseTheJobRetryPolicyForOpsWithoutTheirOwn() {
    Fixtures.FakeTime time = new Fixtures.FakeTime();
    AtomicInteger calls = new AtomicInteger();
    OpDefinition op =
        OpDefinition.builder("plain")
            .compute(
                (ctx, in) -> {
                  if (calls.getAndIncrement() == 0) {
                    throw new IllegalStateException("once");
                  }
                  return 1;
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("j", op).opRetryPolicy(RetryPolicy.of(1)).build())
            .sleeper(time.sleeper())
            .execute();

    assertThat(result.isSuccess()).isTrue();
  }

  @Test
  void shouldDecideRetriesPurelyFromPolicyRequestAndRetryNumber() {
    RetryPolicy policy = RetryPolicy.builder().maxRetries(2).delay(Duration.ofSeconds(2)).build();
    assertThat(RetryDecision.decide(RetryDecision.Request.BY_POLICY, policy, 0, () -> 0.5).retry())
        .isTrue();
    assertThat(RetryDecision.decide(RetryDecision.Request.BY_POLICY, policy, 1, () -> 0.5).delay())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryDecision.decide(RetryDecision.Request.BY_POLICY, policy, 2, () -> 0.5).retry())
        .isFalse();
    assertThat(RetryDecision.decide(RetryDecision.Request.BY_POLICY, null, 0, () -> 0.5).retry())
        .isFalse();
    assertThat(RetryDecision.decide(RetryDecision.Request.NEVER, policy, 0, () -> 0.5).retry())
        .isFalse();
  }
}
