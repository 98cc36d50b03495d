package io.pipewright.sdk.internal.config;

/**
 * A location in a config tree, built lazily: walking a valid tree allocates one small node per step
 * and never concatenates strings; the dotted text is only made when an error needs it.
 */
final class ConfigPath {

  private final ConfigPath parent;
  private final String segment;
  private final int index;

  private ConfigPath(ConfigPath parent, String segment, int index) {
    this.parent = parent;
    this.segment = segment;
    this.index = index;
  }

  static ConfigPath root(String path) {
    return new ConfigPath(null, path == null ? "" : path, -1);
  }

  ConfigPath field(String name) {
    return new ConfigPath(this, name, -1);
  }

  ConfigPath index(int i) {
    return new ConfigPath(this, null, i);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.toString();
  }

  private void append(StringBuilder sb) {
    if (parent == null) {
      sb.append(segment);
      return;
    }
    parent.append(sb);
    if (segment == null) {
      sb.append('[').append(index).append(']');
    } else {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(segment);
    }
  }

  /** Returns the path as the start of a message; the root of an unnamed tree reads "config". */
  String forMessage() {
    String text = toString();
    return text.isEmpty() ? "config" : text;
  }
}
