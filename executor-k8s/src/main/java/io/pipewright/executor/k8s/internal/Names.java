package io.pipewright.executor.k8s.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Kubernetes names and label values derived from Pipewright identities: deterministic (the same
 * input gives the same name on every daemon and after a restart), valid, and collision-safe (a hash
 * of the exact input is part of every name that could otherwise clash).
 */
public final class Names {

  /** A DNS-1123 label: what pod names must be to double as host names. */
  public static final int MAX_NAME_LENGTH = 63;

  /** Label values are at most 63 characters. */
  public static final int MAX_LABEL_VALUE_LENGTH = 63;

  /** Hex characters of SHA-256 kept in names and hashed label values: 40 bits. */
  static final int HASH_LENGTH = 10;

  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /**
   * The name of the pod of one step attempt: {@code pw-<run>-<step>-<attempt>-<hash>}, where {@code
   * run} is the first 8 name characters of the run id, {@code step} the step key made lowercase
   * with every other character a dash (cut to what fits), and {@code hash} the first 10 hex
   * characters of SHA-256 over the exact run id, step key and attempt. The readable parts are for
   * people; the hash makes the name unique. At most 63 characters, a valid DNS-1123 label.
   *
   * @param runId the run id
   * @param stepKey the step key
   * @param attempt the attempt number, zero or more
   * @return the pod name
   */
  public static String podName(String runId, String stepKey, int attempt) {
    String hash = hash(runId + '\n' + stepKey + '\n' + attempt);
    String run = cut(slug(runId), 8);
    String head = "pw-" + (run.isEmpty() ? "" : run + "-");
    String tail = attempt + "-" + hash;
    int room = MAX_NAME_LENGTH - head.length() - tail.length() - 1;
    String step = cut(slug(stepKey), room);
    return head + (step.isEmpty() ? "" : step + "-") + tail;
  }

  /**
   * A label value for an identity: the value itself when it is a valid label value, else its label
   * characters (others replaced by {@code _}) cut to 52 characters, a dash and a hash of the exact
   * value.
   *
   * @param value any string
   * @return a valid label value
   */
  public static String labelValue(String value) {
    if (isValidLabelValue(value)) {
      return value;
    }
    StringBuilder readable = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      readable.append(isLabelChar(c) ? c : '_');
    }
    String hash = hash(value);
    String prefix = readable.substring(0, Math.min(readable.length(), 52));
    prefix = trimNonAlphanumeric(prefix);
    return prefix.isEmpty() ? hash : prefix + "-" + hash;
  }

  /**
   * Tells whether a string is a valid label value.
   *
   * @param value the string
   * @return true when Kubernetes accepts it as a label value
   */
  public static boolean isValidLabelValue(String value) {
    return value.length() <= MAX_LABEL_VALUE_LENGTH && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * Tells what is wrong with a label or annotation key ({@code [prefix/]name}), if anything.
   *
   * @param key the key
   * @return null when valid, else the problem
   */
  public static String labelKeyProblem(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()
          || prefix.length() > 253
          || !DNS_1123_SUBDOMAIN.matcher(prefix).matches()) {
        return "its prefix '"
            + prefix
            + "' is not a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253"
            + " characters)";
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return "its name '"
          + name
          + "' must be 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a"
          + " letter or digit";
    }
    return null;
  }

  /**
   * Tells whether a string is a DNS-1123 label (what volume and container names must be).
   *
   * @param value the string
   * @return true when valid
   */
  public static boolean isDns1123Label(String value) {
    return value.length() <= MAX_NAME_LENGTH && DNS_1123_LABEL.matcher(value).matches();
  }

  /**
   * The first {@value #HASH_LENGTH} hex characters of the SHA-256 of a string's UTF-8 bytes.
   *
   * @param value the string
   * @return the short hash
   */
  public static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must implement SHA-256 (MessageDigest's javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Lowercase letters and digits kept, every run of other characters one dash, no edge dashes. */
  static String slug(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean dash = false;
    for (int i = 0; i < value.length(); i++) {
      char c = Character.toLowerCase(value.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && out.length() > 0) {
          out.append('-');
        }
        out.append(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    return out.toString();
  }

  private static String cut(String slug, int max) {
    if (max <= 0) {
      return "";
    }
    String cut = slug.length() <= max ? slug : slug.substring(0, max);
    while (cut.endsWith("-")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }

  private static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String trimNonAlphanumeric(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && !isAlphanumeric(value.charAt(start))) {
      start++;
    }
    while (end > start && !isAlphanumeric(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }
}
