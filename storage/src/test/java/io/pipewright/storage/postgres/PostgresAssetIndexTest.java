package io.pipewright.storage.postgres;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.event.EventLog;
import io.pipewright.postgres.local.PrivatePostgresResource;
import io.pipewright.storage.contract.AssetIndexContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(PrivatePostgresResource.class)
class PostgresAssetIndexTest extends AssetIndexContract {

  @Inject EventLog events;
  @Inject AssetIndex assets;
  @Inject Tables tables;

  @Override
  protected Storage emptyStorage() {
    tables.truncate();
    return new Storage(events, assets);
  }
}
