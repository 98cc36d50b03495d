package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.execution.Sleeper;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thin loop of an in-process run: takes ready steps from the {@link Coordinator}, runs them
 * (one at a time, or up to a limit on a thread pool), retries them after their wait, and reports
 * each final outcome back. Only this loop's thread touches the coordinator.
 */
public final class RunExecutor {
  private final Coordinator coordinator;
  private final StepRunner runner;
  private final Sleeper sleeper;
  private final int maxConcurrent;

  /**
   * Creates the loop.
   *
   * @param coordinator decides which steps run
   * @param runner runs one attempt
   * @param sleeper waits between retries
   * @param maxConcurrent how many steps may run at once; 1 runs them on the calling thread
   */
  public RunExecutor(
      Coordinator coordinator, StepRunner runner, Sleeper sleeper, int maxConcurrent) {
    this.coordinator = coordinator;
    this.runner = runner;
    this.sleeper = sleeper;
    this.maxConcurrent = maxConcurrent;
  }

  /**
   * Runs the run's steps to the end.
   *
   * @throws InterruptedException when the calling thread is interrupted
   */
  public void execute() throws InterruptedException {
    coordinator.start();
    if (maxConcurrent <= 1) {
      StepInvocation step;
      while ((step = coordinator.pollReady()) != null) {
        coordinator.complete(runWithRetries(step));
      }
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            maxConcurrent,
            r -> {
              Thread t = new Thread(r, "pipewright-step-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      CompletionService<StepOutcome> done = new ExecutorCompletionService<>(pool);
      int running = 0;
      while (true) {
        StepInvocation step;
        while (running < maxConcurrent && (step = coordinator.pollReady()) != null) {
          StepInvocation submitted = step;
          done.submit(() -> runWithRetries(submitted));
          running++;
        }
        if (running == 0) {
          return;
        }
        StepOutcome outcome;
        try {
          outcome = done.take().get();
        } catch (ExecutionException e) {
          // runWithRetries catches everything a step can throw; this is an engine bug.
          throw new IllegalStateException("A step thread failed unexpectedly.", e.getCause());
        }
        running--;
        coordinator.complete(outcome);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private StepOutcome runWithRetries(StepInvocation step) throws InterruptedException {
    StepOutcome outcome = runner.run(step);
    while (outcome.status() == StepOutcome.Status.UP_FOR_RETRY) {
      sleeper.sleep(outcome.retryWait());
      step = step.withRetryNumber(step.retryNumber() + 1);
      outcome = runner.run(step);
    }
    return outcome;
  }
}
