package io.pipewright.storage.postgres;

import io.pipewright.core.run.SnapshotStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.SnapshotStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresSnapshotStoreTest extends SnapshotStoreContract {

  @Inject SnapshotStore adapter;
  @Inject Tables tables;

  @Override
  protected SnapshotStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
