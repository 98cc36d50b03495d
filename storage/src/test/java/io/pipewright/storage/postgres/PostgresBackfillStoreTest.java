package io.pipewright.storage.postgres;

import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.BackfillStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresBackfillStoreTest extends BackfillStoreContract {

  @Inject BackfillStore adapter;
  @Inject Tables tables;

  @Override
  protected BackfillStore emptyStore() {
    tables.truncate();
    return adapter;
  }
}
