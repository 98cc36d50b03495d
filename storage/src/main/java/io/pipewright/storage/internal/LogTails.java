package io.pipewright.storage.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log, from its last bytes: shared by the compute log adapters. */
public final class LogTails {

  /** How much of a log's end is read to find its last lines. */
  public static final int TAIL_BYTES = 64 * 1024;

  private LogTails() {}

  /**
   * Splits the end of a log into lines and keeps the last ones.
   *
   * @param bytes the log's last bytes
   * @param length how many of them to use
   * @param cut whether the bytes start in the middle of the log (the first line is then partial)
   * @param maxLines at most this many lines
   * @return the lines, oldest first, without line breaks
   */
  public static List<String> lastLines(byte[] bytes, int length, boolean cut, int maxLines) {
    if (maxLines <= 0 || length == 0) {
      return List.of();
    }
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    if (cut && !lines.isEmpty()) {
      lines.remove(0);
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
  }
}
