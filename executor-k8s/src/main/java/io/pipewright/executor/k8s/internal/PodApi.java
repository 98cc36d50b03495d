package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.pipewright.executor.k8s.PodLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The executor's calls on pods, each behind the shared {@link TokenBucket} and counted in {@link
 * ApiStats}. Creation is idempotent, deletion too; creations run concurrently on a bounded pool.
 * The informers of {@link PodWatcher} are the only other API users (one list and one watch each).
 */
public final class PodApi implements AutoCloseable {

  /** What a create did. */
  public enum CreateResult {
    /** The pod was created. */
    CREATED,
    /**
     * The pod existed already, for the same run, step and attempt: launched before (by this daemon
     * before a restart, or by another replica), so launched.
     */
    ALREADY_EXISTED,
    /**
     * The create answered AlreadyExists but the pod was gone when read: the attempt was launched
     * before and its pod has since been deleted. It is not created again (that would run the step
     * twice): launched, and gone.
     */
    GONE
  }

  private static final int HTTP_NOT_FOUND = 404;
  private static final int HTTP_CONFLICT = 409;
  private static final int HTTP_TOO_MANY_REQUESTS = 429;
  private static final int HTTP_SERVER_ERROR = 500;

  /** How many times a create that failed in transit is sent again, at most. */
  static final int CREATE_RESENDS = 3;

  /** The wait before the first re-send; doubled before each next one. */
  static final long RESEND_BACKOFF_MILLIS = 100;

  private final KubernetesClient client;
  private final KubernetesClient creator;
  private final String namespace;
  private final String instance;
  private final TokenBucket limiter;
  private final ApiStats stats;
  private final ExecutorService creators;

  /**
   * Creates the API.
   *
   * @param client the Kubernetes client
   * @param namespace the namespace of step pods
   * @param instance this installation's {@link PodLabels#INSTANCE} value
   * @param limiter the rate limiter shared by every API call of the process
   * @param stats where calls are counted
   * @param createConcurrency how many creations may be in flight
   */
  public PodApi(
      KubernetesClient client,
      String namespace,
      String instance,
      TokenBucket limiter,
      ApiStats stats,
      int createConcurrency) {
    this.client = Objects.requireNonNull(client, "client");
    // Creates are never sent again by the HTTP client (fabric8 re-sends after a connection
    // failure, a 429 or a 5xx, up to requestRetryBackoffLimit times): the first request may have
    // created the pod, which can run, end and be deleted before a blind re-send, which would then
    // create it a second time and run the step twice. create() re-sends itself, through the rate
    // limiter and the counters, and only while the informer has not shown the pod. Other calls
    // keep the client's retries: they are idempotent.
    this.creator =
        client
            .newClient(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .adapt(KubernetesClient.class);
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.creators = Executors.newFixedThreadPool(createConcurrency, daemonThreads());
  }

  /**
   * Creates a pod; a pod of the same name for the same attempt counts as created. Never creates a
   * pod whose create answered AlreadyExists: a pod of that name that is gone when read was this
   * attempt's ({@link CreateResult#GONE}).
   *
   * @param pod the pod, from the pod factory
   * @return what happened
   * @throws PodNameCollisionException when a pod of that name exists for another attempt
   * @throws KubernetesClientException when the API server refuses for another reason
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public CreateResult create(Pod pod) throws InterruptedException {
    return create(pod, sentAt -> {}, () -> false);
  }

  /**
   * Creates a pod, telling when the request is sent (after the rate limiter's wait); a pod of the
   * same name for the same attempt counts as created.
   *
   * @param pod the pod, from the pod factory
   * @param sent receives {@link System#nanoTime()} just before the create request goes out
   * @param shown whether the informer shows the attempt's pod: asked before a create that failed in
   *     transit (a connection failure, a 429 or a 5xx) is sent again; true means the failed request
   *     created it, and it is not sent again
   * @return what happened
   * @throws PodNameCollisionException when a pod of that name exists for another attempt
   * @throws KubernetesClientException when the API server refuses for another reason
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public CreateResult create(Pod pod, LongConsumer sent, BooleanSupplier shown)
      throws InterruptedException {
    ApiStats.CreateOutcome outcome = ApiStats.CreateOutcome.REFUSED;
    try {
      Sent result = send(pod, sent, shown);
      outcome = result.outcome();
      return result.result();
    } catch (PodNameCollisionException e) {
      outcome = ApiStats.CreateOutcome.NAME_COLLISION;
      throw e;
    } finally {
      stats.recordCreate(outcome);
    }
  }

  private record Sent(CreateResult result, ApiStats.CreateOutcome outcome) {}

  private Sent send(Pod pod, LongConsumer sent, BooleanSupplier shown) throws InterruptedException {
    String name = pod.getMetadata().getName();
    for (int resends = 0; ; resends++) {
      if (resends > 0) {
        Thread.sleep(RESEND_BACKOFF_MILLIS << (resends - 1));
        if (shown.getAsBoolean()) {
          // The failed request created the pod: sending it again could only be answered
          // AlreadyExists, or, once the pod ended and was deleted, create it a second time.
          return new Sent(CreateResult.CREATED, ApiStats.CreateOutcome.CREATED_UNANSWERED);
        }
      }
      limiter.acquire();
      long start = System.nanoTime();
      sent.accept(start);
      try {
        creator.pods().inNamespace(namespace).resource(pod).create();
        stats.record(ApiStats.Verb.CREATE, System.nanoTime() - start, false);
        return new Sent(CreateResult.CREATED, ApiStats.CreateOutcome.CREATED);
      } catch (KubernetesClientException e) {
        boolean conflict = e.getCode() == HTTP_CONFLICT;
        stats.record(ApiStats.Verb.CREATE, System.nanoTime() - start, !conflict);
        if (conflict) {
          break;
        }
        if (!inTransit(e) || resends == CREATE_RESENDS) {
          throw e;
        }
      }
    }
    Pod existing = get(name);
    if (existing == null) {
      // The name is the attempt's: a pod of this attempt existed and is gone (it ended and was
      // deleted, or someone deleted it). Creating it again would run the step a second time.
      return new Sent(CreateResult.GONE, ApiStats.CreateOutcome.GONE);
    }
    if (!sameAttempt(pod, existing)) {
      throw new PodNameCollisionException(name, identity(pod), identity(existing));
    }
    return new Sent(CreateResult.ALREADY_EXISTED, ApiStats.CreateOutcome.ALREADY_EXISTED);
  }

  /**
   * A failure the request may not have caused: no answer (a connection failure; the request may
   * have been carried out), too many requests, or a server error.
   */
  private static boolean inTransit(KubernetesClientException e) {
    int code = e.getCode();
    return code <= 0 || code == HTTP_TOO_MANY_REQUESTS || code >= HTTP_SERVER_ERROR;
  }

  /**
   * Creates a pod on the creation pool.
   *
   * @param pod the pod
   * @return the result, or the failure of {@link #create(Pod)}
   */
  public CompletableFuture<CreateResult> createAsync(Pod pod) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return create(pod);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
          }
        },
        creators);
  }

  /**
   * Creates pods concurrently (at most the creation pool's size in flight, all behind the rate
   * limiter).
   *
   * @param pods the pods
   * @return one future per pod, in order
   */
  public List<CompletableFuture<CreateResult>> createAll(List<Pod> pods) {
    List<CompletableFuture<CreateResult>> futures = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      futures.add(createAsync(pod));
    }
    return futures;
  }

  /**
   * Deletes every pod of a run (of this installation) that has not failed, with one call;
   * idempotent. Failed pods are kept for inspection (the orphan sweep deletes them after {@code
   * keepFailedPodsFor}): a field selector on {@code status.phase} spares them. (fabric8's mock API
   * server ignores field selectors, so in tests failed pods go too.)
   *
   * @param runId the run id
   * @param grace the grace period the containers get to stop
   * @return how many pods were deleted by this call
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public int deleteRunPods(String runId, Duration grace) throws InterruptedException {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(PodLabels.MANAGED_BY, PodLabels.MANAGED_BY_VALUE);
    selector.put(PodLabels.INSTANCE, instance);
    selector.put(PodLabels.RUN_ID, Names.labelValue(runId));
    limiter.acquire();
    long start = System.nanoTime();
    try {
      List<StatusDetails> deleted =
          client
              .pods()
              .inNamespace(namespace)
              .withLabels(selector)
              .withoutField("status.phase", "Failed")
              .withGracePeriod(grace.toSeconds())
              .delete();
      stats.record(ApiStats.Verb.DELETE_COLLECTION, System.nanoTime() - start, false);
      return deleted.size();
    } catch (KubernetesClientException e) {
      stats.record(ApiStats.Verb.DELETE_COLLECTION, System.nanoTime() - start, true);
      throw e;
    }
  }

  /**
   * Deletes one pod; idempotent.
   *
   * @param name the pod's name
   * @param grace the grace period its containers get to stop
   * @return true when this call deleted it, false when it was gone already
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public boolean delete(String name, Duration grace) throws InterruptedException {
    limiter.acquire();
    long start = System.nanoTime();
    try {
      List<StatusDetails> deleted =
          client
              .pods()
              .inNamespace(namespace)
              .withName(name)
              .withGracePeriod(grace.toSeconds())
              .delete();
      stats.record(ApiStats.Verb.DELETE, System.nanoTime() - start, false);
      return !deleted.isEmpty();
    } catch (KubernetesClientException e) {
      boolean gone = e.getCode() == HTTP_NOT_FOUND;
      stats.record(ApiStats.Verb.DELETE, System.nanoTime() - start, !gone);
      if (gone) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Reads the last lines of the step container's log.
   *
   * @param name the pod's name
   * @param tailLines how many lines from the end
   * @return the log, or empty when the pod is gone
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public Optional<String> log(String name, int tailLines) throws InterruptedException {
    limiter.acquire();
    long start = System.nanoTime();
    try {
      String log =
          client
              .pods()
              .inNamespace(namespace)
              .withName(name)
              .inContainer(PodFactory.CONTAINER_NAME)
              .tailingLines(tailLines)
              .getLog();
      stats.record(ApiStats.Verb.LOG, System.nanoTime() - start, false);
      return Optional.ofNullable(log);
    } catch (KubernetesClientException e) {
      boolean gone = e.getCode() == HTTP_NOT_FOUND;
      stats.record(ApiStats.Verb.LOG, System.nanoTime() - start, !gone);
      if (gone) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Reads the step container's whole log, up to a number of bytes, to copy it into the compute
   * logs; one call.
   *
   * @param name the pod's name
   * @param limitBytes the most bytes to read (from the start of the log)
   * @return the log, or empty when the pod is gone
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public Optional<String> fullLog(String name, int limitBytes) throws InterruptedException {
    limiter.acquire();
    long start = System.nanoTime();
    try {
      String log =
          client
              .pods()
              .inNamespace(namespace)
              .withName(name)
              .inContainer(PodFactory.CONTAINER_NAME)
              .limitBytes(limitBytes)
              .getLog();
      stats.record(ApiStats.Verb.LOG, System.nanoTime() - start, false);
      return Optional.ofNullable(log);
    } catch (KubernetesClientException e) {
      boolean gone = e.getCode() == HTTP_NOT_FOUND;
      stats.record(ApiStats.Verb.LOG, System.nanoTime() - start, !gone);
      if (gone) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Returns the call counters.
   *
   * @return the counters
   */
  public ApiStats stats() {
    return stats;
  }

  /** Stops the creation pool; creations in flight finish. */
  @Override
  public void close() {
    creators.shutdown();
  }

  /**
   * Reads a pod by name, through the rate limiter.
   *
   * @param name the pod's name
   * @return the pod, or null when there is none
   * @throws KubernetesClientException when the API server refuses
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  public Pod read(String name) throws InterruptedException {
    return get(name);
  }

  /**
   * Tells whether a pod was made for an attempt of this instance: its annotations name the run,
   * step and attempt, and its label the instance.
   *
   * @param pod the pod
   * @param runId the attempt's run
   * @param stepKey the attempt's step
   * @param attempt the attempt's number
   * @return true when it is that attempt's pod
   */
  public boolean isPodOf(Pod pod, String runId, String stepKey, int attempt) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    Map<String, String> labels = pod.getMetadata().getLabels();
    return annotations != null
        && labels != null
        && runId.equals(annotations.get(PodLabels.RUN_ID))
        && stepKey.equals(annotations.get(PodLabels.STEP))
        && String.valueOf(attempt).equals(annotations.get(PodLabels.ATTEMPT))
        && instance.equals(labels.get(PodLabels.INSTANCE));
  }

  private Pod get(String name) throws InterruptedException {
    limiter.acquire();
    long start = System.nanoTime();
    try {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      stats.record(ApiStats.Verb.GET, System.nanoTime() - start, false);
      return pod;
    } catch (KubernetesClientException e) {
      stats.record(ApiStats.Verb.GET, System.nanoTime() - start, true);
      throw e;
    }
  }

  private static boolean sameAttempt(Pod wanted, Pod existing) {
    return identity(wanted).equals(identity(existing));
  }

  private static String identity(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    Map<String, String> labels = pod.getMetadata().getLabels();
    return "run "
        + (annotations == null ? null : annotations.get(PodLabels.RUN_ID))
        + ", step "
        + (annotations == null ? null : annotations.get(PodLabels.STEP))
        + ", attempt "
        + (annotations == null ? null : annotations.get(PodLabels.ATTEMPT))
        + ", instance "
        + (labels == null ? null : labels.get(PodLabels.INSTANCE));
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "pipewright-pod-create-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
