package io.pipewright.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchRecordsTest {

  private static final AttemptId ID = new AttemptId("run-1", "extract", 1);

  @Test
  void shouldNeverPrintEnvironmentValuesWhenARequestIsRendered() {
    LaunchRequest request =
        LaunchRequest.builder(ID, "etl")
            .image("registry.example/etl:1.2")
            .command(List.of("execute-step", "--run", "run-1"))
            .environment("PIPEWRIGHT_TOKEN", "s3cr3t-token")
            .tags(Map.of("team", "ml"))
            .build();

    assertThat(request.toString())
        .doesNotContain("s3cr3t-token")
        .contains("PIPEWRIGHT_TOKEN")
        .contains("values hidden")
        .contains("run-1/extract#1");
    assertThat(request.environment()).containsEntry("PIPEWRIGHT_TOKEN", "s3cr3t-token");
  }

  @Test
  void shouldRequireACommandAndAllowNoImageWhenBuildingARequest() {
    assertThatThrownBy(() -> LaunchRequest.builder(ID, "etl").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a command");
    assertThat(LaunchRequest.builder(ID, "etl").command(List.of("x")).build().image()).isNull();
    assertThatThrownBy(() -> LaunchRequest.builder(ID, " ").command(List.of("x")).build())
        .hasMessageContaining("codeLocation");
  }

  @Test
  void shouldNumberAttemptsFromOneAndRenderThemReadably() {
    assertThat(ID.next()).isEqualTo(new AttemptId("run-1", "extract", 2));
    assertThat(ID.next().toString()).isEqualTo("run-1/extract#2");
    assertThatThrownBy(() -> new AttemptId("run-1", "extract", 0))
        .hasMessageContaining("the first attempt is 1");
  }

  @Test
  void shouldCarryAReasonOnlyWhenFailedOrRejected() {
    assertThatThrownBy(
            () ->
                new AttemptStatus(
                    ID, AttemptStatus.Phase.FAILED, Instant.EPOCH, null, 1, null, List.of()))
        .hasMessageContaining("needs a reason");
    assertThatThrownBy(
            () ->
                new AttemptStatus(
                    ID,
                    AttemptStatus.Phase.RUNNING,
                    Instant.EPOCH,
                    AttemptFailureReason.EVICTED,
                    null,
                    null,
                    List.of()))
        .hasMessageContaining("must not have a failure reason");
    assertThatThrownBy(() -> new LaunchResult(LaunchResult.Outcome.REJECTED, null, null))
        .hasMessageContaining("needs a reason");
    assertThat(AttemptStatus.exited(ID, Instant.EPOCH, 3, List.of("x")).reason())
        .isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
  }

  @Test
  void shouldClassifyEachReasonAsStepInfrastructureOrConfiguration() {
    assertThat(AttemptFailureReason.NON_ZERO_EXIT.kind()).isEqualTo(AttemptFailureReason.Kind.STEP);
    assertThat(AttemptFailureReason.OOM_KILLED.kind()).isEqualTo(AttemptFailureReason.Kind.STEP);
    assertThat(AttemptFailureReason.CONFIG_ERROR.kind())
        .isEqualTo(AttemptFailureReason.Kind.CONFIGURATION);
    assertThat(
            List.of(
                AttemptFailureReason.IMAGE_PULL,
                AttemptFailureReason.UNSCHEDULABLE,
                AttemptFailureReason.EVICTED,
                AttemptFailureReason.NODE_LOST,
                AttemptFailureReason.DELETED,
                AttemptFailureReason.START_TIMEOUT,
                AttemptFailureReason.LAUNCH_FAILED,
                AttemptFailureReason.LOST,
                AttemptFailureReason.PREEMPTED))
        .allMatch(AttemptFailureReason::isInfrastructure);
  }

  @Test
  void shouldBuildALazyInvocationOnceOnFirstAskWhenGivenASupplier() throws Exception {
    java.util.concurrent.atomic.AtomicInteger builds =
        new java.util.concurrent.atomic.AtomicInteger();
    LaunchRequest request =
        LaunchRequest.builder(ID, "etl")
            .invocation(
                () -> {
                  builds.incrementAndGet();
                  return new LaunchRequest.Invocation(
                      List.of("execute-step", "--args", "x"), Map.of("PIPEWRIGHT_TOKEN", "s3cr3t"));
                })
            .build();

    assertThat(builds.get()).isZero();
    assertThat(request.isBuilt()).isFalse();
    assertThat(request.toString()).contains("not built yet").doesNotContain("s3cr3t");
    Thread[] askers = new Thread[4];
    for (int i = 0; i < askers.length; i++) {
      askers[i] = new Thread(request::command);
      askers[i].start();
    }
    for (Thread asker : askers) {
      asker.join();
    }
    assertThat(request.environment()).containsEntry("PIPEWRIGHT_TOKEN", "s3cr3t");
    assertThat(request.command()).containsExactly("execute-step", "--args", "x");
    assertThat(builds.get()).isEqualTo(1);
    assertThat(request.toString()).contains("execute-step").doesNotContain("s3cr3t");
    assertThat(request)
        .isEqualTo(
            LaunchRequest.builder(ID, "etl")
                .command(List.of("execute-step", "--args", "x"))
                .environment("PIPEWRIGHT_TOKEN", "s3cr3t")
                .build());
  }

  @Test
  void shouldThrowTheSameFailureOnEveryAskWhenALazyInvocationCannotBeBuilt() {
    java.util.concurrent.atomic.AtomicInteger builds =
        new java.util.concurrent.atomic.AtomicInteger();
    LaunchRequest failing =
        LaunchRequest.builder(ID, "etl")
            .invocation(
                () -> {
                  builds.incrementAndGet();
                  throw new IllegalArgumentException("arguments too long");
                })
            .build();
    LaunchRequest empty =
        LaunchRequest.builder(ID, "etl")
            .invocation(() -> new LaunchRequest.Invocation(List.of(), Map.of()))
            .build();

    assertThatThrownBy(failing::command).hasMessage("arguments too long");
    assertThatThrownBy(failing::environment).hasMessage("arguments too long");
    assertThat(builds.get()).isEqualTo(1);
    assertThat(failing.toString()).contains("could not be built");
    assertThatThrownBy(empty::command)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a command");
  }
}
