package io.pipewright.core.launch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link StepLauncher} that runs nothing: attempts live in memory and move when a test says so,
 * or by a {@link Behaviour} chosen per request. It keeps every rule of the port (idempotent launch,
 * serialized in-order statuses, replay on watch), passes {@link StepLauncherContractTest}, and is
 * shipped in core's test jar for the daemon's tests.
 *
 * <p>Thread-safe: every method holds this launcher's monitor, and listeners are called under it,
 * which serializes deliveries.
 */
public final class InMemoryStepLauncher implements StepLauncher {

  /** What a launched attempt does by itself. */
  public static final class Behaviour {
    private final AttemptStatus.Phase end;
    private final boolean runs;
    private final int exitCode;
    private final List<String> lines;
    private final AttemptFailureReason reason;
    private final String message;

    private Behaviour(
        boolean runs,
        AttemptStatus.Phase end,
        int exitCode,
        List<String> lines,
        AttemptFailureReason reason,
        String message) {
      this.runs = runs;
      this.end = end;
      this.exitCode = exitCode;
      this.lines = List.copyOf(lines);
      this.reason = reason;
      this.message = message;
    }

    /**
     * Stays pending until the test moves it.
     *
     * @return the behaviour
     */
    public static Behaviour manual() {
      return new Behaviour(false, null, 0, List.of(), null, null);
    }

    /**
     * Runs until terminated (or moved by the test).
     *
     * @return the behaviour
     */
    public static Behaviour runUntilTerminated() {
      return new Behaviour(true, null, 0, List.of(), null, null);
    }

    /**
     * Runs and exits with code 0 at once.
     *
     * @return the behaviour
     */
    public static Behaviour succeed() {
      return new Behaviour(true, AttemptStatus.Phase.SUCCEEDED, 0, List.of(), null, null);
    }

    /**
     * Runs and exits with a non-zero code at once.
     *
     * @param exitCode the code
     * @param lastLogLines the lines it wrote
     * @return the behaviour
     */
    public static Behaviour exit(int exitCode, List<String> lastLogLines) {
      return new Behaviour(true, AttemptStatus.Phase.FAILED, exitCode, lastLogLines, null, null);
    }

    /**
     * Fails at once for a reason, without running.
     *
     * @param reason the reason
     * @param message the platform's explanation
     * @return the behaviour
     */
    public static Behaviour fail(AttemptFailureReason reason, String message) {
      return new Behaviour(false, AttemptStatus.Phase.FAILED, 0, List.of(), reason, message);
    }
  }

  private final Clock clock;
  private Function<LaunchRequest, Behaviour> behaviour = request -> Behaviour.manual();
  private final Map<AttemptId, AttemptStatus> latest = new LinkedHashMap<>();
  private final List<LaunchRequest> launched = new ArrayList<>();
  private final List<AttemptId> terminateCalls = new ArrayList<>();
  private final List<AttemptStatusListener> listeners = new CopyOnWriteArrayList<>();
  private LaunchResult nextRejection;
  private int launchCalls;

  /**
   * Creates a launcher whose statuses carry the given clock's time.
   *
   * @param clock the clock (a fixed or fake one in tests)
   */
  public InMemoryStepLauncher(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  /**
   * Chooses what each launched attempt does by itself (default: {@link Behaviour#manual()}).
   *
   * @param choice the behaviour per request
   * @return this launcher
   */
  public synchronized InMemoryStepLauncher behaviour(Function<LaunchRequest, Behaviour> choice) {
    this.behaviour = Objects.requireNonNull(choice, "choice must not be null");
    return this;
  }

  /**
   * Makes the next launch of an attempt that does not exist fail with this result.
   *
   * @param reason why
   * @param message the platform's explanation
   */
  public synchronized void rejectNextLaunch(AttemptFailureReason reason, String message) {
    this.nextRejection = LaunchResult.rejected(reason, message);
  }

  @Override
  public synchronized CompletionStage<LaunchResult> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    launchCalls++;
    AttemptId id = request.attempt();
    if (latest.containsKey(id)) {
      return CompletableFuture.completedFuture(LaunchResult.alreadyLaunched());
    }
    try {
      request.invocation(); // A lazy request is built now, as an adapter building its worker would.
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          LaunchResult.rejected(AttemptFailureReason.CONFIG_ERROR, e.getMessage()));
    }
    if (nextRejection != null) {
      LaunchResult rejection = nextRejection;
      nextRejection = null;
      return CompletableFuture.completedFuture(rejection);
    }
    launched.add(request);
    report(AttemptStatus.pending(id, clock.instant()));
    Behaviour chosen = behaviour.apply(request);
    if (chosen.runs) {
      report(AttemptStatus.running(id, clock.instant()));
    }
    if (chosen.end == AttemptStatus.Phase.SUCCEEDED) {
      report(AttemptStatus.succeeded(id, clock.instant()));
    } else if (chosen.end == AttemptStatus.Phase.FAILED && chosen.reason == null) {
      report(AttemptStatus.exited(id, clock.instant(), chosen.exitCode, chosen.lines));
    } else if (chosen.end == AttemptStatus.Phase.FAILED) {
      report(
          AttemptStatus.failed(
              id, clock.instant(), chosen.reason, null, chosen.message, chosen.lines));
    }
    return CompletableFuture.completedFuture(LaunchResult.launched());
  }

  @Override
  public synchronized StatusWatch watch(AttemptStatusListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    for (AttemptStatus status : latest.values()) {
      listener.onStatus(status);
    }
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public synchronized CompletionStage<Void> terminate(AttemptId attempt) {
    Objects.requireNonNull(attempt, "attempt must not be null");
    terminateCalls.add(attempt);
    AttemptStatus status = latest.get(attempt);
    if (status != null && !status.phase().isEnded()) {
      report(AttemptStatus.terminated(attempt, clock.instant()));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Void> terminateRun(String runId) {
    Objects.requireNonNull(runId, "runId must not be null");
    for (AttemptId id : List.copyOf(latest.keySet())) {
      if (id.runId().equals(runId)) {
        terminate(id);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  // ------------------------------------------------------------------ test controls

  /**
   * Reports a status as the platform would; it must belong to a launched attempt.
   *
   * @param status the status
   */
  public synchronized void report(AttemptStatus status) {
    if (!latest.containsKey(status.attempt()) && status.phase() != AttemptStatus.Phase.PENDING) {
      throw new IllegalStateException(status.attempt() + " was never launched.");
    }
    latest.put(status.attempt(), status);
    for (AttemptStatusListener listener : listeners) {
      listener.onStatus(status);
    }
  }

  /**
   * Moves an attempt to running.
   *
   * @param id the attempt
   */
  public void running(AttemptId id) {
    report(AttemptStatus.running(id, clock.instant()));
  }

  /**
   * Ends an attempt with exit code 0.
   *
   * @param id the attempt
   */
  public void succeed(AttemptId id) {
    report(AttemptStatus.succeeded(id, clock.instant()));
  }

  /**
   * Ends an attempt with a non-zero exit code.
   *
   * @param id the attempt
   * @param exitCode the code
   * @param lastLogLines the lines it wrote
   */
  public void exit(AttemptId id, int exitCode, List<String> lastLogLines) {
    report(AttemptStatus.exited(id, clock.instant(), exitCode, lastLogLines));
  }

  /**
   * Ends an attempt for a reason (an eviction, a lost node, an image that cannot be pulled).
   *
   * @param id the attempt
   * @param reason the reason
   * @param message the platform's explanation
   */
  public void fail(AttemptId id, AttemptFailureReason reason, String message) {
    report(AttemptStatus.failed(id, clock.instant(), reason, null, message, List.of()));
  }

  /**
   * Returns the requests that created attempts, once per attempt, in order.
   *
   * @return the requests
   */
  public synchronized List<LaunchRequest> launched() {
    return List.copyOf(launched);
  }

  /**
   * Returns how often {@link #launch} was called, repeats included.
   *
   * @return the count
   */
  public synchronized int launchCalls() {
    return launchCalls;
  }

  /**
   * Returns the attempts {@link #terminate} was called for, in order, repeats included.
   *
   * @return the attempts
   */
  public synchronized List<AttemptId> terminateCalls() {
    return List.copyOf(terminateCalls);
  }

  /**
   * Returns an attempt's latest status.
   *
   * @param id the attempt
   * @return the status, or null when it was never launched
   */
  public synchronized AttemptStatus status(AttemptId id) {
    return latest.get(id);
  }
}
