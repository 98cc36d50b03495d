package io.pipewright.storage.memory;

import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.storage.contract.AssetIndexContract;
import io.pipewright.storage.contract.BackfillStoreContract;
import io.pipewright.storage.contract.ComputeLogStoreContract;
import io.pipewright.storage.contract.DaemonHeartbeatStoreContract;
import io.pipewright.storage.contract.DynamicPartitionStoreContract;
import io.pipewright.storage.contract.EventLogContract;
import io.pipewright.storage.contract.InstigatorStoreContract;
import io.pipewright.storage.contract.KeyValueStoreContract;
import io.pipewright.storage.contract.PoolStoreContract;
import io.pipewright.storage.contract.RunStoreContract;
import io.pipewright.storage.contract.SnapshotStoreContract;
import org.junit.jupiter.api.Nested;

/** Every contract suite against the in-memory adapters, each test on fresh storage. */
class InMemoryContractsTest {

  @Nested
  class Runs extends RunStoreContract {
    @Override
    protected RunStore emptyStore() {
      return new InMemoryStorage().runs();
    }
  }

  @Nested
  class Snapshots extends SnapshotStoreContract {
    @Override
    protected SnapshotStore emptyStore() {
      return new InMemoryStorage().snapshots();
    }
  }

  @Nested
  class Events extends EventLogContract {
    @Override
    protected EventLog emptyLog() {
      return new InMemoryStorage().events();
    }
  }

  @Nested
  class Assets extends AssetIndexContract {
    @Override
    protected Storage emptyStorage() {
      InMemoryStorage storage = new InMemoryStorage();
      return new Storage(storage.events(), storage.assets());
    }
  }

  @Nested
  class Instigators extends InstigatorStoreContract {
    @Override
    protected InstigatorStore emptyStore() {
      return new InMemoryStorage().instigators();
    }
  }

  @Nested
  class Backfills extends BackfillStoreContract {
    @Override
    protected BackfillStore emptyStore() {
      return new InMemoryStorage().backfills();
    }
  }

  @Nested
  class Pools extends PoolStoreContract {
    @Override
    protected PoolStore emptyStore() {
      return new InMemoryStorage().pools();
    }
  }

  @Nested
  class Heartbeats extends DaemonHeartbeatStoreContract {
    @Override
    protected DaemonHeartbeatStore emptyStore() {
      return new InMemoryStorage().heartbeats();
    }
  }

  @Nested
  class KeyValues extends KeyValueStoreContract {
    @Override
    protected KeyValueStore emptyStore() {
      return new InMemoryStorage().keyValues();
    }
  }

  @Nested
  class DynamicPartitions extends DynamicPartitionStoreContract {
    @Override
    protected DynamicPartitionStore emptyStore() {
      return new InMemoryStorage().dynamicPartitions();
    }
  }

  @Nested
  class ComputeLogs extends ComputeLogStoreContract {
    @Override
    protected ComputeLogStore emptyStore() {
      return new InMemoryComputeLogStore();
    }
  }
}
