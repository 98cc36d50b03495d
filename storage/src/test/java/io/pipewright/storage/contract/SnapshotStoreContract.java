package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SnapshotStore}: every adapter's test extends this class. */
public abstract class SnapshotStoreContract {

  /** The adapter under test, empty before each test. */
  protected SnapshotStore store;

  /**
   * Returns the adapter under test with no snapshots stored.
   *
   * @return the store
   */
  protected abstract SnapshotStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  @Test
  void shouldReturnTheBodyWhenASnapshotWasPut() {
    byte[] body = {0, 1, 2, (byte) 255, 127};

    await(store.put("s1", SnapshotKind.EXECUTION_PLAN, body));

    assertThat(await(store.get("s1"))).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
  }

  @Test
  void shouldKeepTheFirstBodyWhenTheSameIdIsPutTwice() {
    await(store.put("s1", SnapshotKind.JOB, "first".getBytes(StandardCharsets.UTF_8)));
    await(store.put("s1", SnapshotKind.JOB, "second".getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(await(store.get("s1")).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("first");
  }

  @Test
  void shouldReturnEmptyWhenNoSnapshotHasTheId() {
    assertThat(await(store.get("nope"))).isEmpty();
  }

  @Test
  void shouldStoreALargeBodyWhenPut() {
    byte[] body = new byte[3 * 1024 * 1024];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }

    await(store.put("big", SnapshotKind.JOB, body));

    assertThat(await(store.get("big")).orElseThrow()).isEqualTo(body);
  }
}
