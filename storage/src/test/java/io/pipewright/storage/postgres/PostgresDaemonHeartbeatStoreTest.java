package io.pipewright.storage.postgres;

import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.DaemonHeartbeatStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresDaemonHeartbeatStoreTest extends DaemonHeartbeatStoreContract {

  @Inject DaemonHeartbeatStore adapter;
  @Inject Tables tables;

  @Override
  protected DaemonHeartbeatStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
