package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.orchestration.StepLaunch;
import io.pipewright.daemon.metrics.DaemonMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Hands a decision's launches to the launcher, once their {@code STEP_WORKER_STARTING} is stored.
 * Owned by the loop thread; the launcher's answers come back through {@code launchDone}.
 */
final class StepLaunches {

  private final StepLauncher launcher;
  private final LaunchRequests requests;
  private final DaemonMetrics metrics;
  private final BiConsumer<AttemptId, LaunchResult> launchDone;

  StepLaunches(
      StepLauncher launcher,
      LaunchRequests requests,
      DaemonMetrics metrics,
      BiConsumer<AttemptId, LaunchResult> launchDone) {
    this.launcher = launcher;
    this.requests = requests;
    this.metrics = metrics;
    this.launchDone = launchDone;
  }

  /**
   * Prepares every request of the decision, then hands them all to the launcher in one call. Not
   * one after another: the launcher starts working on the first launch at once (on a busy machine
   * its threads take the CPU this thread needs), so preparing between launches would hold back the
   * later ones; and the run's part of the requests is prepared once. The requests are lazy ({@link
   * LaunchRequests.ForRun#prepare}): each attempt's arguments and token are built by the launcher
   * when it starts the attempt, on its own threads, so a fan-out to 1,000 steps is handed over in a
   * few milliseconds instead of after 1,000 encodings and signatures on this thread. A request
   * whose run cannot be launched (no image) is answered rejected on the run ({@link
   * RunState#answers}); one whose own arguments cannot be built is answered rejected by the
   * launcher.
   *
   * @return whether a request could not be built (the run has an answer to apply)
   */
  boolean launch(RunState state, List<StepLaunch> launches, Instant now) {
    if (launches.isEmpty()) {
      return false;
    }
    boolean rejected = false;
    LaunchRequests.ForRun runRequests = requests.forRun(state.run, state.plan);
    List<LaunchRequest> built = new ArrayList<>(launches.size());
    for (StepLaunch launch : launches) {
      AttemptId id = launch.attempt();
      try {
        built.add(runRequests.prepare(launch, state.outputs.knownState(launch.dynamicMappings())));
      } catch (RuntimeException e) {
        state.answers.add(
            new RunState.LaunchAnswer(
                id, LaunchResult.rejected(AttemptFailureReason.CONFIG_ERROR, e.getMessage()), now));
        rejected = true;
        continue;
      }
      metrics.stepLaunched(launch.origin().name());
      EndGate.launching(state, id);
    }
    List<CompletionStage<LaunchResult>> answers = launcher.launchAll(built);
    for (int i = 0; i < built.size(); i++) {
      AttemptId id = built.get(i).attempt();
      answers
          .get(i)
          .whenComplete(
              (result, error) ->
                  launchDone.accept(
                      id,
                      error == null
                          ? result
                          : LaunchResult.rejected(
                              AttemptFailureReason.LAUNCH_FAILED,
                              "The launcher failed: " + error)));
    }
    return rejected;
  }
}
