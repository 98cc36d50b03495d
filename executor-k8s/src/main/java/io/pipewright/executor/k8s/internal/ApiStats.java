package io.pipewright.executor.k8s.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of Kubernetes API calls by verb: calls, failed calls and total latency (rate-limiter
 * waits excluded). Ready for a metrics registry; thread-safe.
 */
public final class ApiStats {

  /** The API calls the executor makes. */
  public enum Verb {
    /** Create a pod. */
    CREATE,
    /** Read one pod (only after a create answered AlreadyExists). */
    GET,
    /** Delete one pod. */
    DELETE,
    /** Delete a run's pods by label. */
    DELETE_COLLECTION,
    /** Read a pod's log. */
    LOG
  }

  /**
   * The counters of one verb.
   *
   * @param calls calls made
   * @param errors calls that failed (an expected AlreadyExists or NotFound is not a failure)
   * @param nanos total latency
   */
  public record VerbStats(long calls, long errors, long nanos) {}

  /**
   * What one {@link PodApi#create} did, whatever the number of calls it took: the pods created and
   * not created, by reason.
   */
  public enum CreateOutcome {
    /** Created by a create call that was answered (the first, or a re-send). */
    CREATED,
    /**
     * A create failed in transit and the informer showed the pod before it was sent again: created
     * by the unanswered request, and not sent again.
     */
    CREATED_UNANSWERED,
    /** A create answered AlreadyExists; the pod read back is the same attempt's. */
    ALREADY_EXISTED,
    /**
     * A create answered AlreadyExists and the read found no pod: the attempt's pod existed and is
     * gone (ended and deleted, or deleted by someone), so it is not created again.
     */
    GONE,
    /** A pod of that name exists for another attempt. */
    NAME_COLLISION,
    /**
     * The API server refused the creation for another reason, or it failed in transit more times
     * than it is sent again.
     */
    REFUSED
  }

  /** Sees every call as it is counted: how a metrics registry gets latencies, not just sums. */
  @FunctionalInterface
  public interface Observer {
    /**
     * Called once per API call, on the calling thread.
     *
     * @param verb the call
     * @param elapsedNanos its latency
     * @param error whether it failed
     */
    void observe(Verb verb, long elapsedNanos, boolean error);

    /**
     * Called once per {@link PodApi#create}, on the calling thread, with what it did.
     *
     * @param outcome what it did
     */
    default void created(CreateOutcome outcome) {}
  }

  private final Observer observer;
  private final AtomicLongArray calls = new AtomicLongArray(Verb.values().length);
  private final AtomicLongArray errors = new AtomicLongArray(Verb.values().length);
  private final AtomicLongArray nanos = new AtomicLongArray(Verb.values().length);
  private final AtomicLongArray creates = new AtomicLongArray(CreateOutcome.values().length);

  /** Creates counters that nobody observes. */
  public ApiStats() {
    this((verb, nanos, error) -> {});
  }

  /**
   * Creates counters that also tell an observer of each call.
   *
   * @param observer sees every call
   */
  public ApiStats(Observer observer) {
    this.observer = observer;
  }

  void record(Verb verb, long elapsedNanos, boolean error) {
    observer.observe(verb, elapsedNanos, error);
    calls.incrementAndGet(verb.ordinal());
    nanos.addAndGet(verb.ordinal(), elapsedNanos);
    if (error) {
      errors.incrementAndGet(verb.ordinal());
    }
  }

  void recordCreate(CreateOutcome outcome) {
    observer.created(outcome);
    creates.incrementAndGet(outcome.ordinal());
  }

  /**
   * Returns how many {@link PodApi#create} calls ended with an outcome.
   *
   * @param outcome the outcome
   * @return the count
   */
  public long creates(CreateOutcome outcome) {
    return creates.get(outcome.ordinal());
  }

  /**
   * Returns the counters of one verb.
   *
   * @param verb the verb
   * @return a snapshot
   */
  public VerbStats of(Verb verb) {
    return new VerbStats(
        calls.get(verb.ordinal()), errors.get(verb.ordinal()), nanos.get(verb.ordinal()));
  }

  /**
   * Returns the counters of every verb.
   *
   * @return a snapshot, by verb
   */
  public Map<Verb, VerbStats> all() {
    Map<Verb, VerbStats> all = new EnumMap<>(Verb.class);
    for (Verb verb : Verb.values()) {
      all.put(verb, of(verb));
    }
    return all;
  }

  /**
   * Returns the total number of calls.
   *
   * @return calls of all verbs
   */
  public long totalCalls() {
    long total = 0;
    for (int i = 0; i < calls.length(); i++) {
      total += calls.get(i);
    }
    return total;
  }
}
