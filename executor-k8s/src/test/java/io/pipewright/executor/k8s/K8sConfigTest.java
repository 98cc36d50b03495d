package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class K8sConfigTest {

  private static final String SOURCE = "job 'etl' tag pipewright.io/k8s-config";

  private static String q(String json) {
    return json.replace('\'', '"');
  }

  private static List<String> problems(String json) {
    try {
      K8sConfig.parse(q(json), SOURCE);
    } catch (InvalidK8sConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems in " + json);
  }

  @Test
  void shouldReadEveryKeyWhenValid() {
    K8sConfig config =
        K8sConfig.parse(
            q(
                "{'container_config': {'resources': {'limits': {'memory': '2Gi'}}},"
                    + " 'pod_spec_config': {'nodeSelector': {'pool': 'highmem'}},"
                    + " 'pod_template_spec_metadata': {'labels': {'team': 'data'}},"
                    + " 'merge_behavior': 'SHALLOW'}"),
            SOURCE);

    assertThat(config.containerConfig().toString())
        .isEqualTo(q("{'resources':{'limits':{'memory':'2Gi'}}}"));
    assertThat(config.podSpecConfig().toString())
        .isEqualTo(q("{'nodeSelector':{'pool':'highmem'}}"));
    assertThat(config.podTemplateSpecMetadata().toString())
        .isEqualTo(q("{'labels':{'team':'data'}}"));
    assertThat(config.mergeBehavior()).isEqualTo(MergeBehavior.SHALLOW);
    assertThat(config.source()).isEqualTo(SOURCE);
    assertThat(config.isEmpty()).isFalse();
  }

  @Test
  void shouldDefaultToDeepMergeWhenMergeBehaviorIsAbsent() {
    assertThat(K8sConfig.parse("{}", SOURCE).mergeBehavior()).isEqualTo(MergeBehavior.DEEP);
    assertThat(K8sConfig.parse(q("{'merge_behavior': 'deep'}"), SOURCE).mergeBehavior())
        .isEqualTo(MergeBehavior.DEEP);
  }

  @Test
  void shouldAcceptDagsterSnakeCaseWhenFieldIsKnownInCamelCase() {
    K8sConfig config =
        K8sConfig.parse(
            q(
                "{'container_config': {'volume_mounts': [{'name': 'd', 'mount_path': '/d'}],"
                    + " 'env': [{'name': 'node_selector', 'value': 'x'}]},"
                    + " 'pod_spec_config': {'node_selector': {'my_key': 'v'},"
                    + " 'service_account_name': 'sa'}}"),
            SOURCE);

    assertThat(config.containerConfig().toString())
        .isEqualTo(
            q(
                "{'volumeMounts':[{'name':'d','mountPath':'/d'}],"
                    + "'env':[{'name':'node_selector','value':'x'}]}"));
    // Map keys (node selector labels) and values are never renamed.
    assertThat(config.podSpecConfig().toString())
        .isEqualTo(q("{'nodeSelector':{'my_key':'v'},'serviceAccountName':'sa'}"));
  }

  @Test
  void shouldWriteQuantitiesAsStringsWhenGivenAsNumbers() {
    K8sConfig config =
        K8sConfig.parse(q("{'container_config': {'resources': {'limits': {'cpu': 2}}}}"), SOURCE);

    assertThat(config.containerConfig().at("/resources/limits/cpu").isTextual()).isTrue();
  }

  @Test
  void shouldNameSourceAndPathWhenQuantityIsInvalid() {
    assertThat(problems("{'container_config': {'resources': {'limits': {'memory': 'lots'}}}}"))
        .singleElement()
        .asString()
        .startsWith(
            "job 'etl' tag pipewright.io/k8s-config: container_config.resources.limits.memory:"
                + " \"lots\" is not a Kubernetes quantity");
  }

  @Test
  void shouldQuoteUnusualKeysWhenTheyAreInThePath() {
    assertThat(
            problems("{'container_config': {'resources': {'limits': {'nvidia.com/gpu': 'one'}}}}"))
        .singleElement()
        .asString()
        .contains("container_config.resources.limits[\"nvidia.com/gpu\"]: \"one\"");
  }

  @Test
  void shouldReportEveryProblemWhenThereAreMany() {
    assertThat(
            problems(
                "{'container_config': {'imagePullPolicyy': 'Always', 'env': [{'name': 'A',"
                    + " 'value': 5}, {'value': 'x'}]},"
                    + " 'pod_spec_config': {'nodeSelecter': {}, 'tolerations': {},"
                    + " 'activeDeadlineSeconds': '10'},"
                    + " 'merge_behavior': 'MERGE'}"))
        .containsExactly(
            SOURCE
                + ": container_config.imagePullPolicyy: unknown field; did you mean"
                + " 'imagePullPolicy'?",
            SOURCE
                + ": container_config.env[0].value: expected a string, got 5 (write it in"
                + " quotes: \"5\")",
            SOURCE + ": container_config.env[1].name: required",
            SOURCE + ": pod_spec_config.nodeSelecter: unknown field; did you mean 'nodeSelector'?",
            SOURCE + ": pod_spec_config.tolerations: expected a list, got an object",
            SOURCE
                + ": pod_spec_config.activeDeadlineSeconds: expected a whole number, got"
                + " \"10\"",
            SOURCE + ": merge_behavior: expected \"DEEP\" or \"SHALLOW\", got \"MERGE\"");
  }

  @Test
  void shouldRejectFieldsPipewrightOwnsWhenSet() {
    assertThat(
            problems(
                "{'container_config': {'image': 'x', 'command': ['sh']},"
                    + " 'pod_spec_config': {'restartPolicy': 'Always', 'containers': []}}"))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).contains("set by Pipewright and cannot be changed"))
        .anySatisfy(p -> assertThat(p).contains("container_config.image"))
        .anySatisfy(p -> assertThat(p).contains("container_config.command"))
        .anySatisfy(p -> assertThat(p).contains("pod_spec_config.restartPolicy: "))
        .anySatisfy(p -> assertThat(p).contains("pod_spec_config.containers: "));
  }

  @Test
  void shouldRejectReservedEnvironmentVariablesWhenSetByUsers() {
    assertThat(
            problems(
                "{'container_config': {'env': [{'name': 'PIPEWRIGHT_INGEST_TOKEN', 'value':"
                    + " 'x'}]}}"))
        .singleElement()
        .asString()
        .contains("container_config.env[0].name: PIPEWRIGHT_INGEST_TOKEN is reserved");
  }

  @Test
  void shouldRejectMetadataPipewrightOwnsWhenSet() {
    assertThat(
            problems(
                "{'pod_template_spec_metadata': {'name': 'x', 'labels': {"
                    + "'pipewright.io/run-id': 'forged', 'app.kubernetes.io/managed-by': 'me',"
                    + " 'ok': 'not valid!', 'Bad.Prefix/x': 'v'},"
                    + " 'annotations': {'pipewright.io/step': 'x', 'free': 'any text at all'}}}"))
        .containsExactly(
            SOURCE
                + ": pod_template_spec_metadata.name: only labels and annotations may be set;"
                + " Pipewright names the pod and chooses its namespace",
            SOURCE
                + ": pod_template_spec_metadata.labels[\"pipewright.io/run-id\"]: reserved for"
                + " Pipewright, which sets it on every step pod",
            SOURCE
                + ": pod_template_spec_metadata.labels[\"app.kubernetes.io/managed-by\"]:"
                + " reserved for Pipewright, which sets it on every step pod",
            SOURCE
                + ": pod_template_spec_metadata.labels.ok: \"not valid!\" is not a valid label"
                + " value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a"
                + " letter or digit)",
            SOURCE
                + ": pod_template_spec_metadata.labels[\"Bad.Prefix/x\"]: not a valid label"
                + " key: its prefix 'Bad.Prefix' is not a DNS subdomain (lowercase letters, digits,"
                + " '-' and '.', at most 253 characters)",
            SOURCE
                + ": pod_template_spec_metadata.annotations[\"pipewright.io/step\"]: reserved"
                + " for Pipewright, which sets it on every step pod");
  }

  @Test
  void shouldExplainJobKeysWhenGivenDagsterJobSettings() {
    assertThat(problems("{'job_spec_config': {'backoffLimit': 2}}"))
        .singleElement()
        .asString()
        .contains("bare Pod, not a Kubernetes Job")
        .contains("activeDeadlineSeconds belongs in pod_spec_config");
  }

  @Test
  void shouldSuggestKeyWhenTopLevelKeyIsMisspelt() {
    assertThat(problems("{'containr_config': {}}"))
        .singleElement()
        .asString()
        .isEqualTo(SOURCE + ": containr_config: unknown key; did you mean 'container_config'?");
  }

  @Test
  void shouldRejectTextWhenItIsNotAJsonObject() {
    assertThat(problems("[1]")).singleElement().asString().contains("expected a JSON object");
    assertThat(problems("{'a': ")).singleElement().asString().contains("not valid JSON");
    assertThat(problems("{'merge_behavior': 'DEEP', 'merge_behavior': 'SHALLOW'}"))
        .singleElement()
        .asString()
        .contains("Duplicate field 'merge_behavior'");
  }

  @Test
  void shouldRejectNonPositiveDeadlineWhenSet() {
    assertThat(problems("{'pod_spec_config': {'activeDeadlineSeconds': 0}}"))
        .singleElement()
        .asString()
        .contains("must be at least 1");
  }

  @Test
  void shouldReadTagWhenPresentAndNothingWhenAbsent() {
    assertThat(K8sConfig.fromTags(Map.of("other", "x"), "job 'etl'")).isEmpty();
    assertThat(K8sConfig.fromTags(Map.of(K8sConfig.TAG, "{}"), "job 'etl'"))
        .get()
        .extracting(K8sConfig::source)
        .isEqualTo("job 'etl' tag pipewright.io/k8s-config");
  }

  @Test
  void shouldCollectProblemsOfJobAndStepsWhenValidatingRun() {
    List<String> problems =
        K8sConfig.validateRun(
            "etl",
            Map.of(K8sConfig.TAG, q("{'pod_spec_config': {'nodeSelector': []}}")),
            Map.of(
                "extract", Map.of(K8sConfig.TAG, q("{'container_config': {}}")),
                "load", Map.of(K8sConfig.TAG, "not json")));

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "job 'etl' tag pipewright.io/k8s-config: pod_spec_config.nodeSelector: expected an"
                + " object, got a list",
            "step 'load' tag pipewright.io/k8s-config: not valid JSON: Unrecognized token 'not':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')");
  }

  @Test
  void shouldRoundTripWhenWrittenAsJson() {
    K8sConfig config =
        K8sConfig.parse(
            q("{'pod_spec_config': {'priority_class_name': 'high'}, 'merge_behavior': 'SHALLOW'}"),
            SOURCE);

    K8sConfig again = K8sConfig.parse(config.toJson(), "copy");

    assertThat(again).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(K8sConfig.empty().isEmpty()).isTrue();
  }

  @Test
  void shouldFailWithAllProblemsInMessageWhenThrown() {
    assertThatThrownBy(
            () ->
                K8sConfig.parse(q("{'pod_spec_config': {'hostname': 1, 'subdomain': 2}}"), SOURCE))
        .isInstanceOf(InvalidK8sConfigException.class)
        .hasMessageStartingWith("2 problems in Kubernetes pod settings:\n  - " + SOURCE);
  }
}
