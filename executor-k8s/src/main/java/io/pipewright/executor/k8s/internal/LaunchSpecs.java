package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.executor.k8s.InvalidK8sConfigException;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.PodLaunchSpec;
import io.pipewright.executor.k8s.RunLookup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * From the port's {@link LaunchRequest} to a pod: the request's attempt, code location, image and
 * op tags, the run's job and tags from the {@link RunLookup}, the location's settings layer. The
 * request's command becomes the container's arguments (the image's entrypoint is the step worker),
 * and its whole environment is treated as secret (it holds the attempt's ingest token).
 */
final class LaunchSpecs {

  /** A request that cannot become a pod; carries the result to answer. */
  static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient LaunchResult result;

    Rejection(AttemptFailureReason reason, String message) {
      super(message, null, false, false);
      this.result = LaunchResult.rejected(reason, message);
    }

    LaunchResult result() {
      return result;
    }
  }

  private LaunchSpecs() {}

  /**
   * Builds the pod of a request.
   *
   * @throws Rejection when it cannot be built: {@code CONFIG_ERROR} for settings or a request that
   *     will never work, {@code LAUNCH_FAILED} for a run the lookup does not know (yet)
   */
  static Pod pod(
      LaunchRequest request,
      RunLookup runs,
      Function<String, K8sConfig> locationConfig,
      PodFactory factory)
      throws Rejection {
    AttemptId id = request.attempt();
    if (request.image() == null) {
      throw new Rejection(
          AttemptFailureReason.CONFIG_ERROR,
          "The launch of "
              + id
              + " names no container image for code location '"
              + request.codeLocation()
              + "': a Kubernetes step runs the code location's own image; register the location"
              + " with its image");
    }
    Optional<RunLookup.RunInfo> run;
    K8sConfig location;
    try {
      run = runs.find(id.runId());
      location = locationConfig.apply(request.codeLocation());
    } catch (InvalidK8sConfigException e) {
      throw new Rejection(AttemptFailureReason.CONFIG_ERROR, e.getMessage());
    } catch (RuntimeException e) {
      throw new Rejection(
          AttemptFailureReason.LAUNCH_FAILED,
          "Looking up run " + id.runId() + " for the launch of " + id + " failed: " + e);
    }
    if (run.isEmpty()) {
      throw new Rejection(
          AttemptFailureReason.LAUNCH_FAILED,
          "The launch of "
              + id
              + " is for run "
              + id.runId()
              + ", which the launcher's run lookup does not know; the pod needs the run's job and"
              + " tags");
    }
    try {
      PodLaunchSpec.Builder spec =
          PodLaunchSpec.builder()
              .runId(id.runId())
              .jobName(run.get().jobName())
              .step(id.stepKey(), id.attempt())
              .codeLocation(request.codeLocation(), request.image())
              .args(request.command())
              .jobTags(run.get().tags())
              .stepTags(request.tags())
              .locationConfig(location == null ? K8sConfig.empty() : location);
      for (Map.Entry<String, String> variable : request.environment().entrySet()) {
        spec.sensitiveEnv(variable.getKey(), variable.getValue());
      }
      return factory.build(spec.build());
    } catch (IllegalArgumentException e) {
      // InvalidK8sConfigException among them: every problem, each with the path of its field.
      throw new Rejection(AttemptFailureReason.CONFIG_ERROR, e.getMessage());
    }
  }

  /** What an API server's refusal to create a pod means for the launch. */
  static LaunchResult refused(AttemptId id, KubernetesClientException e) {
    int code = e.getCode();
    String status =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    // 400 Bad Request and 422 Invalid: the API server's validation or admission rejected the pod
    // as specified (a policy, a limit range); the same pod fails the same way.
    boolean invalid = code == 400 || code == 422;
    return LaunchResult.rejected(
        invalid ? AttemptFailureReason.CONFIG_ERROR : AttemptFailureReason.LAUNCH_FAILED,
        "The Kubernetes API server refused the pod of "
            + id
            + (code > 0 ? " (HTTP " + code + ")" : "")
            + ": "
            + status
            + (invalid
                ? ""
                : code == 403
                    ? " (a resource quota, or the daemon's RBAC: it needs pods create)"
                    : ""));
  }

  /** Whether a text takes at least a number of bytes in UTF-8, without encoding short ones. */
  static boolean atLeastBytes(String text, int bytes) {
    // A char takes at most 3 bytes (a surrogate pair, two chars, takes 4).
    if ((long) text.length() * 3 < bytes) {
      return false;
    }
    return text.getBytes(StandardCharsets.UTF_8).length >= bytes;
  }
}
