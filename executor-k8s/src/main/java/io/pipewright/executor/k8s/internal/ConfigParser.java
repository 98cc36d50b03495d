package io.pipewright.executor.k8s.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.pipewright.executor.k8s.InvalidK8sConfigException;
import io.pipewright.executor.k8s.MergeBehavior;
import io.pipewright.executor.k8s.PodLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one layer of pod settings, in the shape of the {@code pipewright.io/k8s-config} tag:
 *
 * <pre>{@code
 * {"container_config": {...}, "pod_spec_config": {...},
 *  "pod_template_spec_metadata": {"labels": {...}, "annotations": {...}},
 *  "merge_behavior": "DEEP"}
 * }</pre>
 *
 * Each fragment is checked against its Kubernetes model ({@link ModelSchema}) and against the
 * fields Pipewright owns. Every problem is reported at once, prefixed with the layer's source.
 */
public final class ConfigParser {

  /** The keys of the tag, in the order they are documented. */
  public static final List<String> KEYS =
      List.of(
          "container_config", "pod_spec_config", "pod_template_spec_metadata", "merge_behavior");

  /** Environment variable names that start with this are Pipewright's. */
  public static final String RESERVED_ENV_PREFIX = "PIPEWRIGHT_";

  private static final ModelSchema SCHEMA = new ModelSchema(Json.STRICT);

  private static final Map<String, String> CONTAINER_OWNED =
      Map.of(
          "name", "the container is always named '" + PodFactory.CONTAINER_NAME + "'",
          "image", "the image is the code location's own (from its snapshot)",
          "command", "the command runs the step worker",
          "args", "the arguments tell the step worker which step attempt to run");

  private static final Map<String, String> POD_SPEC_OWNED =
      Map.of(
          "containers",
          "the pod has exactly one container, configured by container_config; run sidecars as"
              + " pod_spec_config.initContainers with restartPolicy: Always (Kubernetes 1.29+)",
          "ephemeralContainers",
          "ephemeral containers are added to running pods for debugging, not at creation",
          "restartPolicy",
          "it is always Never: Pipewright retries a failed attempt as a new pod");

  private static final Map<String, String> DAGSTER_JOB_KEYS =
      Map.of(
          "job_config", "",
          "job_metadata", " (use pod_template_spec_metadata)",
          "job_spec_config", " (activeDeadlineSeconds belongs in pod_spec_config)");

  /**
   * One parsed layer.
   *
   * @param container the container fragment, normalized
   * @param podSpec the pod spec fragment, normalized
   * @param metadata the metadata fragment (labels and annotations only)
   * @param mergeBehavior how the layer merges onto lower ones
   */
  public record Parsed(
      ObjectNode container, ObjectNode podSpec, ObjectNode metadata, MergeBehavior mergeBehavior) {}

  private ConfigParser() {}

  /**
   * Parses a layer from JSON text.
   *
   * @param json the JSON text
   * @param source where it comes from, such as {@code job 'etl' tag pipewright.io/k8s-config}
   * @return the layer
   * @throws InvalidK8sConfigException with every problem, each prefixed with the source
   */
  public static Parsed parse(String json, String source) {
    JsonNode tree;
    try {
      tree = Json.STRICT.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new InvalidK8sConfigException(
          List.of(source + ": not valid JSON: " + e.getOriginalMessage()));
    }
    return parse(tree, source);
  }

  /**
   * Parses a layer from a JSON tree.
   *
   * @param tree the tree
   * @param source where it comes from
   * @return the layer
   * @throws InvalidK8sConfigException with every problem, each prefixed with the source
   */
  public static Parsed parse(JsonNode tree, String source) {
    List<String> problems = new ArrayList<>();
    ObjectNode container = JsonNodeFactory.instance.objectNode();
    ObjectNode podSpec = JsonNodeFactory.instance.objectNode();
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    MergeBehavior behavior = MergeBehavior.DEEP;
    if (tree == null || tree.isMissingNode() || !tree.isObject()) {
      problems.add(
          "expected a JSON object with any of "
              + String.join(", ", KEYS)
              + ", got "
              + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType()));
    } else {
      for (Map.Entry<String, JsonNode> e : tree.properties()) {
        String key = e.getKey();
        JsonNode value = e.getValue();
        switch (key) {
          case "container_config":
            container = section(value, Container.class, key, problems);
            owned(container, CONTAINER_OWNED, key, problems);
            checkEnv(container, key, problems);
            break;
          case "pod_spec_config":
            podSpec = section(value, PodSpec.class, key, problems);
            owned(podSpec, POD_SPEC_OWNED, key, problems);
            checkPodSpec(podSpec, key, problems);
            break;
          case "pod_template_spec_metadata":
            metadata = section(value, ObjectMeta.class, key, problems);
            checkMetadata(metadata, key, problems);
            break;
          case "merge_behavior":
            behavior = mergeBehavior(value, problems);
            break;
          default:
            if (DAGSTER_JOB_KEYS.containsKey(key)) {
              problems.add(
                  key
                      + ": Pipewright runs each step attempt as a bare Pod, not a Kubernetes Job,"
                      + " so there is no Job to configure"
                      + DAGSTER_JOB_KEYS.get(key));
            } else {
              problems.add(key + ": unknown key" + ModelSchema.suggestion(key, KEYS));
            }
        }
      }
    }
    if (!problems.isEmpty()) {
      List<String> sourced = new ArrayList<>(problems.size());
      for (String problem : problems) {
        sourced.add(source + ": " + problem);
      }
      throw new InvalidK8sConfigException(sourced);
    }
    return new Parsed(container, podSpec, metadata, behavior);
  }

  private static ObjectNode section(
      JsonNode value, Class<?> model, String key, List<String> problems) {
    if (value.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!value.isObject()) {
      problems.add(key + ": expected an object, got " + value.getNodeType());
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode normalized = SCHEMA.normalize(value, model, key, problems);
    return normalized.isObject() ? (ObjectNode) normalized : JsonNodeFactory.instance.objectNode();
  }

  private static void owned(
      ObjectNode section, Map<String, String> owned, String key, List<String> problems) {
    for (Map.Entry<String, String> e : owned.entrySet()) {
      if (section.has(e.getKey())) {
        problems.add(
            Paths.key(key, e.getKey())
                + ": set by Pipewright and cannot be changed: "
                + e.getValue());
      }
    }
  }

  private static void checkEnv(ObjectNode container, String key, List<String> problems) {
    JsonNode env = container.path("env");
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).path("name").asText("");
      if (name.startsWith(RESERVED_ENV_PREFIX)) {
        problems.add(
            key
                + ".env["
                + i
                + "].name: "
                + name
                + " is reserved: environment variables starting with "
                + RESERVED_ENV_PREFIX
                + " are set by Pipewright; choose another name");
      }
    }
  }

  private static void checkPodSpec(ObjectNode podSpec, String key, List<String> problems) {
    JsonNode deadline = podSpec.path("activeDeadlineSeconds");
    if (deadline.isIntegralNumber() && deadline.asLong() < 1) {
      problems.add(
          key
              + ".activeDeadlineSeconds: must be at least 1, got "
              + deadline
              + " (set it to null to run without a deadline)");
    }
    JsonNode grace = podSpec.path("terminationGracePeriodSeconds");
    if (grace.isIntegralNumber() && grace.asLong() < 0) {
      problems.add(key + ".terminationGracePeriodSeconds: must be 0 or more, got " + grace);
    }
    JsonNode volumes = podSpec.path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      String name = volumes.get(i).path("name").asText("");
      if (!name.isEmpty() && !Names.isDns1123Label(name)) {
        problems.add(
            key
                + ".volumes["
                + i
                + "].name: '"
                + name
                + "' is not a valid volume name (lowercase letters, digits and '-', at most 63)");
      }
    }
  }

  private static void checkMetadata(ObjectNode metadata, String key, List<String> problems) {
    for (Map.Entry<String, JsonNode> e : metadata.properties()) {
      String field = e.getKey();
      if (!field.equals("labels") && !field.equals("annotations")) {
        problems.add(
            Paths.key(key, field)
                + ": only labels and annotations may be set; Pipewright names the pod and chooses"
                + " its namespace");
        continue;
      }
      if (!e.getValue().isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> label : e.getValue().properties()) {
        String labelKey = label.getKey();
        String path = Paths.key(Paths.key(key, field), labelKey);
        String keyProblem = Names.labelKeyProblem(labelKey);
        if (keyProblem != null) {
          problems.add(
              path
                  + ": not a valid "
                  + field.substring(0, field.length() - 1)
                  + " key: "
                  + keyProblem);
        } else if (isReserved(labelKey)) {
          problems.add(path + ": reserved for Pipewright, which sets it on every step pod");
        }
        if (field.equals("labels")
            && label.getValue().isTextual()
            && !Names.isValidLabelValue(label.getValue().asText())) {
          problems.add(
              path
                  + ": "
                  + label.getValue()
                  + " is not a valid label value (at most 63 letters, digits, '-', '_' or '.',"
                  + " starting and ending with a letter or digit)");
        }
      }
    }
  }

  /** Tells whether a label or annotation key is Pipewright's to set. */
  public static boolean isReserved(String labelKey) {
    return labelKey.startsWith(PodLabels.RESERVED_PREFIX)
        || labelKey.equals(PodLabels.MANAGED_BY)
        || labelKey.equals(PodLabels.COMPONENT);
  }

  private static MergeBehavior mergeBehavior(JsonNode value, List<String> problems) {
    if (value.isTextual()) {
      try {
        return MergeBehavior.valueOf(value.asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    problems.add("merge_behavior: expected \"DEEP\" or \"SHALLOW\", got " + value);
    return MergeBehavior.DEEP;
  }
}
