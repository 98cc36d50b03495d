package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pipewright.executor.k8s.PodLabels;
import io.pipewright.executor.k8s.internal.OrphanSweep.Deletion;
import io.pipewright.executor.k8s.internal.OrphanSweep.RunActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrphanSweepTest {

  private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
  private static final Map<String, RunActivity> RUNS =
      Map.of("active", RunActivity.ACTIVE, "finished", RunActivity.FINISHED);

  private final OrphanSweep sweep = new OrphanSweep(Duration.ofHours(24), Duration.ofMinutes(10));

  private static Pod pod(
      String name, String runId, String phase, Duration age, Duration finishedAgo) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withCreationTimestamp(NOW.minus(age).toString())
            .withAnnotations(runId == null ? Map.of() : Map.of(PodLabels.RUN_ID, runId))
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (finishedAgo != null) {
      builder
          .editStatus()
          .addNewContainerStatus()
          .withName("step")
          .withState(
              new ContainerStateBuilder()
                  .withNewTerminated()
                  .withExitCode(phase.equals("Succeeded") ? 0 : 1)
                  .withFinishedAt(NOW.minus(finishedAgo).toString())
                  .endTerminated()
                  .build())
          .endContainerStatus()
          .endStatus();
    }
    return builder.build();
  }

  private List<String> swept(Pod... pods) {
    return sweep
        .decide(List.of(pods), id -> RUNS.getOrDefault(id, RunActivity.UNKNOWN), NOW)
        .stream()
        .map(Deletion::podName)
        .toList();
  }

  @Test
  void shouldKeepRunningPodWhenItsRunIsActive() {
    assertThat(swept(pod("p", "active", "Running", Duration.ofDays(3), null))).isEmpty();
  }

  @Test
  void shouldDeleteRunningPodWhenItsRunFinished() {
    List<Deletion> deletions =
        sweep.decide(
            List.of(pod("p", "finished", "Running", Duration.ofMinutes(1), null)),
            id -> RUNS.getOrDefault(id, RunActivity.UNKNOWN),
            NOW);

    assertThat(deletions)
        .containsExactly(new Deletion("p", "finished", "its run finished, but the pod has not"));
  }

  @Test
  void shouldDeletePodOfUnknownRunOnlyWhenOldEnough() {
    assertThat(
            swept(
                pod("young", "gone", "Pending", Duration.ofMinutes(9), null),
                pod("old", "gone", "Pending", Duration.ofMinutes(10), null),
                pod("no-annotation", null, "Running", Duration.ofHours(1), null)))
        .containsExactly("old", "no-annotation");
  }

  @Test
  void shouldKeepFailedPodForRetentionWhateverItsRun() {
    assertThat(
            swept(
                pod("recent", "finished", "Failed", Duration.ofHours(30), Duration.ofHours(23)),
                pod("old", "active", "Failed", Duration.ofHours(30), Duration.ofHours(24)),
                pod("old-unknown", "gone", "Failed", Duration.ofDays(3), Duration.ofDays(2))))
        .containsExactly("old", "old-unknown");
  }

  @Test
  void shouldDeleteSucceededPodWhenLauncherLeftIt() {
    assertThat(
            swept(
                pod("just-done", "active", "Succeeded", Duration.ofHours(1), Duration.ofMinutes(1)),
                pod("left", "active", "Succeeded", Duration.ofHours(1), Duration.ofMinutes(10)),
                pod(
                    "run-over",
                    "finished",
                    "Succeeded",
                    Duration.ofHours(1),
                    Duration.ofMinutes(1))))
        .containsExactly("left", "run-over");
  }

  @Test
  void shouldSkipPodWhenItIsBeingDeleted() {
    Pod deleting = pod("p", "finished", "Running", Duration.ofHours(1), null);
    deleting.getMetadata().setDeletionTimestamp(NOW.toString());

    assertThat(swept(deleting)).isEmpty();
  }
}
