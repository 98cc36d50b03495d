package io.pipewright.storage.memory;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * One lock around an in-memory store's state. Work runs when the {@link Uni} is subscribed, on the
 * subscribing thread, so that a failure arrives as a failed {@code Uni}, as the ports promise.
 */
final class Guard {

  private final Object lock = new Object();

  <T> Uni<T> call(Supplier<T> work) {
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (lock) {
                return work.get();
              }
            });
  }

  Uni<Void> run(Runnable work) {
    return call(
        () -> {
          work.run();
          return null;
        });
  }
}
