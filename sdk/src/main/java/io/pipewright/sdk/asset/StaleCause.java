package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.Objects;

/**
 * Why {@link Staleness} considers an asset {@link StalenessStatus#STALE}. An asset may have several
 * causes.
 */
public sealed interface StaleCause {

  /**
   * Returns the stale asset.
   *
   * @return the key of the asset this cause makes stale
   */
  AssetKey key();

  /**
   * Describes the cause for people, in one sentence.
   *
   * @return e.g. {@code Upstream asset raw/orders of marts/revenue is stale.}
   */
  String message();

  /**
   * The asset's code version differs from the one it was last materialized with.
   *
   * @param key the stale asset
   * @param materializedVersion the code version of the latest materialization
   * @param currentVersion the code version of the asset's current definition
   */
  record CodeVersionChanged(AssetKey key, String materializedVersion, String currentVersion)
      implements StaleCause {

    /** Checks that no component is null. */
    public CodeVersionChanged {
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(materializedVersion, "materializedVersion must not be null");
      Objects.requireNonNull(currentVersion, "currentVersion must not be null");
    }

    /**
     * Describes the cause.
     *
     * @return the sentence
     */
    @Override
    public String message() {
      return "The code version of "
          + key
          + " changed from \""
          + materializedVersion
          + "\" to \""
          + currentVersion
          + "\" since it was last materialized.";
    }
  }

  /**
   * An upstream asset has been materialized again since the materialization this asset last used.
   *
   * @param key the stale asset
   * @param upstream the upstream asset with newer data
   */
  record UpstreamNewer(AssetKey key, AssetKey upstream) implements StaleCause {

    /** Checks that no component is null. */
    public UpstreamNewer {
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(upstream, "upstream must not be null");
    }

    /**
     * Describes the cause.
     *
     * @return the sentence
     */
    @Override
    public String message() {
      return "Upstream asset "
          + upstream
          + " has been materialized since "
          + key
          + " was last materialized from it.";
    }
  }

  /**
   * An upstream asset of the graph has never been materialized.
   *
   * @param key the stale asset
   * @param upstream the upstream asset without materialization
   */
  record UpstreamMissing(AssetKey key, AssetKey upstream) implements StaleCause {

    /** Checks that no component is null. */
    public UpstreamMissing {
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(upstream, "upstream must not be null");
    }

    /**
     * Describes the cause.
     *
     * @return the sentence
     */
    @Override
    public String message() {
      return "Upstream asset " + upstream + " of " + key + " has never been materialized.";
    }
  }

  /**
   * An upstream asset is itself stale, so this asset would change once it is brought up to date.
   *
   * @param key the stale asset
   * @param upstream the stale upstream asset
   */
  record UpstreamStale(AssetKey key, AssetKey upstream) implements StaleCause {

    /** Checks that no component is null. */
    public UpstreamStale {
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(upstream, "upstream must not be null");
    }

    /**
     * Describes the cause.
     *
     * @return the sentence
     */
    @Override
    public String message() {
      return "Upstream asset " + upstream + " of " + key + " is stale.";
    }
  }
}
