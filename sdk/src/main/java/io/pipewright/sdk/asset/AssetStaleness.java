package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.List;
import java.util.Objects;

/**
 * The staleness of one asset: its status and, when it is stale, why.
 *
 * <p>Create instances with {@link #fresh(AssetKey)}, {@link #missing(AssetKey)} and {@link
 * #stale(AssetKey, List)}.
 *
 * @param key the asset
 * @param status its status
 * @param causes why it is stale: at least one cause when {@code status} is {@link
 *     StalenessStatus#STALE}, none otherwise; each cause's key is {@code key}. Copied defensively.
 */
public record AssetStaleness(AssetKey key, StalenessStatus status, List<StaleCause> causes) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component or a cause is null
   * @throws IllegalArgumentException if the causes do not fit the status, or a cause is about
   *     another asset
   */
  public AssetStaleness {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(status, "status must not be null");
    causes = List.copyOf(Objects.requireNonNull(causes, "causes must not be null"));
    if ((status == StalenessStatus.STALE) == causes.isEmpty()) {
      throw new IllegalArgumentException(
          status == StalenessStatus.STALE
              ? "A STALE asset needs at least one cause, but " + key + " has none"
              : "A " + status + " asset has no causes, but " + key + " has " + causes);
    }
    for (StaleCause cause : causes) {
      if (!cause.key().equals(key)) {
        throw new IllegalArgumentException(
            "The causes of " + key + " must be about " + key + ", but one is about " + cause.key());
      }
    }
  }

  /**
   * Returns the staleness of an asset that is up to date.
   *
   * @param key the asset
   * @return a {@link StalenessStatus#FRESH} staleness without causes
   */
  public static AssetStaleness fresh(AssetKey key) {
    return new AssetStaleness(key, StalenessStatus.FRESH, List.of());
  }

  /**
   * Returns the staleness of an asset that has never been materialized.
   *
   * @param key the asset
   * @return a {@link StalenessStatus#MISSING} staleness without causes
   */
  public static AssetStaleness missing(AssetKey key) {
    return new AssetStaleness(key, StalenessStatus.MISSING, List.of());
  }

  /**
   * Returns the staleness of an asset that is out of date.
   *
   * @param key the asset
   * @param causes why, at least one
   * @return a {@link StalenessStatus#STALE} staleness
   * @throws IllegalArgumentException if {@code causes} is empty or a cause is about another asset
   */
  public static AssetStaleness stale(AssetKey key, List<StaleCause> causes) {
    return new AssetStaleness(key, StalenessStatus.STALE, causes);
  }
}
