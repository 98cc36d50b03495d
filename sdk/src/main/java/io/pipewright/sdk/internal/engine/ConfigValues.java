package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.config.ConfigMapper;

/** Converts a config tree to the class a definition asked for, with a message that names it. */
final class ConfigValues {
  private ConfigValues() {}

  static <T> T convert(Object tree, Class<T> type, String what) {
    if (tree != null && type.isInstance(tree)) {
      return type.cast(tree);
    }
    try {
      return ConfigMapper.convert(tree, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The config of " + what + " cannot be read as " + type.getName() + ": " + e.getMessage(),
          e);
    }
  }
}
