package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * The key of an asset: a path of strings, outermost first, as the sdk's {@code AssetKey}.
 *
 * @param path the parts, outermost first; at least one, none blank, none containing {@code /}
 */
public record AssetKeySnapshot(List<String> path) {

  /**
   * Validates and copies the path.
   *
   * @param path the parts, outermost first
   * @throws IllegalArgumentException if the path is empty, or a part is blank or contains {@code /}
   */
  public AssetKeySnapshot {
    path = Checks.list(path, "AssetKeySnapshot", "path");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("AssetKeySnapshot needs at least one path part");
    }
    for (String part : path) {
      if (part.isBlank() || part.indexOf('/') >= 0) {
        throw new IllegalArgumentException(
            "AssetKeySnapshot part \""
                + part
                + "\" of "
                + path
                + " is blank or contains '/'; parts are non-blank names");
      }
    }
  }

  /**
   * Returns the key of the given parts.
   *
   * @param path the parts, outermost first
   * @return the key
   */
  public static AssetKeySnapshot of(String... path) {
    return new AssetKeySnapshot(List.of(path));
  }

  /**
   * Parses the slash-separated form that {@link #toUserString()} writes.
   *
   * @param userString such as {@code sales/daily_revenue}
   * @return the key
   */
  public static AssetKeySnapshot fromUserString(String userString) {
    Checks.requireNonBlank(userString, "AssetKeySnapshot", "user string");
    return new AssetKeySnapshot(List.of(userString.split("/", -1)));
  }

  /**
   * Returns the parts joined by {@code /}, as users write keys in selections.
   *
   * @return such as {@code sales/daily_revenue}
   */
  public String toUserString() {
    return String.join("/", path);
  }

  @Override
  public String toString() {
    return toUserString();
  }
}
