package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;

/** Names derived from asset keys, valid as op names, input names and step keys. */
final class AssetNames {
  private AssetNames() {}

  /** Dagster's {@code AssetKey.to_python_identifier}: parts joined by "__", other chars as "_". */
  static String identifier(AssetKey key) {
    StringBuilder sb = new StringBuilder();
    for (String part : key.path()) {
      if (sb.length() > 0) {
        sb.append("__");
      }
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        sb.append(ok ? c : '_');
      }
    }
    return sb.toString();
  }

  /** The order-only input an asset gets for each of its deps. */
  static String depInput(AssetKey key) {
    return "dep__" + identifier(key);
  }
}
