package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.instance.KeyValueStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link KeyValueStore}: every adapter's test extends this class. */
public abstract class KeyValueStoreContract {

  /** The adapter under test, empty before each test. */
  protected KeyValueStore store;

  /**
   * Returns the adapter under test with nothing stored.
   *
   * @return the store
   */
  protected abstract KeyValueStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  @Test
  void shouldReturnStoredValuesWhenRead() {
    await(store.put(Map.of("cursor/failures", "41", "paused", "true")));
    await(store.put(Map.of("cursor/failures", "42")));

    assertThat(await(store.get(Set.of("cursor/failures", "paused", "missing"))))
        .containsOnly(Map.entry("cursor/failures", "42"), Map.entry("paused", "true"));
  }

  @Test
  void shouldForgetKeysWhenDeleted() {
    await(store.put(Map.of("a", "1", "b", "")));

    assertThat(await(store.delete(Set.of("a", "c")))).isEqualTo(1);
    assertThat(await(store.get(Set.of("a", "b")))).containsOnly(Map.entry("b", ""));
  }

  @Test
  void shouldRejectABlankKeyOrNullValueWithoutStoringAnything() {
    Map<String, String> bad = new HashMap<>();
    bad.put("ok", "1");
    bad.put("nothing", null);

    assertThatThrownBy(() -> await(store.put(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing");
    assertThatThrownBy(() -> await(store.put(Map.of(" ", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(await(store.get(Set.of("ok")))).isEmpty();
  }
}
