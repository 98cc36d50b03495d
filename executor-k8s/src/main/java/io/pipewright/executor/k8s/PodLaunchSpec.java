package io.pipewright.executor.k8s;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build the pod of one step attempt.
 *
 * @param runId the run's id; non-blank
 * @param jobName the job the run executes; non-blank
 * @param stepKey the step key ({@code op}, {@code graph.op}, {@code op[mapping_key]}); non-blank
 * @param attempt the attempt number, zero or more; each attempt is its own pod
 * @param codeLocationName the code location whose image runs the step; non-blank
 * @param image that location's container image (from its snapshot); non-blank
 * @param command the container's command; empty to run the image's entrypoint
 * @param args the container's arguments (for the step worker: {@code execute-step --args ...})
 * @param env environment variables for the step worker, in order; names must not clash with the
 *     ones that the {@code pipewright.io/k8s-config} layers set
 * @param sensitiveEnv environment variables that are secrets (the attempt's ingest token); set on
 *     the container like {@link #env()}, but never shown by {@link #toString()}
 * @param jobTags the run's tags (the job's and the launch's); the {@value K8sConfig#TAG} tag among
 *     them is the job layer of the pod settings
 * @param stepTags the step's tags; the {@value K8sConfig#TAG} tag among them is the op layer
 * @param locationConfig the code location's layer of pod settings; {@link K8sConfig#empty()} for
 *     none
 */
public record PodLaunchSpec(
    String runId,
    String jobName,
    String stepKey,
    int attempt,
    String codeLocationName,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Map<String, String> sensitiveEnv,
    Map<String, String> jobTags,
    Map<String, String> stepTags,
    K8sConfig locationConfig) {

  /** Validates and copies the components. */
  public PodLaunchSpec {
    nonBlank(runId, "runId");
    nonBlank(jobName, "jobName");
    nonBlank(stepKey, "stepKey");
    if (attempt < 0) {
      throw new IllegalArgumentException(
          "PodLaunchSpec of step '" + stepKey + "' needs an attempt of 0 or more, got " + attempt);
    }
    nonBlank(codeLocationName, "codeLocationName");
    nonBlank(image, "image");
    command = command == null ? List.of() : List.copyOf(command);
    args = args == null ? List.of() : List.copyOf(args);
    env = copy(env, "env");
    sensitiveEnv = copy(sensitiveEnv, "sensitiveEnv");
    for (String name : sensitiveEnv.keySet()) {
      if (env.containsKey(name)) {
        throw new IllegalArgumentException(
            "PodLaunchSpec sets environment variable " + name + " in both env and sensitiveEnv");
      }
    }
    jobTags = copy(jobTags, "jobTags");
    stepTags = copy(stepTags, "stepTags");
    locationConfig = locationConfig == null ? K8sConfig.empty() : locationConfig;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Shows everything but the values of {@link #sensitiveEnv()}. */
  @Override
  public String toString() {
    StringBuilder hidden = new StringBuilder("{");
    for (String name : sensitiveEnv.keySet()) {
      hidden.append(hidden.length() == 1 ? "" : ", ").append(name).append("=***");
    }
    hidden.append('}');
    return "PodLaunchSpec[runId="
        + runId
        + ", jobName="
        + jobName
        + ", stepKey="
        + stepKey
        + ", attempt="
        + attempt
        + ", codeLocationName="
        + codeLocationName
        + ", image="
        + image
        + ", command="
        + command
        + ", args="
        + args
        + ", env="
        + env
        + ", sensitiveEnv="
        + hidden
        + ", jobTags="
        + jobTags
        + ", stepTags="
        + stepTags
        + ", locationConfig="
        + locationConfig
        + "]";
  }

  private static void nonBlank(String value, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("PodLaunchSpec needs a non-blank " + component);
    }
  }

  private static Map<String, String> copy(Map<String, String> map, String component) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "PodLaunchSpec has a null key or value in " + component + ": " + e.getKey());
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Builds a {@link PodLaunchSpec}; unset lists and maps are empty. */
  public static final class Builder {
    private String runId;
    private String jobName;
    private String stepKey;
    private int attempt;
    private String codeLocationName;
    private String image;
    private List<String> command = List.of();
    private List<String> args = List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> sensitiveEnv = new LinkedHashMap<>();
    private Map<String, String> jobTags = Map.of();
    private Map<String, String> stepTags = Map.of();
    private K8sConfig locationConfig = K8sConfig.empty();

    private Builder() {}

    /**
     * Sets the run id.
     *
     * @param runId the run's id
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /**
     * Sets the job name.
     *
     * @param jobName the job's name
     * @return this builder
     */
    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    /**
     * Sets the step key and attempt.
     *
     * @param stepKey the step key
     * @param attempt the attempt number
     * @return this builder
     */
    public Builder step(String stepKey, int attempt) {
      this.stepKey = stepKey;
      this.attempt = attempt;
      return this;
    }

    /**
     * Sets the code location and its image.
     *
     * @param codeLocationName the location's name
     * @param image its container image
     * @return this builder
     */
    public Builder codeLocation(String codeLocationName, String image) {
      this.codeLocationName = codeLocationName;
      this.image = image;
      return this;
    }

    /**
     * Sets the container's command.
     *
     * @param command the command; empty for the image's entrypoint
     * @return this builder
     */
    public Builder command(List<String> command) {
      this.command = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * Sets the container's arguments.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder args(List<String> args) {
      this.args = Objects.requireNonNull(args, "args");
      return this;
    }

    /**
     * Adds an environment variable.
     *
     * @param name its name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /**
     * Adds a secret environment variable (never shown by {@code toString}).
     *
     * @param name its name
     * @param value its value
     * @return this builder
     */
    public Builder sensitiveEnv(String name, String value) {
      sensitiveEnv.put(name, value);
      return this;
    }

    /**
     * Sets the run's tags.
     *
     * @param jobTags the tags
     * @return this builder
     */
    public Builder jobTags(Map<String, String> jobTags) {
      this.jobTags = Objects.requireNonNull(jobTags, "jobTags");
      return this;
    }

    /**
     * Sets the step's tags.
     *
     * @param stepTags the tags
     * @return this builder
     */
    public Builder stepTags(Map<String, String> stepTags) {
      this.stepTags = Objects.requireNonNull(stepTags, "stepTags");
      return this;
    }

    /**
     * Sets the code location's layer of pod settings.
     *
     * @param locationConfig the layer
     * @return this builder
     */
    public Builder locationConfig(K8sConfig locationConfig) {
      this.locationConfig = Objects.requireNonNull(locationConfig, "locationConfig");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException when a required component is missing
     */
    public PodLaunchSpec build() {
      return new PodLaunchSpec(
          runId,
          jobName,
          stepKey,
          attempt,
          codeLocationName,
          image,
          command,
          args,
          env,
          sensitiveEnv,
          jobTags,
          stepTags,
          locationConfig);
    }
  }
}
