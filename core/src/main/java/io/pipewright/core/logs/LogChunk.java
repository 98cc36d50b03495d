package io.pipewright.core.logs;

/**
 * A piece of a compute log, read from an offset.
 *
 * @param text the text read, decoded as UTF-8; never cut inside a character
 * @param offset the byte offset the text starts at
 * @param nextOffset the byte offset to continue from
 * @param atEnd whether the text reaches the end of what was written so far (a running attempt may
 *     write more)
 */
public record LogChunk(String text, long offset, long nextOffset, boolean atEnd) {

  /** Validates the components. */
  public LogChunk {
    if (text == null) {
      text = "";
    }
    if (offset < 0 || nextOffset < offset) {
      throw new IllegalArgumentException(
          "LogChunk needs 0 <= offset <= nextOffset, got " + offset + " and " + nextOffset);
    }
  }
}
