package io.pipewright.executor.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.pipewright.executor.k8s.InvalidK8sConfigException;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodLabels;
import io.pipewright.executor.k8s.PodLaunchSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the pod of one step attempt. Pure: the same spec and settings give the same pod; what the
 * layers make of it is worked out once per distinct set of layers.
 *
 * <p>The pod's settings are layers merged in this order, later winning: {@link #SECURE_DEFAULTS},
 * the deployment's defaults, the code location's layer, the job's {@code pipewright.io/k8s-config}
 * tag, the op's tag. Then Pipewright sets what it owns, which no layer may change: the pod's name,
 * namespace and identity labels, {@code restartPolicy: Never}, and the one container's name, image,
 * command, arguments and Pipewright's environment variables.
 */
public final class PodFactory {

  /** The name of the step container. */
  public static final String CONTAINER_NAME = "step";

  /** The writable scratch volume mounted at {@code /tmp}, as the root filesystem is read-only. */
  public static final String TMP_VOLUME = "tmp";

  /** The pod's own name, from the downward API, for the step worker's events and logs. */
  public static final String ENV_POD_NAME = "PIPEWRIGHT_POD_NAME";

  /** The pod's namespace, from the downward API. */
  public static final String ENV_POD_NAMESPACE = "PIPEWRIGHT_POD_NAMESPACE";

  /** The node the pod runs on, from the downward API. */
  public static final String ENV_NODE_NAME = "PIPEWRIGHT_NODE_NAME";

  /**
   * The lowest layer: non-root, no privilege escalation, no capabilities, the runtime's default
   * seccomp profile, a read-only root filesystem with a writable {@code /tmp}, no service account
   * token and no service links (step pods do not talk to the Kubernetes API or to services by
   * injected variables), and a one-day deadline so that a hung step cannot hold a run forever. Any
   * of it can be changed by a higher layer (a JSON null removes a value).
   */
  public static final K8sConfig SECURE_DEFAULTS =
      K8sConfig.parse(
          """
          {"container_config": {
             "securityContext": {
               "runAsNonRoot": true,
               "allowPrivilegeEscalation": false,
               "readOnlyRootFilesystem": true,
               "capabilities": {"drop": ["ALL"]},
               "seccompProfile": {"type": "RuntimeDefault"}},
             "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}]},
           "pod_spec_config": {
             "securityContext": {
               "runAsNonRoot": true,
               "seccompProfile": {"type": "RuntimeDefault"}},
             "automountServiceAccountToken": false,
             "enableServiceLinks": false,
             "activeDeadlineSeconds": 86400,
             "volumes": [{"name": "tmp", "emptyDir": {}}]}}
          """,
          "Pipewright's secure defaults");

  // Templates by the layers that vary; bounded, as ops may each carry their own settings.
  private static final int MAX_TEMPLATES = 256;

  private final K8sExecutorSettings settings;
  private final Map<TemplateKey, Template> templates = new ConcurrentHashMap<>();

  /**
   * Creates a factory.
   *
   * @param settings the executor's settings: namespace, instance and deployment defaults
   */
  public PodFactory(K8sExecutorSettings settings) {
    this.settings = settings;
  }

  /**
   * Checks that the pod of a step attempt can be built.
   *
   * @param spec the attempt
   * @return every problem; empty when the pod can be built
   */
  public List<String> validate(PodLaunchSpec spec) {
    try {
      build(spec);
      return List.of();
    } catch (InvalidK8sConfigException e) {
      return e.problems();
    }
  }

  /**
   * Builds the pod of a step attempt.
   *
   * @param spec the attempt
   * @return the pod, ready to create
   * @throws InvalidK8sConfigException when a layer is invalid or the layers do not fit together
   */
  public Pod build(PodLaunchSpec spec) {
    Template template = template(spec);
    List<String> problems = new ArrayList<>();
    String name = Names.podName(spec.runId(), spec.stepKey(), spec.attempt());
    String where = "pod " + name + " of step '" + spec.stepKey() + "'";
    // Copies: the template is shared by every pod built from the same layers.
    Container container = new ContainerBuilder(template.container()).build();
    container.setName(CONTAINER_NAME);
    container.setImage(spec.image());
    container.setCommand(new ArrayList<>(spec.command()));
    container.setArgs(new ArrayList<>(spec.args()));
    container.setEnv(env(container.getEnv(), spec, where, problems));

    PodSpec podSpec = new PodSpecBuilder(template.podSpec()).build();
    podSpec.setContainers(new ArrayList<>(List.of(container)));
    podSpec.setRestartPolicy("Never");
    checkVolumes(podSpec, where, problems);
    checkResources(podSpec, where, problems);
    if (!problems.isEmpty()) {
      throw new InvalidK8sConfigException(problems);
    }
    return new PodBuilder()
        .withMetadata(metadata(name, spec, template.metadata()))
        .withSpec(podSpec)
        .build();
  }

  /**
   * What the layers make of the pod: the same for every step with the same layers (all steps of a
   * run, unless ops carry their own settings), so merged and converted once, not per pod.
   */
  private record Template(Container container, PodSpec podSpec, ObjectNode metadata) {}

  /** The layers that vary between pods: the location's, and the job's and the op's tag. */
  private record TemplateKey(K8sConfig location, String jobTag, String stepTag) {}

  private Template template(PodLaunchSpec spec) {
    TemplateKey key =
        new TemplateKey(spec.locationConfig(), tag(spec.jobTags()), tag(spec.stepTags()));
    Template cached = templates.get(key);
    if (cached != null) {
      return cached;
    }
    List<String> problems = new ArrayList<>();
    List<K8sConfig> layers = new ArrayList<>(5);
    layers.add(SECURE_DEFAULTS);
    layers.add(settings.defaults());
    layers.add(spec.locationConfig());
    layer(spec.jobTags(), "job '" + spec.jobName() + "'", layers, problems);
    layer(spec.stepTags(), "step '" + spec.stepKey() + "'", layers, problems);
    if (!problems.isEmpty()) {
      throw new InvalidK8sConfigException(problems);
    }

    ObjectNode containerTree = JsonNodeFactory.instance.objectNode();
    ObjectNode specTree = JsonNodeFactory.instance.objectNode();
    ObjectNode metadataTree = JsonNodeFactory.instance.objectNode();
    for (K8sConfig layer : layers) {
      containerTree =
          TreeMerge.merge(containerTree, layer.containerConfig(), layer.mergeBehavior());
      specTree = TreeMerge.merge(specTree, layer.podSpecConfig(), layer.mergeBehavior());
      metadataTree =
          TreeMerge.merge(metadataTree, layer.podTemplateSpecMetadata(), layer.mergeBehavior());
    }
    Template made =
        new Template(
            Json.KUBERNETES.convertValue(containerTree, Container.class),
            Json.KUBERNETES.convertValue(specTree, PodSpec.class),
            metadataTree);
    if (templates.size() >= MAX_TEMPLATES) {
      // Many distinct op settings at once: start over rather than grow without bound.
      templates.clear();
    }
    templates.put(key, made);
    return made;
  }

  private static String tag(Map<String, String> tags) {
    return tags == null ? null : tags.get(K8sConfig.TAG);
  }

  private static void layer(
      Map<String, String> tags, String owner, List<K8sConfig> layers, List<String> problems) {
    try {
      K8sConfig.fromTags(tags, owner).ifPresent(layers::add);
    } catch (InvalidK8sConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private ObjectMeta metadata(String name, PodLaunchSpec spec, ObjectNode metadataTree) {
    Map<String, String> labels = strings(metadataTree.path("labels"));
    labels.put(PodLabels.MANAGED_BY, PodLabels.MANAGED_BY_VALUE);
    labels.put(PodLabels.COMPONENT, PodLabels.COMPONENT_STEP_WORKER);
    labels.put(PodLabels.INSTANCE, settings.instance());
    labels.put(PodLabels.RUN_ID, Names.labelValue(spec.runId()));
    labels.put(PodLabels.JOB, Names.labelValue(spec.jobName()));
    labels.put(PodLabels.STEP, Names.labelValue(spec.stepKey()));
    labels.put(PodLabels.ATTEMPT, Integer.toString(spec.attempt()));
    labels.put(PodLabels.CODE_LOCATION, Names.labelValue(spec.codeLocationName()));

    Map<String, String> annotations = strings(metadataTree.path("annotations"));
    annotations.put(PodLabels.RUN_ID, spec.runId());
    annotations.put(PodLabels.JOB, spec.jobName());
    annotations.put(PodLabels.STEP, spec.stepKey());
    annotations.put(PodLabels.ATTEMPT, Integer.toString(spec.attempt()));
    annotations.put(PodLabels.CODE_LOCATION, spec.codeLocationName());

    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(settings.namespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .build();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static List<EnvVar> env(
      List<EnvVar> fromLayers, PodLaunchSpec spec, String where, List<String> problems) {
    List<EnvVar> env = new ArrayList<>(fromLayers == null ? List.of() : fromLayers);
    Set<String> layerNames = new HashSet<>();
    for (EnvVar var : env) {
      layerNames.add(var.getName());
    }
    Map<String, String> system = new LinkedHashMap<>(spec.env());
    system.putAll(spec.sensitiveEnv());
    for (Map.Entry<String, String> e : system.entrySet()) {
      if (layerNames.contains(e.getKey())) {
        problems.add(
            where
                + ": environment variable "
                + e.getKey()
                + " is set by Pipewright for the step worker; remove it from container_config.env");
      }
      env.add(new EnvVar(e.getKey(), e.getValue(), null));
    }
    env.add(fieldRef(ENV_POD_NAME, "metadata.name"));
    env.add(fieldRef(ENV_POD_NAMESPACE, "metadata.namespace"));
    env.add(fieldRef(ENV_NODE_NAME, "spec.nodeName"));
    return env;
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(fieldPath)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static void checkVolumes(PodSpec podSpec, String where, List<String> problems) {
    Set<String> volumes = new HashSet<>();
    for (Volume volume : podSpec.getVolumes()) {
      volumes.add(volume.getName());
    }
    List<Container> containers = new ArrayList<>(podSpec.getInitContainers());
    containers.addAll(podSpec.getContainers());
    for (Container container : containers) {
      for (VolumeMount mount : container.getVolumeMounts()) {
        if (!volumes.contains(mount.getName())) {
          problems.add(
              where
                  + ": container '"
                  + container.getName()
                  + "' mounts volume '"
                  + mount.getName()
                  + "' at "
                  + mount.getMountPath()
                  + ", but no layer defines a volume of that name; add it to"
                  + " pod_spec_config.volumes");
        }
      }
    }
  }

  private static void checkResources(PodSpec podSpec, String where, List<String> problems) {
    List<Container> containers = new ArrayList<>(podSpec.getInitContainers());
    containers.addAll(podSpec.getContainers());
    for (Container container : containers) {
      ResourceRequirements resources = container.getResources();
      if (resources == null) {
        continue;
      }
      Map<String, Quantity> requests = resources.getRequests();
      Map<String, Quantity> limits = resources.getLimits();
      for (Map.Entry<String, Quantity> request : requests.entrySet()) {
        Quantity limit = limits.get(request.getKey());
        if (limit == null) {
          continue;
        }
        BigDecimal requested = Quantity.getAmountInBytes(request.getValue());
        if (requested.compareTo(Quantity.getAmountInBytes(limit)) > 0) {
          problems.add(
              where
                  + ": container '"
                  + container.getName()
                  + "' requests "
                  + request.getKey()
                  + " "
                  + request.getValue()
                  + ", more than its limit "
                  + limit
                  + "; the request must not exceed the limit");
        }
      }
    }
  }
}
