package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.List;

/**
 * Thrown when an asset selection names, by exact key, assets that the graph does not have.
 *
 * <p>The message lists every unknown key at once, each with the closest known key when one is
 * similar, or a sample of valid keys otherwise. Key patterns ({@code key:raw_*}) and the other
 * filters never cause it: they simply match nothing.
 */
public final class UnknownAssetException extends IllegalArgumentException {

  private final List<AssetKey> unknownKeys;

  /**
   * Creates the exception.
   *
   * @param message the complete, user-facing description
   * @param unknownKeys the unknown keys, in the order they first appear in the selection
   */
  public UnknownAssetException(String message, List<AssetKey> unknownKeys) {
    super(message);
    this.unknownKeys = List.copyOf(unknownKeys);
  }

  /**
   * Returns the keys the selection names that the graph does not have.
   *
   * @return the unknown keys, without duplicates, in the order they first appear in the selection
   */
  public List<AssetKey> unknownKeys() {
    return unknownKeys;
  }
}
