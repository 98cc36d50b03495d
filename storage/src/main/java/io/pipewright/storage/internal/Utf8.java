package io.pipewright.storage.internal;

import io.pipewright.core.logs.LogChunk;
import java.nio.charset.StandardCharsets;

/** UTF-8 boundaries, so that a chunk of a log never ends inside a character. */
public final class Utf8 {

  private Utf8() {}

  /**
   * Returns the length of the longest prefix of {@code bytes[0, length)} that does not end inside a
   * multi-byte character.
   *
   * @param bytes the bytes
   * @param length how many of them to consider
   * @return the usable length: {@code length}, or less when the last character is incomplete
   */
  public static int completeLength(byte[] bytes, int length) {
    int i = length - 1;
    int continuation = 0;
    while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
      i--;
      continuation++;
    }
    if (i < 0) {
      return length;
    }
    int lead = bytes[i] & 0xff;
    int expected = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return continuation + 1 >= expected ? length : i;
  }

  /**
   * Makes a chunk of a log from bytes read at an offset, cut before an incomplete last character
   * unless the bytes reach the end of the log.
   *
   * @param bytes the bytes read
   * @param length how many of them were read (at most the size asked for)
   * @param offset where they start in the log
   * @param size the log's size
   * @return the chunk
   */
  public static LogChunk chunk(byte[] bytes, int length, long offset, long size) {
    int usable = length;
    if (offset + usable < size) {
      usable = completeLength(bytes, usable);
    }
    long next = offset + usable;
    return new LogChunk(
        new String(bytes, 0, usable, StandardCharsets.UTF_8), offset, next, next >= size);
  }

  /**
   * Checks the arguments of a read.
   *
   * @param offset the offset; 0 or more
   * @param maxBytes the size; 1 or more
   */
  public static void checkRead(long offset, int maxBytes) {
    if (offset < 0 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "Reading a compute log needs offset >= 0 and maxBytes >= 1, got "
              + offset
              + " and "
              + maxBytes);
    }
  }
}
