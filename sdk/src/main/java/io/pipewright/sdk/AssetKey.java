package io.pipewright.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The identity of a software-defined asset: a non-empty path of names, such as {@code ["warehouse",
 * "orders"]}, written {@code warehouse/orders} for people.
 *
 * <p>Parts must be non-blank and must not contain {@code /}, so that {@link #toUserString()} and
 * {@link #fromUserString(String)} are exact inverses. Instances are immutable.
 *
 * @param path the parts of the key, outermost first; copied defensively
 */
public record AssetKey(List<String> path) {

  /** The separator of the user string form, as in Dagster. */
  private static final String SEPARATOR = "/";

  /**
   * Validates and copies the path.
   *
   * @param path the parts of the key, outermost first; copied defensively
   * @throws IllegalArgumentException if the path is null or empty, or a part is null, blank or
   *     contains {@code /}
   */
  public AssetKey {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException(
          "An asset key needs at least one part, e.g. AssetKey.of(\"warehouse\", \"orders\")");
    }
    for (int i = 0; i < path.size(); i++) {
      String part = path.get(i);
      if (part == null || part.isBlank()) {
        throw new IllegalArgumentException(
            "Part "
                + i
                + " of asset key "
                + path
                + " is "
                + (part == null ? "null" : "blank")
                + "; every part must be a non-blank name");
      }
      if (part.contains(SEPARATOR)) {
        throw new IllegalArgumentException(
            "Part "
                + i
                + " of asset key "
                + path
                + " (\""
                + part
                + "\") contains '/'; pass the parts separately, e.g. AssetKey.of(\"a\", \"b\"),"
                + " or use AssetKey.fromUserString(\"a/b\")");
      }
    }
    path = List.copyOf(path);
  }

  /**
   * Creates a key from its parts.
   *
   * @param path the parts, outermost first
   * @return the key
   * @throws IllegalArgumentException if no part is given or a part is invalid
   */
  public static AssetKey of(String... path) {
    if (path == null) {
      throw new IllegalArgumentException(
          "An asset key needs at least one part, e.g. AssetKey.of(\"warehouse\", \"orders\")");
    }
    // Arrays.asList tolerates null parts, so that the constructor reports them with their index.
    return new AssetKey(Arrays.asList(path));
  }

  /**
   * Parses the user string form, in which parts are separated by {@code /}: {@code
   * "warehouse/orders"} is the key {@code ["warehouse", "orders"]}.
   *
   * @param userString the slash-separated key
   * @return the key
   * @throws IllegalArgumentException if the string is null or blank or has an empty part (e.g.
   *     {@code "a//b"} or a trailing slash)
   */
  public static AssetKey fromUserString(String userString) {
    if (userString == null || userString.isBlank()) {
      throw new IllegalArgumentException(
          "An asset key string must not be "
              + (userString == null ? "null" : "blank")
              + "; write its parts separated by '/', e.g. \"warehouse/orders\"");
    }
    List<String> parts = new ArrayList<>(4);
    int start = 0;
    // Split by hand: String.split drops trailing empty parts, which would hide "a/" typos.
    while (true) {
      int slash = userString.indexOf('/', start);
      String part = slash < 0 ? userString.substring(start) : userString.substring(start, slash);
      if (part.isBlank()) {
        throw new IllegalArgumentException(
            "Asset key string \""
                + userString
                + "\" has an empty part at position "
                + parts.size()
                + "; write non-empty parts separated by single '/', e.g. \"warehouse/orders\"");
      }
      parts.add(part);
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return new AssetKey(parts);
  }

  /**
   * Returns the user string form: the parts joined with {@code /}.
   *
   * @return e.g. {@code "warehouse/orders"}
   */
  public String toUserString() {
    return path.size() == 1 ? path.get(0) : String.join(SEPARATOR, path);
  }

  /**
   * Returns a new key with {@code prefix} placed before this key's parts: {@code
   * AssetKey.of("orders").withPrefix("warehouse")} is {@code warehouse/orders}.
   *
   * @param prefix the parts to prepend, outermost first; none returns this key
   * @return the prefixed key
   * @throws IllegalArgumentException if a prefix part is invalid
   */
  public AssetKey withPrefix(String... prefix) {
    if (prefix == null || prefix.length == 0) {
      return this;
    }
    List<String> parts = new ArrayList<>(prefix.length + path.size());
    parts.addAll(Arrays.asList(prefix));
    parts.addAll(path);
    return new AssetKey(parts);
  }

  /**
   * Returns the last part of the key, which names the asset within its prefix.
   *
   * @return e.g. {@code "orders"} for {@code warehouse/orders}
   */
  public String name() {
    return path.get(path.size() - 1);
  }

  /**
   * Returns the user string form, as {@link #toUserString()} does.
   *
   * @return e.g. {@code "warehouse/orders"}
   */
  @Override
  public String toString() {
    return toUserString();
  }
}
