package io.pipewright.storage.postgres;

import io.pipewright.core.run.RunStore;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.RunStoreContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresRunStoreTest extends RunStoreContract {

  @Inject RunStore runs;
  @Inject Tables tables;

  @Override
  protected RunStore emptyStore() {
    tables.truncate();
    return runs;
  }
}
