package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart ({@code helm/pipewright}) and its rendering with default values ({@code
 * k8s/pipewright.yaml}): they agree (when {@code helm} is installed; the check says it was skipped
 * otherwise), and the plain manifests are valid Kubernetes objects with the documented minimal
 * RBAC, consistent labels and the security settings of {@code docs/helm.md}.
 */
class HelmChartTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CHART = ROOT.resolve("helm/pipewright");
  private static final Path RENDERED = ROOT.resolve("k8s/pipewright.yaml");

  /** What {@code helm/render.sh} runs. */
  static final List<String> RENDER =
      List.of("template", "pipewright", CHART.toString(), "--namespace", "pipewright");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static List<HasMetadata> objects;

  @BeforeAll
  static void parse() throws IOException {
    objects = new ArrayList<>();
    for (String document : documents(Files.readString(RENDERED))) {
      Object parsed = SERIALIZATION.unmarshal(document);
      assertThat(parsed).as("a Kubernetes object: %s", document).isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) parsed);
    }
  }

  private static List<String> documents(String yaml) {
    List<String> documents = new ArrayList<>();
    for (String part : yaml.split("(?m)^---\\s*$")) {
      boolean empty =
          part.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
      if (!empty) {
        documents.add(part);
      }
    }
    return documents;
  }

  private static <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void shouldEqualTheChartRenderedWithDefaultValuesWhenHelmIsInstalled() throws Exception {
    Optional<Path> helm = onPath("helm");
    if (helm.isEmpty()) {
      System.out.println(
          "HelmChartTest: SKIPPED the drift check between helm/pipewright and k8s/pipewright.yaml:"
              + " helm is not on the PATH. The manifests are still validated by the other tests.");
    }
    assumeTrue(helm.isPresent(), "helm is not installed: drift check skipped");
    List<String> command = new ArrayList<>(List.of(helm.get().toString()));
    command.addAll(RENDER);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    assertThat(Files.readString(RENDERED))
        .as("k8s/pipewright.yaml is out of date: run helm/render.sh")
        .isEqualTo(output);
  }

  @Test
  void shouldHoldOnlyKnownKindsWhenParsedWithFabric8() {
    assertThat(objects).noneMatch(GenericKubernetesResource.class::isInstance);
    Map<String, Long> kinds =
        objects.stream()
            .collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
    assertThat(kinds)
        .containsEntry("Deployment", 3L) // webserver, daemon, the etl code location
        .containsEntry("Service", 3L)
        .containsEntry("ConfigMap", 2L)
        .containsEntry("Secret", 1L)
        .containsEntry("ServiceAccount", 1L)
        .containsEntry("Role", 2L)
        .containsEntry("RoleBinding", 2L)
        .containsEntry("ClusterRole", 1L)
        .containsEntry("ClusterRoleBinding", 1L);
    assertThat(objects)
        .filteredOn(o -> !o.getKind().startsWith("Cluster"))
        .allMatch(o -> "pipewright".equals(o.getMetadata().getNamespace()));
  }

  private static Set<String> rules(List<PolicyRule> rules) {
    Set<String> flat = new java.util.TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            flat.add((group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return flat;
  }

  @Test
  void shouldGrantTheDaemonExactlyTheDocumentedRules() {
    Map<String, Set<String>> granted = new LinkedHashMap<>();
    for (Role role : all(Role.class)) {
      granted.put(role.getMetadata().getName(), rules(role.getRules()));
    }
    for (ClusterRole role : all(ClusterRole.class)) {
      granted.put(role.getMetadata().getName(), rules(role.getRules()));
    }

    assertThat(granted)
        .containsOnly(
            Map.entry(
                "pipewright-daemon-pods",
                Set.of(
                    "core/pods:create",
                    "core/pods:get",
                    "core/pods:list",
                    "core/pods:watch",
                    "core/pods:delete",
                    "core/pods:deletecollection",
                    "core/pods/log:get")),
            Map.entry(
                "pipewright-daemon-lease",
                Set.of(
                    "coordination.k8s.io/leases:get",
                    "coordination.k8s.io/leases:create",
                    "coordination.k8s.io/leases:update")),
            Map.entry(
                "pipewright-pipewright-daemon-nodes",
                Set.of("core/nodes:get", "core/nodes:list", "core/nodes:watch")));
    String account = "pipewright-daemon";
    assertThat(all(RoleBinding.class))
        .allMatch(b -> granted.containsKey(b.getRoleRef().getName()))
        .allMatch(
            b ->
                b.getSubjects().size() == 1
                    && b.getSubjects().get(0).getName().equals(account)
                    && b.getSubjects().get(0).getKind().equals("ServiceAccount"));
    assertThat(all(ClusterRoleBinding.class))
        .allMatch(b -> granted.containsKey(b.getRoleRef().getName()))
        .allMatch(b -> b.getSubjects().get(0).getName().equals(account));
    Deployment daemon = deployment("pipewright-daemon");
    assertThat(daemon.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account);
    assertThat(daemon.getSpec().getReplicas()).isEqualTo(2);
  }

  private static Deployment deployment(String name) {
    return all(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment " + name));
  }

  @Test
  void shouldLabelEveryObjectAndSelectOnlyItsOwnPods() {
    for (HasMetadata object : objects) {
      assertThat(object.getMetadata().getLabels())
          .as(object.getKind() + " " + object.getMetadata().getName())
          .containsEntry("app.kubernetes.io/name", "pipewright")
          .containsEntry("app.kubernetes.io/instance", "pipewright")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/part-of", "pipewright")
          .containsKey("app.kubernetes.io/version");
    }
    Set<String> components = new java.util.HashSet<>();
    for (Deployment deployment : all(Deployment.class)) {
      Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
      Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(podLabels).containsAllEntriesOf(selector);
      assertThat(selector).containsKey("app.kubernetes.io/component");
      assertThat(components.add(selector.get("app.kubernetes.io/component")))
          .as("each Deployment selects its own component")
          .isTrue();
    }
    for (Service service : all(Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      List<Deployment> selected =
          all(Deployment.class).stream()
              .filter(
                  d ->
                      d.getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getLabels()
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .toList();
      assertThat(selected).as("the pods of Service " + service.getMetadata().getName()).hasSize(1);
      Set<String> ports =
          selected.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream())
              .map(p -> p.getName())
              .collect(Collectors.toSet());
      assertThat(service.getSpec().getPorts())
          .allMatch(p -> ports.contains(p.getTargetPort().getStrVal()));
    }
  }

  @Test
  void shouldRunEveryContainerAsNonRootWithAReadOnlyRootFilesystemProbesAndScrapeAnnotations() {
    for (Deployment deployment : all(Deployment.class)) {
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      String name = deployment.getMetadata().getName();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .as(name)
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/q/metrics");
      for (Container container : pod.getContainers()) {
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop())
            .containsExactly("ALL");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath())
            .isEqualTo("/q/health/ready");
        assertThat(container.getVolumeMounts())
            .as("%s: a writable /tmp, since the root filesystem is read-only", name)
            .anyMatch(m -> m.getMountPath().equals("/tmp"));
      }
      boolean apiAccess = name.equals("pipewright-daemon");
      assertThat(!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken()))
          .as("%s mounts an API token only if it is the daemon", name)
          .isEqualTo(apiAccess);
    }
  }

  @Test
  void shouldConfigureTheDaemonForKubernetesAndTheWebserverForTheCodeLocations() {
    Map<String, String> daemon =
        all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("pipewright-daemon"))
            .findFirst()
            .orElseThrow()
            .getData();
    String properties = daemon.get("daemon.properties");
    assertThat(properties)
        .contains("pipewright.daemon.launcher=kubernetes")
        .contains("pipewright.daemon.leader.election=kubernetes")
        .contains("pipewright.daemon.k8s.namespace=pipewright")
        .contains("pipewright.daemon.locations.etl.image=ghcr.io/pipewright/example-etl:0.1.0")
        .contains("pipewright.daemon.ingest.url=http://pipewright-webserver.pipewright.svc:3000");
    String defaults =
        properties
            .lines()
            .filter(l -> l.startsWith("pipewright.daemon.k8s.defaults="))
            .findFirst()
            .orElseThrow()
            .substring("pipewright.daemon.k8s.defaults=".length());
    // The daemon refuses to start with invalid defaults: check them as it does.
    assertThat(K8sConfig.parse(defaults, "the chart's steps.defaults").containerConfig().toString())
        .contains("512Mi");
  }
}
