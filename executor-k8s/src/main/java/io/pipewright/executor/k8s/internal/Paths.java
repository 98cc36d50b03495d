package io.pipewright.executor.k8s.internal;

import java.util.regex.Pattern;

/** Paths into JSON trees as people read them: {@code a.b[0].c}, or {@code a["nvidia.com/gpu"]}. */
final class Paths {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private Paths() {}

  static String key(String path, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }
}
