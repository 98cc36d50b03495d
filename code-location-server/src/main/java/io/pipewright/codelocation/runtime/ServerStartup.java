package io.pipewright.codelocation.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Loads the code location when the server starts, not at the first call: a location whose
 * definitions fail says so in the log at once. Not in a step worker ({@link StepMode}), which runs
 * one step and needs no snapshot.
 */
@Singleton
class ServerStartup {

  void onStart(@Observes StartupEvent event, Instance<CodeLocationRuntime> runtime) {
    if (!StepMode.active()) {
      runtime.get().locationName();
    }
  }
}
