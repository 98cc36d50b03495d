package io.pipewright.storage.postgres;

import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.InstigatorStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresInstigatorStoreTest extends InstigatorStoreContract {

  @Inject InstigatorStore adapter;
  @Inject Tables tables;

  @Override
  protected InstigatorStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
