package io.pipewright.storage.memory;

import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SnapshotStore} in memory; bodies are copied in and out, so callers cannot alter them.
 */
public final class InMemorySnapshotStore implements SnapshotStore {

  private final Guard guard = new Guard();
  private final Map<String, byte[]> bodies = new HashMap<>();

  /** Creates an empty store. */
  public InMemorySnapshotStore() {}

  @Override
  public Uni<Void> put(String snapshotId, SnapshotKind kind, byte[] body) {
    return guard.run(
        () -> {
          if (snapshotId == null || snapshotId.isBlank()) {
            throw new IllegalArgumentException("A snapshot needs a non-blank id");
          }
          Objects.requireNonNull(kind, "kind: what the snapshot is must be given");
          Objects.requireNonNull(body, "body: the snapshot's bytes must be given");
          bodies.putIfAbsent(snapshotId, body.clone());
        });
  }

  @Override
  public Uni<Optional<byte[]>> get(String snapshotId) {
    return guard.call(() -> Optional.ofNullable(bodies.get(snapshotId)).map(byte[]::clone));
  }
}
