package io.pipewright.executor.k8s.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.executor.k8s.PodFailureReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The launcher's meters, in the registry the daemon gives it (Prometheus in production). Names,
 * with what Prometheus shows them as:
 *
 * <ul>
 *   <li>{@code pipewright.k8s.pods.created} ({@code _total}): pods this launcher created.
 *   <li>{@code pipewright.k8s.pods.creations{outcome}}: what each pod creation did, however many
 *       calls it took, by {@link ApiStats.CreateOutcome} ({@code CREATED}, {@code ALREADY_EXISTED},
 *       ...): pods created and not created, by reason.
 *   <li>{@code pipewright.k8s.launches{answer}}: launch requests by how they were answered: {@code
 *       create} (a creation was started), {@code known} (the attempt was known: answered without an
 *       API call), {@code in_flight} (the attempt's creation was under way: its answer shared).
 *   <li>{@code pipewright.k8s.pods.failed{reason}}: attempts whose pod failed, by {@link
 *       PodFailureReason}.
 *   <li>{@code pipewright.k8s.pods.deleted{cause}}: pods deleted, by why ({@code succeeded}, {@code
 *       unstarted}, {@code terminated}, {@code swept}).
 *   <li>{@code pipewright.k8s.launches.rejected{reason}}: launches that created nothing.
 *   <li>{@code pipewright.k8s.api.latency{verb,outcome}} ({@code _seconds}, with a histogram): each
 *       API call's latency, rate-limiter wait excluded.
 *   <li>{@code pipewright.k8s.ratelimiter.wait} ({@code _seconds}): each call's wait for a token (0
 *       when one was there); the sum is the time spent waiting.
 *   <li>{@code pipewright.k8s.informer.lag} ({@code _seconds}, with a histogram): from sending a
 *       pod's create request (after the rate limiter's wait) to the informer's first sight of the
 *       pod, through the watcher's queue.
 *   <li>{@code pipewright.k8s.attempts.tracked}: attempts the launcher remembers (a gauge).
 * </ul>
 */
public final class LauncherMetrics {

  private static final String PREFIX = "pipewright.k8s.";

  private final MeterRegistry registry;
  private final Counter created;
  private final Timer rateLimiterWait;
  private final Timer informerLag;
  private final Map<ApiStats.Verb, Timer> apiOk = new EnumMap<>(ApiStats.Verb.class);
  private final Map<ApiStats.Verb, Timer> apiError = new EnumMap<>(ApiStats.Verb.class);
  private final Map<PodFailureReason, Counter> failed = new EnumMap<>(PodFailureReason.class);
  private final Map<ApiStats.CreateOutcome, Counter> creations =
      new EnumMap<>(ApiStats.CreateOutcome.class);
  private final Map<LaunchAnswer, Counter> launches = new EnumMap<>(LaunchAnswer.class);

  /** How a launch request was answered. */
  public enum LaunchAnswer {
    /** A creation was started. */
    CREATE,
    /** The attempt was known: answered without an API call. */
    KNOWN,
    /** The attempt's creation was under way: its answer is shared. */
    IN_FLIGHT
  }

  /**
   * Registers the meters.
   *
   * @param registry where
   * @param trackedAttempts how many attempts the launcher remembers
   */
  public LauncherMetrics(MeterRegistry registry, Supplier<Number> trackedAttempts) {
    this.registry = registry;
    this.created =
        Counter.builder(PREFIX + "pods.created")
            .description("Step pods created by this launcher")
            .register(registry);
    this.rateLimiterWait =
        Timer.builder(PREFIX + "ratelimiter.wait")
            .description("Time each Kubernetes API call waited for the client-side rate limiter")
            .register(registry);
    this.informerLag =
        Timer.builder(PREFIX + "informer.lag")
            .description(
                "From asking for a pod's creation to the informer's first sight of the pod")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    for (ApiStats.Verb verb : ApiStats.Verb.values()) {
      apiOk.put(verb, apiTimer(verb, "success"));
      apiError.put(verb, apiTimer(verb, "error"));
    }
    for (PodFailureReason reason : PodFailureReason.values()) {
      failed.put(
          reason,
          Counter.builder(PREFIX + "pods.failed")
              .description("Step attempts whose pod failed, by reason")
              .tag("reason", reason.name())
              .register(registry));
    }
    for (ApiStats.CreateOutcome outcome : ApiStats.CreateOutcome.values()) {
      creations.put(
          outcome,
          Counter.builder(PREFIX + "pods.creations")
              .description("Pod creations by what they did")
              .tag("outcome", outcome.name())
              .register(registry));
    }
    for (LaunchAnswer answer : LaunchAnswer.values()) {
      launches.put(
          answer,
          Counter.builder(PREFIX + "launches")
              .description("Launch requests by how they were answered")
              .tag("answer", answer.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    Gauge.builder(PREFIX + "attempts.tracked", trackedAttempts, s -> s.get().doubleValue())
        .description("Step attempts the launcher remembers")
        .register(registry);
  }

  private Timer apiTimer(ApiStats.Verb verb, String outcome) {
    return Timer.builder(PREFIX + "api.latency")
        .description("Kubernetes API call latency, rate-limiter wait excluded")
        .tag("verb", verb.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /**
   * Counts one API call.
   *
   * @param verb the call
   * @param nanos its latency
   * @param error whether it failed
   */
  public void apiCall(ApiStats.Verb verb, long nanos, boolean error) {
    (error ? apiError : apiOk).get(verb).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Counts what one pod creation did.
   *
   * @param outcome what it did
   */
  public void creation(ApiStats.CreateOutcome outcome) {
    creations.get(outcome).increment();
  }

  /**
   * Counts a launch request by its answer.
   *
   * @param answer how it was answered
   */
  public void launch(LaunchAnswer answer) {
    launches.get(answer).increment();
  }

  /** The API observer that feeds these meters. */
  ApiStats.Observer apiObserver() {
    return new ApiStats.Observer() {
      @Override
      public void observe(ApiStats.Verb verb, long elapsedNanos, boolean error) {
        apiCall(verb, elapsedNanos, error);
      }

      @Override
      public void created(ApiStats.CreateOutcome outcome) {
        creation(outcome);
      }
    };
  }

  /**
   * Records one wait for the rate limiter.
   *
   * @param nanos how long
   */
  public void rateLimiterWait(long nanos) {
    rateLimiterWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records how long the informer took to show a created pod.
   *
   * @param nanos how long
   */
  public void informerLag(long nanos) {
    informerLag.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** Counts a created pod. */
  public void podCreated() {
    created.increment();
  }

  /**
   * Counts a failed pod.
   *
   * @param reason why
   */
  public void podFailed(PodFailureReason reason) {
    failed.get(reason).increment();
  }

  /**
   * Counts a deleted pod.
   *
   * @param cause why it was deleted
   */
  public void podDeleted(String cause) {
    registry.counter(PREFIX + "pods.deleted", "cause", cause).increment();
  }

  /**
   * Counts a launch that created nothing.
   *
   * @param reason why
   */
  public void launchRejected(AttemptFailureReason reason) {
    registry.counter(PREFIX + "launches.rejected", "reason", reason.name()).increment();
  }

  /**
   * Counts a launch recorded before the launcher started that was not created ({@link
   * RelaunchRule}): its pod adopted, the attempt lost, or the launch refused.
   *
   * @param verdict {@code ADOPT}, {@code LOST} or {@code REFUSE}
   */
  public void relaunch(RelaunchRule.Verdict verdict) {
    registry.counter(PREFIX + "relaunches", "verdict", verdict.name()).increment();
  }
}
