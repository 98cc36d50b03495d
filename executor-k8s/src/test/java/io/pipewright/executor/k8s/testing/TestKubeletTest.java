package io.pipewright.executor.k8s.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestKubeletTest {

  private static final String NS = "kubelet-test";
  private static TestCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(NS);
    client = cluster.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  private static Pod create(String name, List<String> command, Map<String, String> annotations) {
    return client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("step")
                .withImage("busybox")
                .withCommand(command)
                .addNewEnv()
                .withName("GREETING")
                .withValue("hello")
                .endEnv()
                .addNewEnv()
                .withName("POD")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static Pod await(String name, Predicate<Pod> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Pod pod = null;
    while (System.nanoTime() < deadline) {
      pod = client.pods().inNamespace(NS).withName(name).get();
      if (pod != null && pod.getStatus() != null && condition.test(pod)) {
        return pod;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("pod " + name + " did not get there; last seen: " + pod);
  }

  private static String phase(Pod pod) {
    return pod.getStatus().getPhase();
  }

  private static ContainerStatus container(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0);
  }

  @Test
  void shouldRunCommandAndReportExitCodeWhenPodIsCreated() throws InterruptedException {
    create(
        "exit-three", List.of("sh", "-c", "echo hi; echo $GREETING from $POD; exit 3"), Map.of());

    Pod pod = await("exit-three", p -> "Failed".equals(phase(p)));

    assertThat(pod.getSpec().getNodeName()).isEqualTo(TestKubelet.NODE_NAME);
    assertThat(container(pod).getState().getTerminated().getExitCode()).isEqualTo(3);
    assertThat(container(pod).getState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(pod.getStatus().getStartTime()).isNotNull();
    assertThat(client.pods().inNamespace(NS).withName("exit-three").inContainer("step").getLog())
        .isEqualTo("hi\nhello from exit-three\n");
    assertThat(
            client
                .pods()
                .inNamespace(NS)
                .withName("exit-three")
                .inContainer("step")
                .tailingLines(1)
                .getLog())
        .isEqualTo("hello from exit-three\n");
  }

  @Test
  void shouldRunTheImagesEntrypointWithTheArgumentsWhenThePodHasNoCommand()
      throws InterruptedException {
    cluster.kubelet().entrypoint("worker:1", List.of("sh", "-c", "echo entry \"$@\"", "sh"));
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("entrypoint")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("step")
                .withImage("worker:1")
                .withArgs("execute-step", "--args", "x")
                .endContainer()
                .endSpec()
                .build())
        .create();

    await("entrypoint", p -> "Succeeded".equals(phase(p)));

    assertThat(client.pods().inNamespace(NS).withName("entrypoint").inContainer("step").getLog())
        .isEqualTo("entry execute-step --args x\n");
  }

  @Test
  void shouldReportRunningThenSucceededWhenCommandExitsZero() throws InterruptedException {
    create("slow-ok", List.of("sh", "-c", "sleep 0.5"), Map.of());

    Pod running = await("slow-ok", p -> "Running".equals(phase(p)));
    assertThat(container(running).getState().getRunning().getStartedAt()).isNotNull();
    Pod done = await("slow-ok", p -> "Succeeded".equals(phase(p)));
    assertThat(container(done).getState().getTerminated().getExitCode()).isZero();
    assertThat(container(done).getState().getTerminated().getReason()).isEqualTo("Completed");
  }

  @Test
  void shouldResolveSecretWhenEnvRefersToIt() throws InterruptedException {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withData(
                    Map.of(
                        "password",
                        Base64.getEncoder()
                            .encodeToString("s3cret".getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
    Pod pod =
        new PodBuilder(
                client
                    .pods()
                    .inNamespace(NS)
                    .resource(podWithSecretEnv("with-secret", "db"))
                    .create())
            .build();

    await(pod.getMetadata().getName(), p -> "Succeeded".equals(phase(p)));
    assertThat(client.pods().inNamespace(NS).withName("with-secret").getLog())
        .isEqualTo("s3cret\n");
  }

  @Test
  void shouldWaitInConfigErrorWhenSecretIsMissing() throws InterruptedException {
    client.pods().inNamespace(NS).resource(podWithSecretEnv("no-secret", "absent")).create();

    Pod pod =
        await(
            "no-secret",
            p ->
                !p.getStatus().getContainerStatuses().isEmpty()
                    && container(p).getState().getWaiting() != null
                    && "CreateContainerConfigError"
                        .equals(container(p).getState().getWaiting().getReason()));

    assertThat(container(pod).getState().getWaiting().getMessage())
        .isEqualTo("secret \"absent\" not found");
    assertThat(phase(pod)).isEqualTo("Pending");
  }

  @Test
  void shouldPlayScenarioWhenPodAsksForIt() throws InterruptedException {
    create("oom", List.of("sleep", "30"), Map.of(TestKubelet.SCENARIO_ANNOTATION, "OOM"));
    create("pull", List.of("true"), Map.of(TestKubelet.SCENARIO_ANNOTATION, "IMAGE_PULL_ERROR"));
    create("nowhere", List.of("true"), Map.of(TestKubelet.SCENARIO_ANNOTATION, "UNSCHEDULABLE"));

    Pod oom = await("oom", p -> "Failed".equals(phase(p)));
    assertThat(container(oom).getState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(container(oom).getState().getTerminated().getExitCode()).isEqualTo(137);
    Pod pull =
        await(
            "pull",
            p ->
                !p.getStatus().getContainerStatuses().isEmpty()
                    && container(p).getState().getWaiting() != null
                    && "ImagePullBackOff".equals(container(p).getState().getWaiting().getReason()));
    assertThat(phase(pull)).isEqualTo("Pending");
    Pod nowhere = await("nowhere", p -> !p.getStatus().getConditions().isEmpty());
    assertThat(nowhere.getStatus().getConditions().get(0).getReason()).isEqualTo("Unschedulable");
    assertThat(nowhere.getSpec().getNodeName()).isNull();
  }

  @Test
  void shouldFailWithDeadlineExceededWhenPodRunsTooLong() throws InterruptedException {
    Pod pod =
        new PodBuilder(podWithSecretEnv("too-long", "unused"))
            .editSpec()
            .withActiveDeadlineSeconds(1L)
            .editFirstContainer()
            .withEnv(List.of())
            .withCommand("sleep", "30")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(NS).resource(pod).create();

    Pod done = await("too-long", p -> "Failed".equals(phase(p)));

    assertThat(done.getStatus().getReason()).isEqualTo("DeadlineExceeded");
  }

  private static Pod podWithSecretEnv(String name, String secret) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("step")
        .withImage("busybox")
        .withCommand("sh", "-c", "echo $PASSWORD")
        .addNewEnv()
        .withName("PASSWORD")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey("password")
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .endContainer()
        .endSpec()
        .build();
  }
}
