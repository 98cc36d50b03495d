package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.pipewright.executor.k8s.InvalidK8sConfigException;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodLabels;
import io.pipewright.executor.k8s.PodLaunchSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodFactoryTest {

  private static final String RUN = "0f6c2a1e-1111-2222-3333-444455556666";

  private static String q(String json) {
    return json.replace('\'', '"');
  }

  private static PodLaunchSpec.Builder spec() {
    return PodLaunchSpec.builder()
        .runId(RUN)
        .jobName("daily_etl")
        .step("clean[2024-01-01]", 1)
        .codeLocation("etl-location", "registry.example.com/etl:1.2")
        .args(List.of("execute-step", "--args", "eyJ9"))
        .env("PIPEWRIGHT_INGEST_URL", "http://webserver:3000")
        .sensitiveEnv("PIPEWRIGHT_INGEST_TOKEN", "secret-token");
  }

  private static PodFactory factory() {
    return new PodFactory(
        K8sExecutorSettings.builder().namespace("steps").instance("prod").build());
  }

  private static PodFactory factory(String deploymentJson) {
    return new PodFactory(
        K8sExecutorSettings.builder()
            .namespace("steps")
            .instance("prod")
            .defaults(K8sConfig.parse(q(deploymentJson), "deployment defaults"))
            .build());
  }

  private static Container container(Pod pod) {
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    return pod.getSpec().getContainers().get(0);
  }

  private static Map<String, String> tag(String json) {
    return Map.of(K8sConfig.TAG, q(json));
  }

  @Test
  void shouldNameAndPlacePodWhenBuilt() {
    Pod pod = factory().build(spec().build());

    assertThat(pod.getApiVersion()).isEqualTo("v1");
    assertThat(pod.getKind()).isEqualTo("Pod");
    assertThat(pod.getMetadata().getName())
        .isEqualTo(Names.podName(RUN, "clean[2024-01-01]", 1))
        .startsWith("pw-0f6c2a1e-clean-2024-01-01-1-");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("steps");
    assertThat(pod.getMetadata().getGenerateName()).isNull();
  }

  @Test
  void shouldLabelPodWithItsIdentityWhenBuilt() {
    Pod pod = factory().build(spec().build());

    assertThat(pod.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                PodLabels.MANAGED_BY, "pipewright",
                PodLabels.COMPONENT, "step-worker",
                PodLabels.INSTANCE, "prod",
                PodLabels.RUN_ID, RUN,
                PodLabels.JOB, "daily_etl",
                PodLabels.STEP, "clean_2024-01-01-" + Names.hash("clean[2024-01-01]"),
                PodLabels.ATTEMPT, "1",
                PodLabels.CODE_LOCATION, "etl-location"));
  }

  @Test
  void shouldAnnotatePodWithExactIdentityWhenBuilt() {
    Pod pod = factory().build(spec().build());

    assertThat(pod.getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                PodLabels.RUN_ID, RUN,
                PodLabels.JOB, "daily_etl",
                PodLabels.STEP, "clean[2024-01-01]",
                PodLabels.ATTEMPT, "1",
                PodLabels.CODE_LOCATION, "etl-location"));
  }

  @Test
  void shouldRunOneContainerOnceWhenBuilt() {
    Pod pod = factory().build(spec().build());

    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    Container container = container(pod);
    assertThat(container.getName()).isEqualTo("step");
    assertThat(container.getImage()).isEqualTo("registry.example.com/etl:1.2");
    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs()).containsExactly("execute-step", "--args", "eyJ9");
    assertThat(container.getImagePullPolicy()).isNull();
  }

  @Test
  void shouldSetCommandWhenGiven() {
    Pod pod = factory().build(spec().command(List.of("java", "-jar", "/app.jar")).build());

    assertThat(container(pod).getCommand()).containsExactly("java", "-jar", "/app.jar");
  }

  @Test
  void shouldSetPipewrightEnvironmentLastWhenBuilt() {
    Pod pod =
        factory()
            .build(
                spec()
                    .stepTags(tag("{'container_config': {'env': [{'name': 'A', 'value': '1'}]}}"))
                    .build());

    List<EnvVar> env = container(pod).getEnv();
    assertThat(env)
        .extracting(EnvVar::getName)
        .containsExactly(
            "A",
            "PIPEWRIGHT_INGEST_URL",
            "PIPEWRIGHT_INGEST_TOKEN",
            "PIPEWRIGHT_POD_NAME",
            "PIPEWRIGHT_POD_NAMESPACE",
            "PIPEWRIGHT_NODE_NAME");
    assertThat(env.get(2).getValue()).isEqualTo("secret-token");
    assertThat(env.get(3).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env.get(4).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(env.get(5).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
  }

  @Test
  void shouldHideSensitiveEnvironmentWhenSpecIsPrinted() {
    assertThat(spec().build().toString())
        .contains("PIPEWRIGHT_INGEST_TOKEN=***")
        .doesNotContain("secret-token");
  }

  @Test
  void shouldApplySecureDefaultsWhenNothingIsConfigured() {
    Pod pod = factory().build(spec().build());

    var podSecurity = pod.getSpec().getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var security = container(pod).getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getPrivileged()).isNull();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(86400L);
    assertThat(pod.getSpec().getServiceAccountName()).isNull();
  }

  @Test
  void shouldMountWritableTmpWhenRootFilesystemIsReadOnly() {
    Pod pod = factory().build(spec().build());

    assertThat(pod.getSpec().getVolumes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo("tmp");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    assertThat(container(pod).getVolumeMounts())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getName()).isEqualTo("tmp");
              assertThat(m.getMountPath()).isEqualTo("/tmp");
            });
  }

  @Test
  void shouldLetOpWinOverJobOverLocationOverDeploymentWhenAllSetTheSameField() {
    PodFactory factory =
        factory(
            "{'container_config': {'resources': {'limits': {'memory': '1Gi', 'cpu': '1'},"
                + " 'requests': {'cpu': '100m'}}},"
                + " 'pod_spec_config': {'serviceAccountName': 'deployment-sa',"
                + " 'nodeSelector': {'pool': 'default', 'zone': 'a'},"
                + " 'activeDeadlineSeconds': 3600}}");
    PodLaunchSpec spec =
        spec()
            .locationConfig(
                K8sConfig.parse(
                    q(
                        "{'container_config': {'resources': {'limits': {'memory': '2Gi'}}},"
                            + " 'pod_spec_config': {'serviceAccountName': 'location-sa',"
                            + " 'nodeSelector': {'pool': 'location'}}}"),
                    "code location 'etl-location'"))
            .jobTags(
                tag(
                    "{'container_config': {'resources': {'limits': {'memory': '3Gi'}}},"
                        + " 'pod_spec_config': {'serviceAccountName': 'job-sa',"
                        + " 'activeDeadlineSeconds': 600}}"))
            .stepTags(
                tag(
                    "{'container_config': {'resources': {'limits': {'memory': '4Gi'}}},"
                        + " 'pod_spec_config': {'nodeSelector': {'pool': 'highmem'}}}"))
            .build();

    Pod pod = factory.build(spec);

    Map<String, Quantity> limits = container(pod).getResources().getLimits();
    assertThat(limits).containsOnlyKeys("memory", "cpu");
    assertThat(limits.get("memory")).isEqualTo(new Quantity("4Gi"));
    assertThat(limits.get("cpu")).isEqualTo(new Quantity("1"));
    assertThat(container(pod).getResources().getRequests())
        .containsExactlyEntriesOf(Map.of("cpu", new Quantity("100m")));
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("job-sa");
    assertThat(pod.getSpec().getNodeSelector())
        .containsExactlyInAnyOrderEntriesOf(Map.of("pool", "highmem", "zone", "a"));
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
  }

  @Test
  void shouldMergeEnvByNameWhenLayersSetTheSameVariable() {
    PodFactory factory =
        factory(
            "{'container_config': {'env': [{'name': 'LOG_LEVEL', 'value': 'info'},"
                + " {'name': 'REGION', 'value': 'eu'}],"
                + " 'envFrom': [{'configMapRef': {'name': 'common'}}]}}");
    PodLaunchSpec spec =
        spec()
            .jobTags(
                tag(
                    "{'container_config': {'env': [{'name': 'DB_PASSWORD', 'valueFrom':"
                        + " {'secretKeyRef': {'name': 'db', 'key': 'password'}}}],"
                        + " 'envFrom': [{'secretRef': {'name': 'api-keys'}}]}}"))
            .stepTags(
                tag("{'container_config': {'env': [{'name': 'LOG_LEVEL', 'value': 'debug'}]}}"))
            .build();

    Container container = container(factory.build(spec));

    assertThat(container.getEnv().subList(0, 3))
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("LOG_LEVEL", "debug"),
            org.assertj.core.groups.Tuple.tuple("REGION", "eu"),
            org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", null));
    assertThat(container.getEnv().get(2).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("db");
    assertThat(container.getEnvFrom()).hasSize(2);
    assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("common");
    assertThat(container.getEnvFrom().get(1).getSecretRef().getName()).isEqualTo("api-keys");
  }

  @Test
  void shouldAddVolumesMountsTolerationsAndPullSecretsWhenLayersSetThem() {
    PodFactory factory =
        factory(
            "{'pod_spec_config': {'imagePullSecrets': [{'name': 'registry'}],"
                + " 'tolerations': [{'key': 'dedicated', 'operator': 'Equal', 'value': 'etl',"
                + " 'effect': 'NoSchedule'}]}}");
    PodLaunchSpec spec =
        spec()
            .stepTags(
                tag(
                    "{'container_config': {'volumeMounts': [{'name': 'data', 'mountPath':"
                        + " '/data'}]},"
                        + " 'pod_spec_config': {'volumes': [{'name': 'data',"
                        + " 'persistentVolumeClaim': {'claimName': 'etl-data'}}],"
                        + " 'imagePullSecrets': [{'name': 'registry'}, {'name': 'other'}],"
                        + " 'tolerations': [{'key': 'gpu', 'operator': 'Exists'}],"
                        + " 'affinity': {'nodeAffinity': {"
                        + "'requiredDuringSchedulingIgnoredDuringExecution': {'nodeSelectorTerms':"
                        + " [{'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values':"
                        + " ['ssd']}]}]}}}}}"))
            .build();

    Pod pod = factory.build(spec);

    assertThat(pod.getSpec().getVolumes())
        .extracting(Volume::getName)
        .containsExactly("tmp", "data");
    assertThat(pod.getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("etl-data");
    assertThat(container(pod).getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tmp", "/tmp"),
            org.assertj.core.groups.Tuple.tuple("data", "/data"));
    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(r -> r.getName())
        .containsExactly("registry", "other");
    assertThat(pod.getSpec().getTolerations())
        .extracting(Toleration::getKey)
        .containsExactly("dedicated", "gpu");
    assertThat(
            pod.getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("ssd");
  }

  @Test
  void shouldReplaceWholeValuesWhenOpMergesShallow() {
    PodFactory factory =
        factory("{'container_config': {'resources': {'limits': {'memory': '1Gi', 'cpu': '1'}}}}");
    PodLaunchSpec spec =
        spec()
            .stepTags(
                tag(
                    "{'container_config': {'resources': {'requests': {'cpu': '2'}},"
                        + " 'securityContext': {'runAsUser': 1000}},"
                        + " 'merge_behavior': 'SHALLOW'}"))
            .build();

    Container container = container(factory.build(spec));

    assertThat(container.getResources().getLimits()).isEmpty();
    assertThat(container.getResources().getRequests())
        .containsExactlyEntriesOf(Map.of("cpu", new Quantity("2")));
    // SHALLOW replaced the secure defaults' securityContext as a whole.
    assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isNull();
    // Keys the op did not set stay.
    assertThat(container.getVolumeMounts()).extracting(VolumeMount::getName).containsExactly("tmp");
  }

  @Test
  void shouldRemoveDefaultsWhenLayerSetsNull() {
    PodLaunchSpec spec =
        spec()
            .jobTags(
                tag(
                    "{'container_config': {'securityContext': {'readOnlyRootFilesystem':"
                        + " null}}, 'pod_spec_config': {'activeDeadlineSeconds': null,"
                        + " 'automountServiceAccountToken': true}}"))
            .build();

    Pod pod = factory().build(spec);

    assertThat(container(pod).getSecurityContext().getReadOnlyRootFilesystem()).isNull();
    assertThat(container(pod).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isNull();
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void shouldAddUserLabelsAndAnnotationsWhenLayersSetThem() {
    PodLaunchSpec spec =
        spec()
            .jobTags(
                tag(
                    "{'pod_template_spec_metadata': {'labels': {'team': 'data', 'tier': 'batch'},"
                        + " 'annotations': {'cluster-autoscaler.kubernetes.io/safe-to-evict':"
                        + " 'false'}}}"))
            .stepTags(tag("{'pod_template_spec_metadata': {'labels': {'tier': 'critical'}}}"))
            .build();

    Pod pod = factory().build(spec);

    assertThat(pod.getMetadata().getLabels())
        .containsEntry("team", "data")
        .containsEntry("tier", "critical")
        .containsEntry(PodLabels.MANAGED_BY, "pipewright")
        .hasSize(10);
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false")
        .hasSize(6);
  }

  @Test
  void shouldBuildEqualPodsWhenSpecIsTheSame() {
    PodLaunchSpec spec =
        spec().stepTags(tag("{'pod_spec_config': {'priorityClassName': 'x'}}")).build();

    assertThat(factory().build(spec)).isEqualTo(factory().build(spec));
  }

  @Test
  void shouldReportJobAndStepProblemsTogetherWhenBothTagsAreInvalid() {
    PodLaunchSpec spec =
        spec()
            .jobTags(tag("{'pod_spec_config': {'serviceAcount': 'x'}}"))
            .stepTags(tag("{'container_config': {'resources': {'limits': {'memory': 'lots'}}}}"))
            .build();

    assertThatThrownBy(() -> factory().build(spec))
        .isInstanceOfSatisfying(
            InvalidK8sConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).startsWith("job 'daily_etl' tag"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "step 'clean[2024-01-01]' tag pipewright.io/k8s-config:"
                                        + " container_config.resources.limits.memory")));
    assertThat(factory().validate(spec)).hasSize(2);
  }

  @Test
  void shouldRejectMountWhenNoLayerDefinesItsVolume() {
    PodLaunchSpec spec =
        spec()
            .stepTags(
                tag(
                    "{'container_config': {'volumeMounts': [{'name': 'data', 'mountPath': '/d'}]}}"))
            .build();

    assertThat(factory().validate(spec))
        .singleElement()
        .asString()
        .contains("container 'step' mounts volume 'data' at /d, but no layer defines a volume")
        .contains("pod_spec_config.volumes");
  }

  @Test
  void shouldRejectRequestWhenAboveLimit() {
    PodLaunchSpec spec =
        spec()
            .locationConfig(
                K8sConfig.parse(
                    q("{'container_config': {'resources': {'limits': {'memory': '1Gi'}}}}"),
                    "code location"))
            .stepTags(
                tag("{'container_config': {'resources': {'requests': {'memory': '1500Mi'}}}}"))
            .build();

    assertThat(factory().validate(spec))
        .singleElement()
        .asString()
        .contains("requests memory 1500Mi, more than its limit 1Gi");
  }

  @Test
  void shouldRejectEnvironmentVariableWhenPipewrightSetsItToo() {
    PodLaunchSpec spec =
        PodLaunchSpec.builder()
            .runId(RUN)
            .jobName("j")
            .step("s", 0)
            .codeLocation("l", "i")
            .env("TOKEN", "x")
            .jobTags(tag("{'container_config': {'env': [{'name': 'TOKEN', 'value': 'y'}]}}"))
            .build();

    assertThat(factory().validate(spec))
        .singleElement()
        .asString()
        .contains("environment variable TOKEN is set by Pipewright");
  }

  @Test
  void shouldRejectSpecWhenRequiredPartIsMissing() {
    assertThatThrownBy(() -> PodLaunchSpec.builder().runId(RUN).jobName("j").step("s", 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PodLaunchSpec needs a non-blank codeLocationName");
    assertThatThrownBy(() -> spec().step("s", -1).build())
        .hasMessageContaining("attempt of 0 or more");
  }
}
