package io.pipewright.webserver.run;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Waits for the storage ports' answers on the request's worker thread. GraphQL requests run on
 * worker threads (never the event loop), and the adapters switch to a Vert.x context themselves.
 */
public final class Await {

  /** How long one storage call may take before the request fails. */
  public static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(30);

  private Await() {}

  /**
   * Waits for a storage call.
   *
   * @param call the call
   * @param <T> its result
   * @return the result
   * @throws RuntimeException the call's failure, or a timeout
   */
  public static <T> T of(Uni<T> call) {
    return call.await().atMost(STORAGE_TIMEOUT);
  }
}
