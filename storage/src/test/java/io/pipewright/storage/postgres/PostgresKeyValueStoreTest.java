package io.pipewright.storage.postgres;

import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.KeyValueStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresKeyValueStoreTest extends KeyValueStoreContract {

  @Inject KeyValueStore adapter;
  @Inject Tables tables;

  @Override
  protected KeyValueStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
