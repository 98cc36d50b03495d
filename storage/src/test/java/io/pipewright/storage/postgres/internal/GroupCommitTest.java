package io.pipewright.storage.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  /** A writer whose writes complete when the test says so. */
  private static final class Writer {
    final List<List<String>> groups = new CopyOnWriteArrayList<>();
    final Map<Integer, UniEmitter<? super List<String>>> open = new ConcurrentHashMap<>();

    Uni<List<String>> write(List<String> items) {
      groups.add(List.copyOf(items));
      int index = groups.size() - 1;
      return Uni.createFrom()
          .emitter(
              emitter -> {
                if (items.contains("bad")) {
                  emitter.fail(new IllegalArgumentException("bad item"));
                  return;
                }
                open.put(index, emitter);
              });
    }

    void finish(int index) {
      List<String> items = groups.get(index);
      List<String> results = new ArrayList<>();
      items.forEach(i -> results.add(i.toUpperCase()));
      open.get(index).complete(results);
    }
  }

  @Test
  void shouldWriteWaitingItemsTogetherWhenAWriteIsInFlight() {
    Writer writer = new Writer();
    GroupCommit<String, String> commit = new GroupCommit<>(writer::write, String::length, 100);

    CompletableFuture<String> a = commit.submit("a").subscribeAsCompletionStage();
    CompletableFuture<String> b = commit.submit("b").subscribeAsCompletionStage();
    CompletableFuture<String> c = commit.submit("c").subscribeAsCompletionStage();
    assertThat(writer.groups).containsExactly(List.of("a"));

    writer.finish(0);
    assertThat(a).isCompletedWithValue("A");
    assertThat(writer.groups).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(b).isNotDone();

    writer.finish(1);
    assertThat(b).isCompletedWithValue("B");
    assertThat(c).isCompletedWithValue("C");
  }

  @Test
  void shouldSplitGroupsWhenTheyWouldExceedTheMaximumWeight() {
    Writer writer = new Writer();
    GroupCommit<String, String> commit = new GroupCommit<>(writer::write, String::length, 4);

    commit.submit("x").subscribeAsCompletionStage();
    commit.submit("aa").subscribeAsCompletionStage();
    commit.submit("bb").subscribeAsCompletionStage();
    commit.submit("ccccccc").subscribeAsCompletionStage();
    writer.finish(0);
    writer.finish(1);

    assertThat(writer.groups)
        .containsExactly(List.of("x"), List.of("aa", "bb"), List.of("ccccccc"));
  }

  @Test
  void shouldFailOnlyTheBadItemWhenAGroupFails() {
    Writer writer = new Writer();
    GroupCommit<String, String> commit = new GroupCommit<>(writer::write, String::length, 100);

    CompletableFuture<String> first = commit.submit("first").subscribeAsCompletionStage();
    CompletableFuture<String> good = commit.submit("good").subscribeAsCompletionStage();
    CompletableFuture<String> bad = commit.submit("bad").subscribeAsCompletionStage();
    CompletableFuture<String> after = commit.submit("after").subscribeAsCompletionStage();
    writer.finish(0);
    // The group (good, bad, after) failed; each is written alone: good, then bad, then after.
    writer.finish(2);
    writer.finish(4);

    assertThat(writer.groups)
        .containsExactly(
            List.of("first"),
            List.of("good", "bad", "after"),
            List.of("good"),
            List.of("bad"),
            List.of("after"));
    assertThat(good).isCompletedWithValue("GOOD");
    assertThat(after).isCompletedWithValue("AFTER");
    assertThatThrownBy(() -> bad.get()).hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThat(first).isCompletedWithValue("FIRST");
  }

  @Test
  void shouldAnswerEveryCallerWhenManyThreadsSubmit() throws Exception {
    GroupCommit<String, String> commit =
        new GroupCommit<>(
            items ->
                Uni.createFrom()
                    .item(() -> items.stream().map(String::toUpperCase).toList())
                    .emitOn(Runnable::run),
            String::length,
            50);
    List<Thread> threads = new ArrayList<>();
    List<String> answers = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                for (int i = 0; i < 200; i++) {
                  answers.add(
                      commit.submit("t" + thread + "i" + i).await().atMost(Duration.ofSeconds(10)));
                }
              });
      worker.start();
      threads.add(worker);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(answers).hasSize(1600).doesNotHaveDuplicates().allMatch(a -> a.startsWith("T"));
  }

  @Test
  void shouldWriteASecondGroupWhileTheFirstIsInFlightWhenTwoMayBe() {
    Writer writer = new Writer();
    GroupCommit<String, String> commit =
        new GroupCommit<>(writer::write, String::length, 100, 2, item -> false);

    CompletableFuture<String> a = commit.submit("a").subscribeAsCompletionStage();
    CompletableFuture<String> b = commit.submit("b").subscribeAsCompletionStage();
    commit.submit("c").subscribeAsCompletionStage();
    commit.submit("d").subscribeAsCompletionStage();
    assertThat(writer.groups).containsExactly(List.of("a"), List.of("b"));

    writer.finish(1);
    assertThat(b).isCompletedWithValue("B");
    assertThat(a).isNotDone();
    assertThat(writer.groups).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"));
  }

  @Test
  void shouldKeepOrderedItemsInOneGroupInFlightWhenOthersMayOvertake() {
    Writer writer = new Writer();
    GroupCommit<String, String> commit =
        new GroupCommit<>(writer::write, String::length, 100, 2, item -> item.startsWith("o"));

    commit.submit("o1").subscribeAsCompletionStage();
    CompletableFuture<String> o2 = commit.submit("o2").subscribeAsCompletionStage();
    commit.submit("u1").subscribeAsCompletionStage();
    // o2 waits for o1's group, and u1 behind it waits too: groups leave the queue in order.
    assertThat(writer.groups).containsExactly(List.of("o1"));

    writer.finish(0);
    assertThat(writer.groups).containsExactly(List.of("o1"), List.of("o2", "u1"));
    assertThat(o2).isNotDone();

    commit.submit("u2").subscribeAsCompletionStage();
    CompletableFuture<String> o3 = commit.submit("o3").subscribeAsCompletionStage();
    // u2 may go beside the ordered group in flight; o3 may not.
    assertThat(writer.groups).containsExactly(List.of("o1"), List.of("o2", "u1"), List.of("u2"));
    writer.finish(1);
    assertThat(o2).isCompletedWithValue("O2");
    assertThat(writer.groups)
        .containsExactly(List.of("o1"), List.of("o2", "u1"), List.of("u2"), List.of("o3"));
    assertThat(o3).isNotDone();
  }

  @Test
  void shouldRefuseNoSlotsWhenCreated() {
    assertThatThrownBy(
            () -> new GroupCommit<String, String>(i -> null, String::length, 1, 0, i -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInFlight");
  }
}
