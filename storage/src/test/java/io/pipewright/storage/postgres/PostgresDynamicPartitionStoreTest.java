package io.pipewright.storage.postgres;

import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.DynamicPartitionStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresDynamicPartitionStoreTest extends DynamicPartitionStoreContract {

  @Inject DynamicPartitionStore adapter;
  @Inject Tables tables;

  @Override
  protected DynamicPartitionStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
