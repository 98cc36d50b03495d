package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.AttemptHistory;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodLaunchSpec;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.executor.k8s.internal.RelaunchRule.Verdict;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RelaunchCheck}, the loop around {@link RelaunchRule}, against the mock API server: what it
 * reads, in which order, and what it answers when a read fails.
 */
class RelaunchCheckTest {

  private static final String NS = "relaunch-check";
  private static final Instant LAUNCHER = Instant.parse("2026-11-22T06:00:00Z");
  private static final Instant BEFORE = LAUNCHER.minusSeconds(60);

  private static TestCluster cluster;
  private static KubernetesClient client;
  private static PodFactory factory;

  private final ApiStats stats = new ApiStats();
  private final PodApi api = new PodApi(client, NS, "test", new TokenBucket(500, 100), stats, 1);
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(NS);
    client = cluster.newClient();
    factory = new PodFactory(K8sExecutorSettings.builder().namespace(NS).instance("test").build());
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  @org.junit.jupiter.api.AfterEach
  void closeApi() {
    api.close();
  }

  private static RunLookup startedAt(Instant at) {
    return runId -> Optional.of(RunLookup.RunInfo.active("etl", Map.of()).withStartedAt(at));
  }

  private AttemptHistory answering(boolean reported) {
    return attempt -> {
      asked.incrementAndGet();
      return reported;
    };
  }

  private static AttemptId attempt() {
    return new AttemptId(UUID.randomUUID().toString(), "extract", 1);
  }

  /** A pod of an attempt that never starts (the kubelet leaves it pending). */
  private static Pod podOf(AttemptId id) {
    return factory.build(
        PodLaunchSpec.builder()
            .runId(id.runId())
            .jobName("etl")
            .step(id.stepKey(), id.attempt())
            .codeLocation("etl", "registry.example.com/etl:1")
            .command(List.of("true"))
            .jobTags(
                Map.of(
                    K8sConfig.TAG,
                    "{\"pod_template_spec_metadata\": {\"annotations\": {\""
                        + TestKubelet.SCENARIO_ANNOTATION
                        + "\": \"NEVER_START\"}}}"))
            .build());
  }

  private RelaunchCheck.Answer check(RunLookup runs, AttemptHistory history, AttemptId id)
      throws InterruptedException {
    return new RelaunchCheck(runs, api, history).check(id, LAUNCHER);
  }

  @Test
  void shouldAdoptWithOneReadAndNoQuestionToTheHistoryWhenThePodExists() throws Exception {
    AttemptId id = attempt();
    client.pods().inNamespace(NS).resource(podOf(id)).create();

    RelaunchCheck.Answer answer = check(startedAt(BEFORE), answering(true), id);

    assertThat(answer.verdict()).isEqualTo(Verdict.ADOPT);
    assertThat(answer.podName()).isEqualTo(Names.podName(id.runId(), "extract", 1));
    assertThat(stats.of(ApiStats.Verb.GET).calls()).isEqualTo(1);
    assertThat(asked).hasValue(0);
  }

  @Test
  void shouldLeaveANameCollisionToTheCreateWhenThePodOfThatNameIsAnotherAttempts()
      throws Exception {
    AttemptId id = attempt();
    Pod other = podOf(attempt());
    other.getMetadata().setName(Names.podName(id.runId(), id.stepKey(), id.attempt()));
    client.pods().inNamespace(NS).resource(other).create();

    RelaunchCheck.Answer answer = check(startedAt(BEFORE), answering(true), id);

    assertThat(answer.verdict()).isEqualTo(Verdict.CREATE);
    assertThat(asked).hasValue(0);
  }

  @Test
  void shouldAnswerLostOrCreateFromTheHistoryWhenThePodIsGone() throws Exception {
    RelaunchCheck.Answer lost = check(startedAt(BEFORE), answering(true), attempt());
    RelaunchCheck.Answer create = check(startedAt(BEFORE), answering(false), attempt());

    assertThat(lost.verdict()).isEqualTo(Verdict.LOST);
    assertThat(lost.message()).contains("deleted after its worker reported");
    assertThat(create.verdict()).isEqualTo(Verdict.CREATE);
    assertThat(asked).hasValue(2);
    assertThat(stats.of(ApiStats.Verb.GET).calls()).isEqualTo(2);
  }

  @Test
  void shouldRefuseNamingTheCauseWhenTheHistoryFails() throws Exception {
    AttemptHistory failing =
        attempt -> {
          throw new IllegalStateException("the event log did not answer within 5s");
        };

    RelaunchCheck.Answer answer = check(startedAt(BEFORE), failing, attempt());

    assertThat(answer.verdict()).isEqualTo(Verdict.REFUSE);
    assertThat(answer.message())
        .contains("does not exist")
        .contains("the event log did not answer within 5s")
        .contains("not created");
  }

  @Test
  void shouldRefuseWhenTheRunLookupFailsWithoutReadingAnything() throws Exception {
    RunLookup failing =
        runId -> {
          throw new IllegalStateException("run store down");
        };

    RelaunchCheck.Answer answer = check(failing, answering(false), attempt());

    assertThat(answer.verdict()).isEqualTo(Verdict.REFUSE);
    assertThat(answer.message()).contains("run store down");
    assertThat(stats.totalCalls()).isZero();
  }

  @Test
  void shouldCreateWithoutAnyReadWhenTheRunStartedAfterTheLauncherOrNotAtAll() throws Exception {
    assertThat(check(startedAt(LAUNCHER.plusMillis(1)), answering(true), attempt()).verdict())
        .isEqualTo(Verdict.CREATE);
    assertThat(check(startedAt(null), answering(true), attempt()).verdict())
        .isEqualTo(Verdict.CREATE);
    assertThat(check(runId -> Optional.empty(), answering(true), attempt()).verdict())
        .isEqualTo(Verdict.CREATE);

    assertThat(stats.totalCalls()).isZero();
    assertThat(asked).hasValue(0);
  }
}
