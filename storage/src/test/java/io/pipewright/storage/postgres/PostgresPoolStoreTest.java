package io.pipewright.storage.postgres;

import io.pipewright.core.pool.PoolStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.PoolStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresPoolStoreTest extends PoolStoreContract {

  @Inject PoolStore adapter;
  @Inject Tables tables;

  @Override
  protected PoolStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
