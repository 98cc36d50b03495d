package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreationHandoffTest {

  private static final long SECOND = 1_000_000_000L;

  private final ExecutorService creators = Executors.newFixedThreadPool(2);
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    creators.shutdownNow();
  }

  private CreationHandoff.Creation creation(String name, CountDownLatch done) {
    return new CreationHandoff.Creation(
        () -> {
          ran.add(name);
          done.countDown();
        },
        () -> {
          closed.add(name);
          done.countDown();
        });
  }

  @Test
  void shouldHandOverNothingWhileLaunchesKeepComingWhenTheBurstIsNotOver() throws Exception {
    CountDownLatch done = new CountDownLatch(3);
    try (CreationHandoff handoff = new CreationHandoff(creators::execute, SECOND, 60 * SECOND)) {
      handoff.offer(creation("a", done));
      Thread.sleep(50);
      handoff.offer(creation("b", done));
      Thread.sleep(50);
      handoff.offer(creation("c", done));

      assertThat(ran).isEmpty();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void shouldHandOverAtOnceWhenFlushed() throws Exception {
    CountDownLatch done = new CountDownLatch(2);
    try (CreationHandoff handoff =
        new CreationHandoff(creators::execute, 60 * SECOND, 60 * SECOND)) {
      handoff.offer(creation("a", done));
      handoff.offer(creation("b", done));
      handoff.flush();

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void shouldHandOverASteadyStreamWhenItsFirstWaitedLongEnough() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch rest = new CountDownLatch(100);
    try (CreationHandoff handoff =
        new CreationHandoff(creators::execute, SECOND / 10, SECOND / 2)) {
      handoff.offer(creation("first", first));
      long deadline = System.nanoTime() + 5 * SECOND;
      // Launches every 20 ms, never quiet for 100 ms: the first is handed over after 0.5 s.
      while (first.getCount() > 0 && System.nanoTime() < deadline) {
        handoff.offer(creation("next", rest));
        Thread.sleep(20);
      }

      assertThat(first.getCount()).isZero();
    }
  }

  @Test
  void shouldAnswerQueuedCreationsAsClosedWhenClosedBeforeTheyWereHandedOver() throws Exception {
    CountDownLatch done = new CountDownLatch(3);
    CreationHandoff handoff = new CreationHandoff(creators::execute, 60 * SECOND, 60 * SECOND);
    handoff.offer(creation("a", done));
    handoff.offer(creation("b", done));
    handoff.close();
    handoff.offer(creation("c", done));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isEmpty();
    assertThat(closed).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void shouldAnswerAsClosedWhenTheCreationThreadsRefuse() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    creators.shutdown();
    try (CreationHandoff handoff = new CreationHandoff(creators::execute, 1_000_000, SECOND)) {
      handoff.offer(creation("a", done));

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(closed).containsExactly("a");
    }
  }
}
