package io.pipewright.executor.k8s;

/**
 * The label and annotation keys of step pods, and their fixed values.
 *
 * <p>Every identity label ({@link #RUN_ID}, {@link #JOB}, {@link #STEP}, {@link #CODE_LOCATION})
 * carries its value verbatim when that value is a valid label value (at most 63 characters of
 * letters, digits, {@code -_.}, starting and ending with a letter or digit), else a readable prefix
 * and a hash of the value. The annotation with the same key always holds the exact value: read
 * identities from annotations, select pods by labels.
 */
public final class PodLabels {

  /**
   * Standard label naming the tool that manages the pod; the informer and the orphan sweep select
   * on it, so a pod without it is invisible to Pipewright. Value: {@link #MANAGED_BY_VALUE}.
   */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The value of {@link #MANAGED_BY} on every pod Pipewright creates. */
  public static final String MANAGED_BY_VALUE = "pipewright";

  /**
   * Standard label naming the role of the pod in the application, so that dashboards can tell step
   * workers from the webserver or daemon. Value: {@link #COMPONENT_STEP_WORKER}.
   */
  public static final String COMPONENT = "app.kubernetes.io/component";

  /** The value of {@link #COMPONENT} on step pods. */
  public static final String COMPONENT_STEP_WORKER = "step-worker";

  /**
   * The Pipewright installation that owns the pod (its deployment's instance name). Two
   * installations may share a namespace: each one watches, sweeps and deletes only its own pods.
   */
  public static final String INSTANCE = "pipewright.io/instance";

  /**
   * The run the step attempt belongs to; termination deletes a run's pods by this label, the orphan
   * sweep asks whether this run is still active.
   */
  public static final String RUN_ID = "pipewright.io/run-id";

  /** The job the run executes; for people ({@code kubectl get pods -l pipewright.io/job=etl}). */
  public static final String JOB = "pipewright.io/job";

  /**
   * The step key ({@code op}, {@code graph.op}, {@code op[mapping_key]}); mapped steps' keys are
   * not valid label values, so they are hashed here and exact in the annotation of the same key.
   */
  public static final String STEP = "pipewright.io/step";

  /**
   * The attempt number of the step, in decimal; with the run id and step key it identifies the pod,
   * which makes launching idempotent (the same attempt always has the same pod name).
   */
  public static final String ATTEMPT = "pipewright.io/attempt";

  /** The code location whose image the pod runs. */
  public static final String CODE_LOCATION = "pipewright.io/code-location";

  /**
   * The label prefix Pipewright reserves: {@code pipewright.io/k8s-config} may not set labels or
   * annotations under it, so users cannot forge another run's identity.
   */
  public static final String RESERVED_PREFIX = "pipewright.io/";

  private PodLabels() {}
}
