package io.pipewright.core.run;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * The port to stored snapshots: job and execution plan snapshots that runs refer to by id.
 *
 * <p>Bodies are opaque bytes here: the protocol module encodes them (protobuf), so that storage
 * does not need to know the snapshot records' wire form, and the same bytes travel unchanged.
 * Snapshots are content-addressed by their writers (the id is a hash of the body), so storing one
 * twice is harmless.
 */
public interface SnapshotStore {

  /**
   * Stores a snapshot body unless one with this id exists.
   *
   * @param snapshotId the id (a content hash); non-blank
   * @param kind what the body is
   * @param body the encoded snapshot
   * @return completion; storing an existing id again succeeds and keeps the first body
   */
  Uni<Void> put(String snapshotId, SnapshotKind kind, byte[] body);

  /**
   * Reads a snapshot body.
   *
   * @param snapshotId the id
   * @return the body, or empty when no snapshot has this id
   */
  Uni<Optional<byte[]>> get(String snapshotId);
}
