package io.pipewright.executor.k8s;

/**
 * How one layer of pod settings is merged onto the layers below it (the {@code merge_behavior} key
 * of {@code pipewright.io/k8s-config}, as in Dagster's {@code dagster-k8s/config}). The layer being
 * applied decides; a JSON {@code null} removes a key in both modes.
 */
public enum MergeBehavior {
  /**
   * Objects are merged key by key, recursively. Lists of named items ({@code env}, {@code volumes},
   * {@code imagePullSecrets}, {@code initContainers}, ...) are merged by name, and {@code
   * volumeMounts} by {@code mountPath}: an item of the upper layer replaces the lower item with the
   * same key in place, new items are appended. Other lists ({@code tolerations}, {@code envFrom})
   * are appended, without exact duplicates. Other values are replaced. The default.
   */
  DEEP,

  /**
   * Each top-level key of {@code container_config}, {@code pod_spec_config} and {@code
   * pod_template_spec_metadata} replaces the lower layers' value of that key as a whole.
   */
  SHALLOW
}
