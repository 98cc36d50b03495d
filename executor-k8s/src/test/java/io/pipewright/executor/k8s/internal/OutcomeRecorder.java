package io.pipewright.executor.k8s.internal;

import io.pipewright.executor.k8s.PodOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records what a {@link PodWatcher} reports, and waits for it. */
final class OutcomeRecorder implements PodWatcher.Listener {

  private final Map<String, List<PodOutcome>> byPod = new ConcurrentHashMap<>();
  private final Map<String, PodWatcher.StepPod> identities = new ConcurrentHashMap<>();

  @Override
  public synchronized void onOutcome(PodWatcher.StepPod pod, PodOutcome outcome) {
    byPod.computeIfAbsent(pod.podName(), k -> new CopyOnWriteArrayList<>()).add(outcome);
    identities.put(pod.podName(), pod);
    notifyAll();
  }

  List<PodOutcome> of(String podName) {
    return List.copyOf(byPod.getOrDefault(podName, List.of()));
  }

  PodWatcher.StepPod identity(String podName) {
    return identities.get(podName);
  }

  synchronized PodOutcome await(String podName, Predicate<PodOutcome> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (PodOutcome outcome : byPod.getOrDefault(podName, List.of())) {
        if (match.test(outcome)) {
          return outcome;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching outcome for pod " + podName + "; reported: " + of(podName));
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  PodOutcome awaitTerminal(String podName) throws InterruptedException {
    return await(podName, PodOutcome::isTerminal, Duration.ofSeconds(20));
  }
}
