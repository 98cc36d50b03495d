package io.pipewright.daemon.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.InMemoryStepLauncher;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusRecorder;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.daemon.leader.LeaderElection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The launcher that exists only while the daemon leads, around a fake election and launcher. */
class LeaderBoundLauncherTest {

  /** An election driven by the test. */
  private static final class ManualElection implements LeaderElection {
    private volatile Listener listener;
    private volatile boolean leading;

    @Override
    public void start(Listener l) {
      listener = l;
    }

    void lead(boolean lead) {
      leading = lead;
      listener.leadership(lead);
    }

    @Override
    public boolean isLeader() {
      return leading;
    }

    @Override
    public void close() {}
  }

  /** A launcher that counts its closes. */
  private static final class Closeable extends Object implements AutoCloseable {
    final InMemoryStepLauncher launcher = new InMemoryStepLauncher(Clock.systemUTC());
    final AtomicInteger closed = new AtomicInteger();
    final List<List<LaunchRequest>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static LaunchRequest request(int attempt) {
    return LaunchRequest.builder(new AttemptId("run-1", "step", attempt), "etl")
        .image("etl:1")
        .command(List.of("execute-step"))
        .build();
  }

  /** A StepLauncher that is also AutoCloseable, as K8sStepLauncher is. */
  private static StepLauncher closeable(Closeable holder) {
    return new ClosingLauncher(holder);
  }

  private record ClosingLauncher(Closeable holder) implements StepLauncher, AutoCloseable {
    @Override
    public java.util.concurrent.CompletionStage<LaunchResult> launch(LaunchRequest request) {
      return holder.launcher.launch(request);
    }

    @Override
    public List<java.util.concurrent.CompletionStage<LaunchResult>> launchAll(
        List<LaunchRequest> requests) {
      holder.batches.add(requests);
      return StepLauncher.super.launchAll(requests);
    }

    @Override
    public StatusWatch watch(io.pipewright.core.launch.AttemptStatusListener listener) {
      return holder.launcher.watch(listener);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> terminate(AttemptId attempt) {
      return holder.launcher.terminate(attempt);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> terminateRun(String runId) {
      return holder.launcher.terminateRun(runId);
    }

    @Override
    public void close() {
      holder.close();
    }
  }

  @Test
  void shouldStartTheLauncherBeforeTellingTheLoopItLeadsAndCloseItAfterTheLoss() throws Exception {
    List<Closeable> started = new CopyOnWriteArrayList<>();
    List<String> order = new CopyOnWriteArrayList<>();
    LeaderBoundLauncher bound =
        new LeaderBoundLauncher(
            () -> {
              Closeable c = new Closeable();
              started.add(c);
              order.add("started");
              return closeable(c);
            },
            Duration.ofMillis(50));
    ManualElection election = new ManualElection();
    bound
        .follow(election)
        .start(
            leading -> {
              order.add(leading ? "leading" : "not leading");
              order.add("running=" + bound.isRunning());
            });
    StatusRecorder statuses = new StatusRecorder();
    StatusWatch watch = bound.watch(statuses);

    assertThat(bound.launch(request(1)).toCompletableFuture().get().isLaunched())
        .as("no launcher before leading")
        .isFalse();
    election.lead(true);
    // The listener adds "leading", then "running=...": wait for both, not for the first alone.
    await(() -> order.size() >= 3);
    assertThat(order).containsExactly("started", "leading", "running=true");
    assertThat(bound.launch(request(1)).toCompletableFuture().get().isLaunched()).isTrue();
    started.get(0).launcher.succeed(new AttemptId("run-1", "step", 1));
    await(() -> !statuses.of(new AttemptId("run-1", "step", 1)).isEmpty());

    election.lead(false);
    await(() -> started.get(0).closed.get() == 1);
    assertThat(order).containsSubsequence("not leading", "running=true");
    assertThat(bound.isRunning()).isFalse();

    // Leading again starts a new launcher, and the open watch follows it.
    election.lead(true);
    await(() -> started.size() == 2 && bound.isRunning());
    LaunchRequest other =
        LaunchRequest.builder(new AttemptId("run-1", "other", 1), "etl")
            .image("etl:1")
            .command(List.of("execute-step"))
            .build();
    assertThat(bound.launch(other).toCompletableFuture().get().isLaunched()).isTrue();
    assertThat(started.get(1).launcher.launched()).containsExactly(other);
    started.get(1).launcher.succeed(new AttemptId("run-1", "other", 1));
    await(() -> !statuses.of(new AttemptId("run-1", "other", 1)).isEmpty());
    watch.close();
    bound.close();
    assertThat(started.get(1).closed.get()).isEqualTo(1);
  }

  @Test
  void shouldHandTheWholeBatchToTheLauncherWhenLeadingAndRejectEachRequestOtherwise()
      throws Exception {
    List<Closeable> started = new CopyOnWriteArrayList<>();
    LeaderBoundLauncher bound =
        new LeaderBoundLauncher(
            () -> {
              Closeable c = new Closeable();
              started.add(c);
              return closeable(c);
            },
            Duration.ofMillis(50));
    ManualElection election = new ManualElection();
    bound.follow(election).start(leading -> {});
    List<LaunchRequest> batch = List.of(request(1), request(2));

    List<LaunchResult> before =
        bound.launchAll(batch).stream().map(s -> s.toCompletableFuture().join()).toList();
    election.lead(true);
    await(bound::isRunning);
    List<LaunchResult> after =
        bound.launchAll(batch).stream().map(s -> s.toCompletableFuture().join()).toList();

    assertThat(before).hasSize(2).noneMatch(LaunchResult::isLaunched);
    assertThat(after).containsExactly(LaunchResult.launched(), LaunchResult.launched());
    assertThat(started.get(0).batches).containsExactly(batch);
    bound.close();
  }

  @Test
  void shouldRetryAFailedStartAndTellTheLoopOnlyOnceItStarted() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<Boolean> told = new CopyOnWriteArrayList<>();
    LeaderBoundLauncher bound =
        new LeaderBoundLauncher(
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new java.util.concurrent.TimeoutException("the informers did not list");
              }
              return closeable(new Closeable());
            },
            Duration.ofMillis(50));
    ManualElection election = new ManualElection();
    bound.follow(election).start(told::add);

    election.lead(true);
    await(() -> !told.isEmpty());

    assertThat(attempts.get()).isEqualTo(3);
    assertThat(told).containsExactly(true);
    bound.close();
  }
}
