package io.pipewright.codelocation.runtime;

import io.quarkus.runtime.Quarkus;
import jakarta.inject.Singleton;

/**
 * Ends the server process after a {@code Shutdown} call: Quarkus shuts down gracefully (calls in
 * flight finish), and the location's orchestrator starts it again with the new code. A bean of its
 * own so that tests can replace it.
 */
@Singleton
public class ServerShutdown {

  /** Starts a graceful shutdown and returns at once, so that the call can still be answered. */
  public void requestShutdown() {
    Quarkus.asyncExit();
  }
}
