package io.pipewright.daemon.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.daemon.launch.k8s.ComputeLogCopy;
import io.pipewright.daemon.launch.k8s.EventLogAttemptHistory;
import io.pipewright.daemon.launch.k8s.LeaderBoundLauncher;
import io.pipewright.daemon.launch.k8s.RunStoreLookup;
import io.pipewright.daemon.launch.k8s.StepImages;
import io.pipewright.daemon.leader.KubernetesLeaseElection;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.K8sStepLauncher;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes pieces of the daemon, from its configuration: the API client, the step launcher's
 * settings and layers, the launcher bound to leadership, the Lease election. Configuration errors
 * are found here, at start-up, each with the key to fix.
 */
final class KubernetesWiring implements AutoCloseable {

  private final DaemonConfig config;
  private KubernetesClient client;

  KubernetesWiring(DaemonConfig config) {
    this.config = config;
  }

  /** The API client, made once: from {@code k8s.master-url}, else the pod's or kubeconfig's. */
  synchronized KubernetesClient client() {
    if (client == null) {
      Config base = Config.autoConfigure(null);
      ConfigBuilder builder = new ConfigBuilder(base);
      // Only the URL changes: certificates and credentials stay the configuration's own.
      config.k8s().masterUrl().ifPresent(builder::withMasterUrl);
      client = new KubernetesClientBuilder().withConfig(builder.build()).build();
    }
    return client;
  }

  /** Where step pods run: configured, else the daemon's own namespace, else {@code default}. */
  String stepNamespace() {
    return config
        .k8s()
        .namespace()
        .orElseGet(
            () -> Optional.ofNullable(KubernetesLeaseElection.podNamespace()).orElse("default"));
  }

  /** The Lease's namespace: configured, else the daemon's own, else the steps'. */
  String leaseNamespace() {
    return config
        .leader()
        .leaseNamespace()
        .orElseGet(
            () ->
                Optional.ofNullable(KubernetesLeaseElection.podNamespace())
                    .orElse(stepNamespace()));
  }

  K8sExecutorSettings settings() {
    DaemonConfig.K8s k = config.k8s();
    return K8sExecutorSettings.builder()
        .namespace(stepNamespace())
        .instance(k.instance())
        .defaults(defaults())
        .rateLimit(k.qps(), k.burst())
        .createConcurrency(k.createConcurrency())
        .watchNodes(k.watchNodes())
        .imagePullGrace(k.imagePullGrace())
        .configErrorGrace(k.configErrorGrace())
        .unschedulableTimeout(k.unschedulableTimeout())
        .startTimeout(k.startTimeout())
        .nodeLostGrace(k.nodeLostGrace())
        .reevaluateEvery(k.reevaluateEvery())
        .keepFailedPodsFor(k.keepFailedPodsFor())
        .deleteGracePeriod(k.deleteGracePeriod())
        .sweepEvery(k.sweepEvery())
        .orphanMinAge(k.orphanMinAge())
        .build();
  }

  /**
   * The deployment's layer: {@code k8s.defaults} with {@code k8s.service-account} as the pods'
   * service account.
   */
  @SuppressWarnings("unchecked")
  private K8sConfig defaults() {
    DaemonConfig.K8s k = config.k8s();
    String source = "pipewright.daemon.k8s.defaults";
    if (k.serviceAccount().isEmpty()) {
      return k.defaults().map(json -> K8sConfig.parse(json, source)).orElse(K8sConfig.empty());
    }
    Map<String, Object> layer = new LinkedHashMap<>();
    if (k.defaults().isPresent()) {
      // Checked first as written, so that its errors name its own fields.
      K8sConfig.parse(k.defaults().get(), source);
      layer.putAll(Serialization.unmarshal(k.defaults().get(), Map.class));
    }
    Object spec = layer.computeIfAbsent("pod_spec_config", key -> new HashMap<String, Object>());
    if (!(spec instanceof Map)) {
      throw new IllegalStateException(source + ": pod_spec_config must be an object");
    }
    ((Map<String, Object>) spec).put("serviceAccountName", k.serviceAccount().get());
    return K8sConfig.parse(
        Serialization.asJson(layer), source + " and pipewright.daemon.k8s.service-account");
  }

  /** Each location's layer of pod settings, parsed (and so checked) now. */
  Map<String, K8sConfig> locationLayers() {
    Map<String, K8sConfig> layers = new HashMap<>();
    for (Map.Entry<String, DaemonConfig.Location> entry : config.locations().entrySet()) {
      String name = entry.getKey();
      entry
          .getValue()
          .k8sConfig()
          .ifPresent(
              json ->
                  layers.put(
                      name,
                      K8sConfig.parse(
                          json, "pipewright.daemon.locations." + name + ".k8s-config")));
    }
    return layers;
  }

  /**
   * Why a code location cannot run steps on Kubernetes, or empty: never at the run's start, since
   * the image comes from the run's plan first; a run without any image fails at its first launch,
   * with the reason ({@link StepImages}).
   */
  Optional<String> unavailable(String location) {
    return Optional.empty();
  }

  /** The image of a run's step pods: its plan's, else {@code locations.<name>.image}. */
  LaunchRequests.ImageChooser images() {
    return StepImages.over(
        location -> {
          DaemonConfig.Location known = config.locations().get(location);
          return known == null ? null : known.image().orElse(null);
        });
  }

  /** The launcher, started whenever this daemon leads. */
  LeaderBoundLauncher launcher(
      RunStore runs,
      EventLog events,
      ComputeLogStore logs,
      MeterRegistry registry,
      Duration storeTimeout) {
    K8sExecutorSettings settings = settings();
    Map<String, K8sConfig> layers = locationLayers();
    KubernetesClient api = client();
    // After a takeover: whether a gone pod's worker reported (RelaunchRule, docs/kubernetes.md).
    EventLogAttemptHistory history = new EventLogAttemptHistory(events, storeTimeout);
    ComputeLogCopy copy = new ComputeLogCopy(logs);
    Duration syncTimeout = config.k8s().syncTimeout();
    return new LeaderBoundLauncher(
        () ->
            K8sStepLauncher.builder(api, settings)
                // A lookup per launcher: a run remembered by the previous leadership's lookup
                // (for up to a second) could be remembered as not started yet.
                .runs(new RunStoreLookup(runs, storeTimeout))
                .attemptHistory(history)
                .locationConfig(location -> layers.getOrDefault(location, K8sConfig.empty()))
                .computeLogs(copy)
                .meterRegistry(registry)
                .syncTimeout(syncTimeout)
                .start(),
        Duration.ofSeconds(5));
  }

  KubernetesLeaseElection election(String id) {
    DaemonConfig.Leader leader = config.leader();
    return new KubernetesLeaseElection(
        client(),
        new KubernetesLeaseElection.Settings(
            leaseNamespace(),
            leader.leaseName(),
            leader.leaseDuration(),
            leader.renewDeadline(),
            leader.retryInterval(),
            true),
        id);
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
