package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.partition.DynamicPartitionStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link DynamicPartitionStore}: every adapter's test extends this class. */
public abstract class DynamicPartitionStoreContract {

  /** The adapter under test, empty before each test. */
  protected DynamicPartitionStore store;

  /**
   * Returns the adapter under test with nothing stored.
   *
   * @return the store
   */
  protected abstract DynamicPartitionStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  @Test
  void shouldKeepKeysInOrderOnceEachWhenAdded() {
    assertThat(await(store.add("customers", List.of("acme", "zeta", "beta")))).isEqualTo(3);
    assertThat(await(store.add("customers", List.of("zeta", "omega")))).isEqualTo(1);

    assertThat(await(store.keys("customers"))).containsExactly("acme", "zeta", "beta", "omega");
    assertThat(await(store.has("customers", "beta"))).isTrue();
    assertThat(await(store.has("customers", "gamma"))).isFalse();
  }

  @Test
  void shouldKeepDefinitionsApart() {
    await(store.add("customers", List.of("acme")));
    await(store.add("regions", List.of("eu")));

    assertThat(await(store.keys("regions"))).containsExactly("eu");
    assertThat(await(store.has("regions", "acme"))).isFalse();
    assertThat(await(store.keys("unknown"))).isEmpty();
  }

  @Test
  void shouldForgetKeysWhenDeleted() {
    await(store.add("customers", List.of("acme", "zeta", "beta")));

    assertThat(await(store.delete("customers", List.of("zeta", "nope")))).isEqualTo(1);
    assertThat(await(store.keys("customers"))).containsExactly("acme", "beta");
    assertThat(await(store.delete("unknown", List.of("x")))).isZero();
  }

  @Test
  void shouldRejectTheWholeCallWhenAKeyIsBad() {
    assertThatThrownBy(() -> await(store.add("customers", List.of("ok", "line\nbreak"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> await(store.add("customers", List.of(" "))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(store.add(" ", List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(await(store.keys("customers"))).isEmpty();
  }
}
