package io.pipewright.daemon.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.LogStream;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.executor.k8s.ComputeLogSink;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.storage.files.FileComputeLogStore;
import io.pipewright.storage.memory.InMemoryRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's run lookup for the Kubernetes launcher, and its copy of container logs. */
class RunStoreLookupAndLogCopyTest {

  @TempDir Path logs;

  @Test
  void shouldAnswerJobTagsAndWhetherTheRunEndedWhenTheLauncherAsks() {
    InMemoryRunStore runs = new InMemoryRunStore();
    Instant now = Instant.now();
    runs.add(
            Run.builder("r1", "orders_etl", "etl")
                .tags(Map.of("team", "data"))
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    RunStoreLookup lookup = new RunStoreLookup(runs, Duration.ofSeconds(5));

    assertThat(lookup.find("r1"))
        .contains(RunLookup.RunInfo.active("orders_etl", Map.of("team", "data")));
    assertThat(lookup.find("unknown")).isEmpty();

    runs.transition("r1", RunStatus.NOT_STARTED, RunStatus.CANCELED, now).await().indefinitely();
    assertThat(lookup.find("r1"))
        .contains(RunLookup.RunInfo.finished("orders_etl", Map.of("team", "data")));
  }

  @Test
  void shouldCopyAnAttemptsLogOnceAndSayWhenItWasTruncated() throws Exception {
    FileComputeLogStore store = new FileComputeLogStore(logs);
    ComputeLogCopy copy = new ComputeLogCopy(store);
    AttemptId attempt = new AttemptId("r1", "extract", 1);

    copy.copy(new ComputeLogSink.ContainerLog(attempt, "pod-a", "line 1\nline 2", true));
    copy.copy(new ComputeLogSink.ContainerLog(attempt, "pod-a", "again\n", false));

    assertThat(store.tail(attempt, LogStream.STDOUT, 10))
        .containsExactly(
            "line 1",
            "line 2",
            "[pipewright: the container's log was longer; only its beginning is kept (pod pod-a)]");
    assertThat(Files.readString(store.files(attempt).stdout())).doesNotContain("again");
  }
}
