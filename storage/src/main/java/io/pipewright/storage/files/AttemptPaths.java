package io.pipewright.storage.files;

import io.pipewright.core.launch.AttemptId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Directories per step attempt under a base directory: {@code <base>/<run>/<step>/<attempt>}. Run
 * ids and step keys are encoded so that any key ({@code graph.op}, {@code op[key]}, a mapping key
 * with odd characters) is one safe path segment: letters, digits, {@code _ - [ ]} and {@code .}
 * stay (a leading dot does not, so no segment is {@code .} or {@code ..}), every other byte of its
 * UTF-8 form becomes {@code %XX}. The encoding is reversible, so directories can be listed back
 * into attempts.
 */
public final class AttemptPaths {

  private AttemptPaths() {}

  /**
   * The directory of one attempt.
   *
   * @param base the base directory
   * @param attempt the attempt
   * @return {@code <base>/<run>/<step>/<attempt>}
   */
  public static Path of(Path base, AttemptId attempt) {
    return base.resolve(encode(attempt.runId()))
        .resolve(encode(attempt.stepKey()))
        .resolve(Integer.toString(attempt.attempt()));
  }

  /**
   * The directory of one run.
   *
   * @param base the base directory
   * @param runId the run
   * @return {@code <base>/<run>}
   */
  public static Path ofRun(Path base, String runId) {
    return base.resolve(encode(runId));
  }

  /**
   * Encodes a run id or step key as one path segment.
   *
   * @param key the key
   * @return the segment
   */
  public static String encode(String key) {
    StringBuilder out = new StringBuilder(key.length() + 8);
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '_'
              || b == '-'
              || b == '['
              || b == ']'
              || (b == '.' && i > 0);
      if (plain) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Decodes a segment {@link #encode} wrote.
   *
   * @param segment the segment
   * @return the key
   * @throws IllegalArgumentException when the segment is not such an encoding
   */
  public static String decode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw new IllegalArgumentException("Not an encoded key: " + segment);
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("Not an encoded key: " + segment);
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c > 0x7f) {
        throw new IllegalArgumentException("Not an encoded key: " + segment);
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
