package io.pipewright.storage;

import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.storage.files.FileComputeLogStore;
import io.pipewright.storage.postgres.PostgresComputeLogStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Produces the {@link ComputeLogStore} that {@link ComputeLogConfig} chooses. */
@ApplicationScoped
public class ComputeLogStores {

  /**
   * Returns the configured store.
   *
   * @param config the choice
   * @param postgres the PostgreSQL adapter, created only when chosen
   * @return the store
   */
  @Produces
  @Singleton
  ComputeLogStore computeLogStore(
      ComputeLogConfig config, Instance<PostgresComputeLogStore> postgres) {
    return switch (config.store()) {
      case POSTGRES -> postgres.get();
      case FILESYSTEM -> new FileComputeLogStore(Path.of(config.directory()));
    };
  }
}
