package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicPartitionsDefinitionTest {

  private final InMemoryDynamicPartitionsStore store = new InMemoryDynamicPartitionsStore();
  private final PartitionContext ctx = new PartitionContext(Instant.EPOCH, store);
  private final DynamicPartitionsDefinition customers =
      DynamicPartitionsDefinition.named("customers");

  @Test
  void shouldListStoredKeysInInsertionOrderWhenAdded() {
    store.add("customers", List.of("zeta", "alpha"));
    store.add("customers", List.of("mid", "zeta"));

    assertThat(customers.keys(ctx)).containsExactly("zeta", "alpha", "mid");
    assertThat(customers.size(ctx)).isEqualTo(3);
    assertThat(customers.hasKey("alpha", ctx)).isTrue();
    assertThat(DynamicPartitionsDefinition.named("other").keys(ctx)).isEmpty();
  }

  @Test
  void shouldForgetKeysWhenDeleted() {
    store.add("customers", List.of("a", "b", "c"));

    store.delete("customers", List.of("b", "unknown"));
    store.delete("nobody", List.of("a"));

    assertThat(customers.keys(ctx)).containsExactly("a", "c");
    assertThat(customers.hasKey("b", ctx)).isFalse();
  }

  @Test
  void shouldRejectBadKeysWithoutStoringAnyWhenAdded() {
    assertThatThrownBy(() -> store.add("customers", List.of("ok", "a|b", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dynamic partitions 'customers'")
        .hasMessageContaining("key 1 'a|b' contains '|'")
        .hasMessageContaining("key 2 ' ' is blank");

    assertThat(customers.keys(ctx)).isEmpty();
    assertThatThrownBy(() -> store.add(" ", List.of("a")))
        .hasMessageContaining("must not be blank");
  }

  @Test
  void shouldSuggestAndExplainHowToAddWhenKeyUnknown() {
    store.add("customers", List.of("acme", "globex"));

    assertThatThrownBy(() -> customers.checkKey("acne", ctx))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessage(
            "Partition key 'acne' is not a partition of dynamic partitions 'customers'. Did you"
                + " mean 'acme'? Valid keys (2): acme, globex. Add keys at run time with"
                + " DynamicPartitionsStore.add(\"customers\", keys).");
  }

  @Test
  void shouldFollowInsertionOrderWhenKeysInRange() {
    store.add("customers", List.of("c", "a", "b"));

    assertThat(customers.keysInRange(PartitionKeyRange.of("a", "b"), ctx))
        .containsExactly("a", "b");
    assertThat(customers.keysInRange(PartitionKeyRange.of("c", "b"), ctx))
        .containsExactly("c", "a", "b");
    assertThatThrownBy(() -> customers.keysInRange(PartitionKeyRange.of("b", "c"), ctx))
        .hasMessageContaining("is reversed");
    assertThatThrownBy(() -> customers.keysInRange(PartitionKeyRange.of("x", "c"), ctx))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldBeEqualByNameWhenCompared() {
    assertThat(customers).isEqualTo(DynamicPartitionsDefinition.named("customers"));
    assertThat(customers).isNotEqualTo(DynamicPartitionsDefinition.named("suppliers"));
    assertThat(customers.describe()).isEqualTo("dynamic partitions 'customers'");
    assertThatThrownBy(() -> DynamicPartitionsDefinition.named(""))
        .hasMessageContaining("needs a non-blank name");
  }

  @Test
  void shouldKeepEveryKeyOnceWhenAddedConcurrently() throws Exception {
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  // Every thread adds the shared keys, and its own.
                  store.add("customers", List.of("shared-" + i, "t" + thread + "-" + i));
                  store.keys("customers");
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> keys = customers.keys(ctx);
    assertThat(keys).hasSize(perThread + threads * perThread).doesNotHaveDuplicates();
  }
}
