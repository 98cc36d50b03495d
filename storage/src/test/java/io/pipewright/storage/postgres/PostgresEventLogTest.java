package io.pipewright.storage.postgres;

import io.pipewright.core.event.EventLog;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.EventLogContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresEventLogTest extends EventLogContract {

  @Inject EventLog adapter;
  @Inject Tables tables;

  @Override
  protected EventLog emptyLog() {
    tables.truncate();
    return adapter;
  }
}
