package io.pipewright.core.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The port through which the daemon runs step attempts: one child process per attempt locally, one
 * pod per attempt in Kubernetes, in-process in tests. Three verbs: {@link #launch}, {@link #watch}
 * and {@link #terminate}.
 *
 * <p>A launcher reports facts and decides nothing: whether a failed attempt is retried, and under
 * which budget, is decided by the daemon from {@link AttemptFailureReason#kind()}. Every adapter
 * passes the contract suite {@code StepLauncherContractTest} in core's test jar.
 *
 * <h2>Rules every adapter keeps</h2>
 *
 * <ul>
 *   <li><b>Idempotent launch.</b> Launching an {@link AttemptId} that exists (running, finished or
 *       terminated) starts nothing and answers {@link LaunchResult#alreadyLaunched()}. The daemon
 *       relies on this after a restart: it may repeat a launch it cannot prove happened. Name the
 *       process or pod deterministically from the id (run id, step key, attempt) so that even a
 *       restarted launcher recognizes the repeat.
 *   <li><b>Failures are results.</b> A launch that cannot succeed completes with {@link
 *       LaunchResult#rejected}; the returned stage fails only for bugs (a null request).
 *       Terminating an unknown or finished attempt completes normally.
 *   <li><b>Statuses in order.</b> Each attempt's statuses reach listeners in the order they
 *       happened, and listener calls never overlap.
 *   <li><b>Watching replays.</b> A new watch first receives the latest status of every attempt the
 *       launcher knows, then every change. This is how a restarted daemon learns which attempts
 *       still run (an informer's initial list, a table of child processes).
 *   <li><b>Secrets stay secret.</b> {@link LaunchRequest#environment()} holds the attempt's ingest
 *       token: pass it to the process (a Kubernetes secret, the child's environment), never into
 *       log lines, labels or annotations.
 * </ul>
 *
 * <p>Methods may be called from any thread. Asynchronous adapters complete the stages when the
 * platform answered; synchronous ones return completed stages.
 */
public interface StepLauncher {

  /**
   * Starts an attempt, or recognizes that it exists already.
   *
   * @param request what to start
   * @return a stage completing with {@link LaunchResult#launched()} when the attempt was created,
   *     {@link LaunchResult#alreadyLaunched()} when it existed, or {@link LaunchResult#rejected}
   *     when it cannot be created; statuses follow through {@link #watch}
   */
  CompletionStage<LaunchResult> launch(LaunchRequest request);

  /**
   * Starts many attempts, or recognizes those that exist, as {@link #launch} does for each, in one
   * call. The daemon hands over all the attempts one decision launches at once (a fan-out's
   * thousand steps), so that none waits behind the others' calls; by default this calls {@link
   * #launch} for each, in order, which adapters that only queue their work keep.
   *
   * @param requests what to start; an attempt may appear once
   * @return one stage per request, in the same order, as {@link #launch} returns them
   */
  default List<CompletionStage<LaunchResult>> launchAll(List<LaunchRequest> requests) {
    Objects.requireNonNull(requests, "requests must not be null");
    List<CompletionStage<LaunchResult>> stages = new ArrayList<>(requests.size());
    for (LaunchRequest request : requests) {
      stages.add(launch(request));
    }
    return stages;
  }

  /**
   * Subscribes to attempt statuses: first the latest status of every attempt the launcher knows,
   * then every change, until the returned watch is closed.
   *
   * @param listener where statuses go
   * @return the subscription
   */
  StatusWatch watch(AttemptStatusListener listener);

  /**
   * Stops one attempt. Its {@link AttemptStatus.Phase#TERMINATED} status follows through {@link
   * #watch} once it stopped (or its real end, if it ended first).
   *
   * @param attempt the attempt to stop
   * @return a stage completing once the platform was asked to stop it; normally also for unknown or
   *     finished attempts
   */
  CompletionStage<Void> terminate(AttemptId attempt);

  /**
   * Stops every live attempt of a run, as {@link #terminate} does for each.
   *
   * @param runId the run
   * @return a stage completing once the platform was asked to stop them
   */
  CompletionStage<Void> terminateRun(String runId);
}
