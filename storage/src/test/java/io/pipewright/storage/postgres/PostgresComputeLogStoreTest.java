package io.pipewright.storage.postgres;

import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.ComputeLogStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresComputeLogStoreTest extends ComputeLogStoreContract {

  @Inject PostgresComputeLogStore adapter;
  @Inject Tables tables;

  @Override
  protected ComputeLogStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
