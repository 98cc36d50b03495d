package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.workspace.LoadedLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the asset arguments: {@code AssetKeyInput}s and repository selectors. */
final class AssetSelectors {

  private AssetSelectors() {}

  /**
   * Reads an {@code AssetKeyInput}.
   *
   * @param value the argument's value
   * @param argument its name, for messages
   * @return the key
   * @throws BadArgumentException when the path is empty or has a blank part or a '/'
   */
  static AssetKeySnapshot assetKey(Object value, String argument) {
    Object path = value instanceof Map<?, ?> map ? map.get("path") : null;
    try {
      return new AssetKeySnapshot(Selectors.strings(path));
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(argument + ": " + e.getMessage());
    }
  }

  /**
   * Reads a list of {@code AssetKeyInput}s.
   *
   * @param value the argument's value; null for none
   * @param argument its name
   * @return the keys; null when the argument is null
   */
  static List<AssetKeySnapshot> assetKeys(Object value, String argument) {
    if (!(value instanceof List<?> list)) {
      return null;
    }
    List<AssetKeySnapshot> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      keys.add(assetKey(list.get(i), argument + "[" + i + "]"));
    }
    return keys;
  }

  /**
   * Checks a selector's repository name: every location has one repository.
   *
   * @param selector a {@code RepositorySelector}, {@code PipelineSelector} or {@code
   *     AssetGroupSelector}
   * @return true when it names the one repository
   */
  static boolean namesTheRepository(Map<String, Object> selector) {
    return LoadedLocation.REPOSITORY_NAME.equals(selector.get("repositoryName"));
  }
}
