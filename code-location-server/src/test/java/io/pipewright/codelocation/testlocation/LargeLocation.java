package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A large location for the snapshot figures: {@value #ASSETS} assets in layers of {@value #LAYER}
 * (each layer a group), every asset after the first layer reading two assets of the layer before,
 * each with a description, kinds, an owner, a tag, metadata and a code version.
 */
public final class LargeLocation {

  /** How many assets. */
  public static final int ASSETS = 10_000;

  /** Assets per layer (and group). */
  public static final int LAYER = 100;

  private LargeLocation() {}

  /**
   * Builds the definitions.
   *
   * @return the definitions
   */
  public static Definitions definitions() {
    List<AssetsDefinition> assets = new ArrayList<>(ASSETS);
    for (int i = 0; i < ASSETS; i++) {
      int layer = i / LAYER;
      AssetDefinition.Builder asset =
          AssetDefinition.builder(key(i))
              .description("Asset number " + i + " of layer " + layer + ".")
              .group("layer_" + layer)
              .kinds("java", "parquet")
              .owners("team:layer" + (layer % 10))
              .tag("tier", layer < 10 ? "bronze" : "silver")
              .metadata(Metadata.of("index", i, "path", "s3://bucket/layer_" + layer + "/" + i))
              .codeVersion("v" + (i % 3))
              .type(Types.INT);
      if (layer > 0) {
        asset
            .input("left", AssetIn.of(key(i - LAYER), Types.INT))
            .input("right", AssetIn.of(key((layer - 1) * LAYER + (i * 7 + 3) % LAYER), Types.INT));
      }
      assets.add(asset.compute((ctx, in) -> 1).build());
    }
    return Definitions.builder().assets(assets.toArray(AssetsDefinition[]::new)).build();
  }

  private static AssetKey key(int i) {
    return AssetKey.of("layer_" + (i / LAYER), "asset_" + i);
  }
}
