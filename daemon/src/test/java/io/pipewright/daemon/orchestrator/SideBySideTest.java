package io.pipewright.daemon.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  /** A thread stack as small as a loop thread's under pressure: deep recursion overflows it. */
  private static final long SMALL_STACK = 256 * 1024;

  @Test
  void shouldAnswerInOrderWithoutOverflowingTheStackWhenThousandsOfCallsAnswerAtOnce()
      throws Exception {
    List<Uni<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int n = i;
      calls.add(Uni.createFrom().item(() -> n)); // Answers on the subscribing thread, as in memory.
    }

    List<Integer> answers = onSmallStack(() -> SideBySide.all(calls, 64).await().indefinitely());

    assertThat(answers).containsExactlyElementsOf(IntStream.range(0, 20_000).boxed().toList());
  }

  @Test
  void shouldSendAtMostWidthCallsAtOnceWhenCallsAnswerLater() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Uni<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      calls.add(
          Uni.createFrom()
              .item(
                  () -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    return n;
                  })
              .onItem()
              .delayIt()
              .by(Duration.ofMillis(1))
              .invoke(inFlight::decrementAndGet));
    }

    assertThat(SideBySide.all(calls, 8).await().indefinitely()).hasSize(100);
    assertThat(most.get()).isBetween(1, 8);
  }

  @Test
  void shouldFailWithTheChunksFailuresAndSendNoFurtherChunkWhenACallFails() {
    AtomicInteger sent = new AtomicInteger();
    List<Uni<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      calls.add(
          Uni.createFrom()
              .item(
                  () -> {
                    sent.incrementAndGet();
                    if (n == 3) {
                      throw new IllegalStateException("call 3 failed");
                    }
                    return n;
                  }));
    }

    assertThatThrownBy(() -> SideBySide.all(calls, 4).await().indefinitely())
        .satisfiesAnyOf(
            e -> assertThat(e).hasMessageContaining("call 3 failed"),
            e -> assertThat(e).isInstanceOf(CompositeException.class));
    assertThat(sent.get()).isEqualTo(4); // The first chunk, whose calls all landed.
  }

  @Test
  void shouldRefuseAWidthBelowOneWhenCalled() {
    assertThatThrownBy(() -> SideBySide.all(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width must be 1 or more");
  }

  private static <T> T onSmallStack(Supplier<T> work) throws InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(work.get());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "small-stack",
            SMALL_STACK);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError("the calls failed on a small stack", failure.get());
    }
    return result.get();
  }
}
