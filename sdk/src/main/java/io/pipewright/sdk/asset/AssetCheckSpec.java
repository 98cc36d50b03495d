package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.Objects;

/**
 * Declares one check on one asset (Dagster's {@code AssetCheckSpec}).
 *
 * @param asset the asset checked
 * @param name the check's name, unique per asset
 * @param blocking whether a failure at severity ERROR stops materializing the asset's downstream
 *     assets in the same run
 * @param description what the check verifies, or {@code null}
 */
public record AssetCheckSpec(AssetKey asset, String name, boolean blocking, String description) {
  /** Validates the components. */
  public AssetCheckSpec {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(name, "name");
  }

  /**
   * A non-blocking check.
   *
   * @param asset the asset
   * @param name the check's name
   * @return the spec
   */
  public static AssetCheckSpec of(AssetKey asset, String name) {
    return new AssetCheckSpec(asset, name, false, null);
  }

  /**
   * Returns a blocking copy.
   *
   * @return the new spec
   */
  public AssetCheckSpec asBlocking() {
    return new AssetCheckSpec(asset, name, true, description);
  }

  /**
   * Returns a copy with a description.
   *
   * @param text the description
   * @return the new spec
   */
  public AssetCheckSpec describedAs(String text) {
    return new AssetCheckSpec(asset, name, blocking, text);
  }

  /**
   * The output of the check's op that downstream assets of a blocking check wait for; produced
   * unless the check blocks.
   *
   * @return the output's name
   */
  public String outputName() {
    return "check__" + AssetNames.identifier(asset) + "__" + name;
  }
}
