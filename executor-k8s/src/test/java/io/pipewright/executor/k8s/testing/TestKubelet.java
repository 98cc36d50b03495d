package io.pipewright.executor.k8s.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A kubelet for tests: watches the pods of one namespace and plays the scheduler, the kubelet and
 * the container runtime for them. Each pod's container command really runs as a local process (so a
 * real step worker can run), with the pod's environment (values, {@code valueFrom} config maps,
 * secrets and pod fields, {@code envFrom}); its output is the container's log. Status is written
 * the way a kubelet writes it: Pending (scheduled, {@code ContainerCreating}), Running, then
 * Succeeded or Failed with the exit code; {@code activeDeadlineSeconds} is enforced.
 *
 * <p>On request, by the {@value #SCENARIO_ANNOTATION} annotation on the pod (see {@link Scenario})
 * or through {@link #evict(String)} and {@link #loseNode()}, it plays failures: OOMKilled, image
 * pull errors, config errors, unschedulable pods, eviction, node loss, pods that never start.
 *
 * <p>What it does not do: pull images (the image is ignored; a pod without a command runs its
 * arguments as the command), expand {@code $(VAR)} references, mount volumes, enforce limits or
 * security contexts.
 *
 * <p>A container whose whole command line is {@value #NO_OP_COMMAND} is short-circuited: no process
 * runs, and the pod goes straight to Succeeded (exit code 0, an empty log) with one status write
 * instead of five writes and reads, so that benchmarks of many pods measure the launcher rather
 * than process start-up.
 */
public final class TestKubelet implements AutoCloseable {

  /** The annotation that chooses a pod's {@link Scenario}. */
  public static final String SCENARIO_ANNOTATION = "test-kubelet.pipewright.io/scenario";

  /** The command line the kubelet does not run: it succeeds at once (see the class comment). */
  public static final String NO_OP_COMMAND = "true";

  /** The one node pods are scheduled to. */
  public static final String NODE_NAME = "test-node";

  /** What the kubelet does with a pod, chosen by the {@value #SCENARIO_ANNOTATION} annotation. */
  public enum Scenario {
    /** Schedule, run the command, report its exit (the default). */
    RUN,
    /** Schedule, start, then kill the process and report OOMKilled (exit code 137). */
    OOM,
    /** Schedule, then wait forever in ErrImagePull / ImagePullBackOff. */
    IMAGE_PULL_ERROR,
    /** Schedule, then wait forever in CreateContainerConfigError. */
    CONFIG_ERROR,
    /** Never schedule: PodScheduled False, Unschedulable, insufficient memory. */
    UNSCHEDULABLE,
    /** Schedule and start, then evict for memory pressure once the process runs. */
    EVICT,
    /** Schedule and start, then lose the node: NotReady, the process dies, no more updates. */
    NODE_LOST,
    /** Do nothing at all, as if no scheduler or kubelet were there. */
    NEVER_START
  }

  private final KubernetesClient client;
  private final String namespace;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "test-kubelet-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, List<String>> entrypoints = new ConcurrentHashMap<>();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> endedAtNanos = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean nodeLost;
  private SharedIndexInformer<Pod> informer;

  private static final AtomicInteger THREADS = new AtomicInteger();

  TestKubelet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  void start() {
    client.nodes().resource(KubeletStatuses.node(true)).create();
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<Pod>() {
                  @Override
                  public void onAdd(Pod pod) {
                    String name = pod.getMetadata().getName();
                    if (handled.add(name)) {
                      // A pod created again under a deleted pod's name is a new pod (a kubelet
                      // knows pods by uid): what was remembered of the old one is forgotten.
                      deleted.remove(name);
                      stopped.remove(name);
                      endedAtNanos.remove(name);
                      workers.execute(() -> handle(name, pod));
                    }
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {}

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    String name = pod.getMetadata().getName();
                    deleted.add(name);
                    kill(name);
                    handled.remove(name);
                  }
                });
  }

  /**
   * Gives an image an entrypoint, as a container runtime reads it from the image: a container of
   * that image without a {@code command} runs the entrypoint followed by its {@code args} (a step
   * pod's {@code [execute-step, --args, ...]} then runs a real step worker, such as {@code java
   * -jar app.jar}). Images without one run their arguments as the command.
   *
   * @param image the image reference, exactly as pods name it
   * @param entrypoint the command line it starts with
   */
  public void entrypoint(String image, List<String> entrypoint) {
    entrypoints.put(image, List.copyOf(entrypoint));
  }

  /**
   * Returns what a pod's container wrote so far (stdout and stderr, merged).
   *
   * @param namespace the pod's namespace
   * @param podName the pod's name
   * @return the log, or null when the kubelet never ran that pod
   */
  public String logs(String namespace, String podName) {
    if (!this.namespace.equals(namespace)) {
      return null;
    }
    StringBuffer log = logs.get(podName);
    return log == null ? null : log.toString();
  }

  /**
   * Returns when the kubelet wrote a pod's terminal status (Succeeded or Failed with an exit code),
   * on {@link System#nanoTime()}'s scale, for benchmarks that measure what follows.
   *
   * @param podName the pod's name
   * @return the time, or null when it has not finished
   */
  public Long endedAtNanos(String podName) {
    return endedAtNanos.get(podName);
  }

  /**
   * Returns how many container processes were started.
   *
   * @return the count
   */
  public int processesStarted() {
    return started.get();
  }

  /**
   * Evicts a running pod for memory pressure: kills its process and marks it Failed/Evicted.
   *
   * @param podName the pod's name
   */
  public void evict(String podName) {
    stopped.add(podName);
    kill(podName);
    writeStatus(podName, KubeletStatuses::evicted);
  }

  /**
   * Loses the node: it turns NotReady (Unknown, as when its kubelet stops reporting), every process
   * dies, and no pod on it is updated any more.
   */
  public void loseNode() {
    nodeLost = true;
    client
        .nodes()
        .withName(NODE_NAME)
        .editStatus(
            node -> {
              node.getStatus().setConditions(List.of(KubeletStatuses.readyCondition(false)));
              return node;
            });
    for (String pod : List.copyOf(processes.keySet())) {
      stopped.add(pod);
      kill(pod);
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.stop();
    }
    for (String pod : List.copyOf(processes.keySet())) {
      stopped.add(pod);
      kill(pod);
    }
    workers.shutdownNow();
  }

  private void handle(String name, Pod pod) {
    try {
      Scenario scenario = scenario(pod);
      switch (scenario) {
        case NEVER_START:
          return;
        case UNSCHEDULABLE:
          writeStatus(name, KubeletStatuses::unschedulable);
          return;
        default:
          break;
      }
      if (nodeLost) {
        return;
      }
      if (scenario == Scenario.RUN && isNoOp(pod) && environmentResolves(pod)) {
        succeedAtOnce(name, pod);
        return;
      }
      schedule(name);
      if (scenario == Scenario.IMAGE_PULL_ERROR) {
        waiting(
            name,
            pod,
            "ErrImagePull",
            "failed to pull and unpack image \"" + image(pod) + "\": not found");
        waiting(name, pod, "ImagePullBackOff", "Back-off pulling image \"" + image(pod) + "\"");
        return;
      }
      if (scenario == Scenario.CONFIG_ERROR) {
        waiting(name, pod, "CreateContainerConfigError", "secret \"missing\" not found");
        return;
      }
      Map<String, String> env;
      try {
        env = ContainerEnvironment.resolve(client, namespace, pod);
      } catch (IllegalStateException e) {
        waiting(name, pod, "CreateContainerConfigError", e.getMessage());
        return;
      }
      run(name, pod, env, scenario);
    } catch (KubernetesClientException e) {
      if (!deleted.contains(name)) {
        throw e;
      }
    } catch (IOException e) {
      waiting(name, pod, "RunContainerError", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(String name, Pod pod, Map<String, String> env, Scenario scenario)
      throws IOException, InterruptedException {
    List<String> command = commandLine(pod);
    Path workDir = Files.createTempDirectory("test-kubelet-" + name);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", workDir.toString());
    builder.environment().putAll(env);
    StringBuffer log = new StringBuffer();
    logs.put(name, log);
    if (deleted.contains(name)) {
      return;
    }
    Process process = builder.start();
    started.incrementAndGet();
    processes.put(name, process);
    Future<?> copying = workers.submit(() -> copy(process.getInputStream(), log));
    String startedAt = KubeletStatuses.now();
    writeStatus(name, status -> KubeletStatuses.running(status, pod, startedAt));
    if (scenario == Scenario.OOM) {
      stopped.add(name);
      kill(name);
      finish(name, pod, startedAt, 137, "OOMKilled");
      return;
    }
    if (scenario == Scenario.EVICT) {
      evict(name);
      return;
    }
    if (scenario == Scenario.NODE_LOST) {
      loseNode();
      return;
    }
    Long deadline = pod.getSpec().getActiveDeadlineSeconds();
    boolean exited =
        deadline == null ? waitFor(process) : process.waitFor(deadline, TimeUnit.SECONDS);
    if (stopped.contains(name) || deleted.contains(name) || nodeLost) {
      return;
    }
    if (!exited) {
      stopped.add(name);
      kill(name);
      writeStatus(name, KubeletStatuses::deadlineExceeded);
      return;
    }
    processes.remove(name);
    int code = process.exitValue();
    // A runtime has the container's output in its log before the kubelet reports the exit.
    try {
      copying.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The copy ends with the process's output; a log cut short is what a test would then see.
    }
    finish(name, pod, startedAt, code, code == 0 ? "Completed" : "Error");
  }

  private boolean isNoOp(Pod pod) {
    return commandLine(pod).equals(List.of(NO_OP_COMMAND));
  }

  /** The container's command, else its image's entrypoint, then its arguments. */
  private List<String> commandLine(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    List<String> line =
        new ArrayList<>(
            container.getCommand().isEmpty()
                ? entrypoints.getOrDefault(String.valueOf(container.getImage()), List.of())
                : container.getCommand());
    line.addAll(container.getArgs());
    return line;
  }

  /** A missing secret or config map still fails a no-op pod: the full path reports it. */
  private boolean environmentResolves(Pod pod) {
    try {
      ContainerEnvironment.resolve(client, namespace, pod);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /**
   * Ends a no-op pod with one write: its final status, built on the informer's copy of the pod (no
   * read first, no separate scheduling write), as if it was scheduled and ran in no time.
   */
  private void succeedAtOnce(String name, Pod pod) {
    logs.put(name, new StringBuffer());
    String at = KubeletStatuses.now();
    Pod done = new PodBuilder(pod).build();
    PodStatus status = done.getStatus() == null ? new PodStatusBuilder().build() : done.getStatus();
    status.setHostIP("10.0.0.1");
    status.setStartTime(at);
    status.setConditions(
        new ArrayList<>(
            List.of(
                KubeletStatuses.condition("PodScheduled", "True", null, null),
                KubeletStatuses.condition("Initialized", "True", null, null))));
    done.setStatus(KubeletStatuses.finished(status, pod, at, at, 0, "Completed"));
    // Noted before the write: the informers may see the status before the write returns.
    endedAtNanos.put(name, System.nanoTime());
    try {
      client.pods().inNamespace(namespace).resource(done).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        // Changed since the informer saw it: write it the ordinary way (read, then write).
        writeStatus(
            name, current -> KubeletStatuses.finished(current, pod, at, at, 0, "Completed"));
      } else if (!deleted.contains(name) && e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static boolean waitFor(Process process) throws InterruptedException {
    process.waitFor();
    return true;
  }

  private void finish(String name, Pod pod, String startedAt, int code, String reason) {
    String finishedAt = KubeletStatuses.now();
    // Noted before the write: the informers may see the status before the write returns.
    endedAtNanos.put(name, System.nanoTime());
    writeStatus(
        name, status -> KubeletStatuses.finished(status, pod, startedAt, finishedAt, code, reason));
  }

  private void schedule(String name) {
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            pod -> {
              pod.getSpec().setNodeName(NODE_NAME);
              return pod;
            });
    writeStatus(
        name,
        status -> {
          status.setPhase("Pending");
          status.setHostIP("10.0.0.1");
          status.setConditions(
              new ArrayList<>(
                  List.of(KubeletStatuses.condition("PodScheduled", "True", null, null))));
          return status;
        });
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod != null) {
      waiting(name, pod, "ContainerCreating", null);
    }
  }

  private void waiting(String name, Pod pod, String reason, String message) {
    writeStatus(
        name,
        status -> {
          status.setPhase("Pending");
          status.setContainerStatuses(
              List.of(
                  KubeletStatuses.containerStatus(
                      pod,
                      new ContainerStateBuilder()
                          .withNewWaiting()
                          .withReason(reason)
                          .withMessage(message)
                          .endWaiting()
                          .build(),
                      false)));
          return status;
        });
  }

  private void writeStatus(String name, UnaryOperator<PodStatus> change) {
    if (deleted.contains(name)) {
      return;
    }
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null) {
      return;
    }
    PodStatus status = pod.getStatus() == null ? new PodStatusBuilder().build() : pod.getStatus();
    status.setConditions(new ArrayList<>(status.getConditions()));
    pod.setStatus(change.apply(status));
    try {
      client.pods().inNamespace(namespace).resource(pod).updateStatus();
    } catch (KubernetesClientException e) {
      if (!deleted.contains(name) && e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void kill(String name) {
    Process process = processes.remove(name);
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void copy(InputStream in, StringBuffer log) {
    byte[] buffer = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The process was killed: its log ends here, as a container's would.
    }
  }

  private static Scenario scenario(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(SCENARIO_ANNOTATION);
    return value == null ? Scenario.RUN : Scenario.valueOf(value);
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }
}
