package io.pipewright.daemon.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.LogStream;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.executor.k8s.ComputeLogSink;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.storage.files.FileComputeLogStore;
import io.pipewright.storage.memory.InMemoryRunStore;
import io.smallrye.mutiny.Uni;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    RunStoreLookup lookup =
        new RunStoreLookup(runs, Duration.ofSeconds(5), Duration.ZERO, System::nanoTime);

    assertThat(lookup.find("r1"))
        .contains(RunLookup.RunInfo.active("orders_etl", Map.of("team", "data")));
    assertThat(lookup.find("unknown")).isEmpty();

    runs.transition("r1", RunStatus.NOT_STARTED, RunStatus.CANCELED, now).await().indefinitely();
    assertThat(lookup.find("r1"))
        .contains(RunLookup.RunInfo.finished("orders_etl", Map.of("team", "data")));
  }

  @Test
  void shouldTellWhenTheRunStartedSoThatTheLauncherChecksLaunchesOfRunsOlderThanItself() {
    InMemoryRunStore runs = new InMemoryRunStore();
    Instant created = Instant.parse("2026-11-22T06:00:00Z");
    Instant started = created.plusSeconds(3);
    runs.add(Run.builder("r2", "orders_etl", "etl").createTime(created).build())
        .await()
        .indefinitely();
    RunStoreLookup lookup =
        new RunStoreLookup(runs, Duration.ofSeconds(5), Duration.ZERO, System::nanoTime);
    assertThat(lookup.find("r2").orElseThrow().startedAt()).isNull();

    runs.transition("r2", RunStatus.NOT_STARTED, RunStatus.STARTING, created)
        .await()
        .indefinitely();
    runs.transition("r2", RunStatus.STARTING, RunStatus.STARTED, started).await().indefinitely();

    assertThat(lookup.find("r2").orElseThrow().startedAt()).isEqualTo(started);
    runs.transition("r2", RunStatus.STARTED, RunStatus.SUCCESS, started.plusSeconds(1))
        .await()
        .indefinitely();
    assertThat(lookup.find("r2").orElseThrow())
        .isEqualTo(RunLookup.RunInfo.finished("orders_etl", Map.of()).withStartedAt(started));
  }

  /** A run store that counts its reads of a run and holds them until released. */
  private static final class GatedRuns implements RunStore {
    final InMemoryRunStore delegate = new InMemoryRunStore();
    final AtomicInteger reads = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Uni<Run> add(Run run) {
      return delegate.add(run);
    }

    @Override
    public Uni<Optional<Run>> find(String runId) {
      reads.incrementAndGet();
      return Uni.createFrom()
          .completionStage(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return delegate.find(runId).await().indefinitely();
                  }));
    }

    @Override
    public Uni<List<Run>> list(RunFilter filter, String afterRunId, int limit) {
      return delegate.list(filter, afterRunId, limit);
    }

    @Override
    public Uni<Long> count(RunFilter filter) {
      return delegate.count(filter);
    }

    @Override
    public Uni<List<Run>> queued(int limit) {
      return delegate.queued(limit);
    }

    @Override
    public Uni<Run> transition(String runId, RunStatus expected, RunStatus next, Instant at) {
      return delegate.transition(runId, expected, next, at);
    }

    @Override
    public Uni<Run> addTags(String runId, Map<String, String> tags) {
      return delegate.addTags(runId, tags);
    }

    @Override
    public Uni<Boolean> delete(String runId) {
      return delegate.delete(runId);
    }
  }

  @Test
  void shouldRememberARunInProgressForAWhileAndReadItAgainAfterwards() {
    GatedRuns runs = new GatedRuns();
    runs.release.countDown();
    Instant now = Instant.now();
    runs.add(Run.builder("r1", "orders_etl", "etl").createTime(now).build()).await().indefinitely();
    AtomicLong nanos = new AtomicLong();
    RunStoreLookup lookup =
        new RunStoreLookup(runs, Duration.ofSeconds(5), Duration.ofSeconds(1), nanos::get);

    assertThat(lookup.find("r1").orElseThrow().finished()).isFalse();
    runs.transition("r1", RunStatus.NOT_STARTED, RunStatus.CANCELED, now).await().indefinitely();
    nanos.set(TimeUnit.MILLISECONDS.toNanos(900));
    boolean remembered = !lookup.find("r1").orElseThrow().finished();
    nanos.set(TimeUnit.MILLISECONDS.toNanos(1100));
    boolean readAgain = lookup.find("r1").orElseThrow().finished();

    assertThat(remembered).isTrue();
    assertThat(readAgain).isTrue();
    assertThat(runs.reads.get()).isEqualTo(2);
    assertThat(lookup.find("r1").orElseThrow().finished()).isTrue();
    assertThat(runs.reads.get()).as("a finished run is remembered for good").isEqualTo(2);
  }

  @Test
  void shouldShareOneReadAmongLookupsOfTheSameRunThatArriveWhileItIsRead() throws Exception {
    GatedRuns runs = new GatedRuns();
    runs.add(Run.builder("r1", "orders_etl", "etl").createTime(Instant.now()).build())
        .await()
        .indefinitely();
    // Remembered long, so that a lookup arriving after the read (a slow thread) reads nothing.
    RunStoreLookup lookup =
        new RunStoreLookup(runs, Duration.ofSeconds(5), Duration.ofHours(1), System::nanoTime);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<RunLookup.RunInfo>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> lookup.find("r1")));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (runs.reads.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(100); // The other lookups arrive while the first read is held.
      runs.release.countDown();

      for (Future<Optional<RunLookup.RunInfo>> answer : answers) {
        assertThat(answer.get(5, TimeUnit.SECONDS)).isPresent();
      }
      assertThat(runs.reads.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
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
