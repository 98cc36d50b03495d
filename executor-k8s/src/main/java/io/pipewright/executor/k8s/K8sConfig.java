package io.pipewright.executor.k8s;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.executor.k8s.internal.ConfigParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of pod settings: a container fragment, a pod spec fragment and pod labels and
 * annotations, plus how the layer merges onto the layers below it.
 *
 * <p>Layers apply in this order, later winning: Pipewright's secure defaults &lt; the deployment's
 * defaults &lt; the code location's settings &lt; the job's {@value #TAG} tag &lt; the op's {@value
 * #TAG} tag. The tag's value is JSON in the shape of Dagster's {@code dagster-k8s/config}:
 *
 * <pre>{@code
 * {"container_config": {"resources": {"limits": {"memory": "2Gi"}}},
 *  "pod_spec_config": {"nodeSelector": {"pool": "highmem"}},
 *  "pod_template_spec_metadata": {"labels": {"team": "data"}},
 *  "merge_behavior": "DEEP"}
 * }</pre>
 *
 * Fragments use Kubernetes's field names ({@code nodeSelector}); Dagster's snake_case spellings
 * ({@code node_selector}) are accepted too. Invalid settings are rejected with every problem and
 * its path ({@link InvalidK8sConfigException}). Immutable; the JSON accessors return copies.
 */
public final class K8sConfig {

  /** The tag that jobs and ops set pod settings with. */
  public static final String TAG = "pipewright.io/k8s-config";

  private static final K8sConfig EMPTY =
      new K8sConfig(
          JsonNodeFactory.instance.objectNode(),
          JsonNodeFactory.instance.objectNode(),
          JsonNodeFactory.instance.objectNode(),
          MergeBehavior.DEEP,
          "no settings");

  private final ObjectNode container;
  private final ObjectNode podSpec;
  private final ObjectNode metadata;
  private final MergeBehavior mergeBehavior;
  private final String source;

  private K8sConfig(
      ObjectNode container,
      ObjectNode podSpec,
      ObjectNode metadata,
      MergeBehavior mergeBehavior,
      String source) {
    this.container = container;
    this.podSpec = podSpec;
    this.metadata = metadata;
    this.mergeBehavior = mergeBehavior;
    this.source = source;
  }

  /**
   * Returns the layer that changes nothing.
   *
   * @return the empty layer
   */
  public static K8sConfig empty() {
    return EMPTY;
  }

  /**
   * Parses a layer from JSON in the tag's shape.
   *
   * @param json the JSON text
   * @param source where it comes from, for messages: {@code deployment defaults}, {@code code
   *     location 'etl'}, {@code job 'daily' tag pipewright.io/k8s-config}
   * @return the layer
   * @throws InvalidK8sConfigException with every problem, each as {@code <source>: <path>: <what to
   *     fix>}
   */
  public static K8sConfig parse(String json, String source) {
    Objects.requireNonNull(source, "source");
    ConfigParser.Parsed parsed = ConfigParser.parse(json, source);
    return new K8sConfig(
        parsed.container(), parsed.podSpec(), parsed.metadata(), parsed.mergeBehavior(), source);
  }

  /**
   * Reads the {@value #TAG} tag from tags.
   *
   * @param tags a job's or a step's tags
   * @param owner who carries the tags, for messages: {@code job 'daily'}, {@code step 'etl.clean'}
   * @return the layer, or empty when the tag is absent
   * @throws InvalidK8sConfigException when the tag is present and invalid
   */
  public static Optional<K8sConfig> fromTags(Map<String, String> tags, String owner) {
    String json = tags == null ? null : tags.get(TAG);
    if (json == null) {
      return Optional.empty();
    }
    return Optional.of(parse(json, owner + " tag " + TAG));
  }

  /**
   * Checks the {@value #TAG} tags of a run before it is launched, as the webserver and the daemon
   * do when a run is submitted: a bad tag is a launch error, not a failed pod later.
   *
   * <p>This checks each tag alone. The combination with the deployment's and the code location's
   * layers (such as a volume mount whose volume no layer defines) is checked when the pod is built.
   *
   * @param jobName the job's name
   * @param jobTags the run's tags (the job's tags and the launch's)
   * @param stepTags each step's tags by step key
   * @return every problem; empty when all tags are valid
   */
  public static List<String> validateRun(
      String jobName, Map<String, String> jobTags, Map<String, Map<String, String>> stepTags) {
    List<String> problems = new ArrayList<>();
    collect(jobTags, "job '" + jobName + "'", problems);
    if (stepTags != null) {
      for (Map.Entry<String, Map<String, String>> step : stepTags.entrySet()) {
        collect(step.getValue(), "step '" + step.getKey() + "'", problems);
      }
    }
    return List.copyOf(problems);
  }

  private static void collect(Map<String, String> tags, String owner, List<String> problems) {
    try {
      fromTags(tags, owner);
    } catch (InvalidK8sConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * Returns the container fragment, normalized to Kubernetes's field names.
   *
   * @return a copy
   */
  public ObjectNode containerConfig() {
    return container.deepCopy();
  }

  /**
   * Returns the pod spec fragment, normalized to Kubernetes's field names.
   *
   * @return a copy
   */
  public ObjectNode podSpecConfig() {
    return podSpec.deepCopy();
  }

  /**
   * Returns the pod metadata fragment: {@code labels} and {@code annotations}.
   *
   * @return a copy
   */
  public ObjectNode podTemplateSpecMetadata() {
    return metadata.deepCopy();
  }

  /**
   * Returns how this layer merges onto the layers below it.
   *
   * @return the merge behaviour; {@link MergeBehavior#DEEP} unless set
   */
  public MergeBehavior mergeBehavior() {
    return mergeBehavior;
  }

  /**
   * Returns where the layer comes from, as given to {@link #parse}.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Tells whether the layer changes nothing.
   *
   * @return true when all fragments are empty
   */
  public boolean isEmpty() {
    return container.isEmpty() && podSpec.isEmpty() && metadata.isEmpty();
  }

  /**
   * Returns the layer as JSON in the tag's shape, normalized.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("container_config", container.deepCopy());
    out.set("pod_spec_config", podSpec.deepCopy());
    out.set("pod_template_spec_metadata", metadata.deepCopy());
    out.put("merge_behavior", mergeBehavior.name());
    return out.toString();
  }

  /** Equal when the fragments and the merge behaviour are; the source does not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof K8sConfig other
        && container.equals(other.container)
        && podSpec.equals(other.podSpec)
        && metadata.equals(other.metadata)
        && mergeBehavior == other.mergeBehavior;
  }

  @Override
  public int hashCode() {
    return Objects.hash(container, podSpec, metadata, mergeBehavior);
  }

  @Override
  public String toString() {
    return "K8sConfig[" + source + ": " + toJson() + "]";
  }
}
