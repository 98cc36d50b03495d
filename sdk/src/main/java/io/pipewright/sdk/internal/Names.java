package io.pipewright.sdk.internal;

/** Name rules shared by every definition, so that names stay valid in step keys and URLs. */
public final class Names {
  private Names() {}

  /** Dagster's rule: letters, digits and underscores, so names can be joined with '.' and '/'. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!ok && c != '_') {
        return false;
      }
    }
    return true;
  }

  public static final String RULE = "use only letters, digits and underscores";
}
