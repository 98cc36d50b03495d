package io.pipewright.storage.contract;

import static io.pipewright.storage.contract.Fixtures.at;
import static io.pipewright.storage.contract.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link DaemonHeartbeatStore}: every adapter's test extends this class. */
public abstract class DaemonHeartbeatStoreContract {

  /** The adapter under test, empty before each test. */
  protected DaemonHeartbeatStore store;

  /**
   * Returns the adapter under test with no heartbeats stored.
   *
   * @return the store
   */
  protected abstract DaemonHeartbeatStore emptyStore();

  @BeforeEach
  void createStore() {
    store = emptyStore();
  }

  @Test
  void shouldKeepTheLatestHeartbeatPerTypeWhenDaemonsBeat() {
    DaemonHeartbeat sensorOld = new DaemonHeartbeat("SENSOR", "d1", at(1), List.of());
    DaemonHeartbeat sensorNew =
        new DaemonHeartbeat(
            "SENSOR",
            "d2",
            at(31),
            List.of(
                ErrorSnapshot.of("java.lang.RuntimeException", "tick failed"),
                new ErrorSnapshot("E", "older", List.of("at a(B.java:1)"), null, null)));
    DaemonHeartbeat scheduler = new DaemonHeartbeat("SCHEDULER", "d1", at(2), List.of());

    await(store.beat(sensorOld));
    await(store.beat(scheduler));
    await(store.beat(sensorNew));

    assertThat(await(store.latest())).containsExactly(scheduler, sensorNew);
  }

  @Test
  void shouldReturnNothingWhenNoDaemonHasBeaten() {
    assertThat(await(store.latest())).isEmpty();
  }
}
