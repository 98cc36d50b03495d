package io.pipewright.sdk.metadata;

import io.pipewright.sdk.AssetKey;

/**
 * A metadata value pointing at an asset.
 *
 * @param assetKey the asset's key; not null
 */
public record AssetKeyValue(AssetKey assetKey) implements MetadataValue {

  /**
   * Validates the value.
   *
   * @param assetKey the asset's key; not null
   * @throws IllegalArgumentException if {@code assetKey} is null
   */
  public AssetKeyValue {
    if (assetKey == null) {
      throw new IllegalArgumentException("An asset metadata value needs a non-null AssetKey");
    }
  }

  /**
   * Returns {@code "AssetMetadataEntry"}.
   *
   * @return the Dagster GraphQL type name
   */
  @Override
  public String dagsterTypeName() {
    return "AssetMetadataEntry";
  }

  /**
   * Returns the key's user string, e.g. {@code warehouse/orders}.
   *
   * @return the rendering
   */
  @Override
  public String display() {
    return assetKey.toUserString();
  }
}
