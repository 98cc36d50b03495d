package io.pipewright.protocol.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.v1.ExecuteStepArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes a step worker's arguments as one command-line argument ({@code execute-step --args
 * <text>}), and decodes it with errors that say what is wrong.
 *
 * <p>The text is the {@code ExecuteStepArgs} message in URL-safe base64 without padding (no
 * characters a shell or a YAML file would treat specially). A message of more than {@value
 * #COMPRESSION_THRESHOLD} bytes (a large run config, a collect step over thousands of mapping keys)
 * is gzipped first: gzip's first byte, {@code 0x1f}, can never start a protobuf message (it would
 * be field 3 with the invalid wire type 7), so the decoder tells the two forms apart without a
 * marker.
 *
 * <p>Linux limits one command-line argument to 128 KiB; text longer than {@link
 * #MAX_ARGUMENT_CHARS} should go into a file instead ({@code execute-step --args-file <path>}, the
 * same text), for example a mounted ConfigMap.
 */
public final class StepArgsCodec {

  /** Messages larger than this many bytes are gzipped before they are base64-encoded. */
  public static final int COMPRESSION_THRESHOLD = 1024;

  /**
   * The longest text to pass as a command-line argument: Linux's limit for one argument (128 KiB),
   * with room to spare.
   */
  public static final int MAX_ARGUMENT_CHARS = 100_000;

  /** Decompressed messages larger than this are refused: no run's arguments come close. */
  private static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

  private StepArgsCodec() {}

  /**
   * Encodes the arguments.
   *
   * @param args the arguments
   * @return URL-safe base64 text, one line
   */
  public static String encode(StepExecutionArgs args) {
    byte[] bytes = StepArgsMapper.toProto(args).toByteArray();
    if (bytes.length > COMPRESSION_THRESHOLD) {
      bytes = gzip(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Whether encoded arguments fit on a command line, or should go into a file.
   *
   * @param encoded the text {@link #encode} returned
   * @return true when at most {@link #MAX_ARGUMENT_CHARS} characters long
   */
  public static boolean fitsOnCommandLine(String encoded) {
    return encoded.length() <= MAX_ARGUMENT_CHARS;
  }

  /**
   * Decodes the arguments.
   *
   * @param text the text {@link #encode} returned; surrounding white space is ignored
   * @return the arguments
   * @throws IllegalArgumentException when the text is empty, not base64, not an {@code
   *     ExecuteStepArgs} message, or the arguments are invalid; the message says which
   */
  public static StepExecutionArgs decode(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "The step arguments are empty; pass the text StepArgsCodec.encode produced.");
    }
    byte[] bytes;
    try {
      // Standard base64 is accepted too, for arguments someone re-encoded by hand.
      bytes =
          (trimmed.indexOf('+') >= 0 || trimmed.indexOf('/') >= 0
                  ? Base64.getDecoder()
                  : Base64.getUrlDecoder())
              .decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The step arguments are not base64 text ("
              + e.getMessage()
              + "); pass the text StepArgsCodec.encode produced, unchanged (it begins with \""
              + preview(trimmed)
              + "\").",
          e);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      bytes = gunzip(bytes);
    }
    ExecuteStepArgs message;
    try {
      message = ExecuteStepArgs.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The step arguments are base64 but not an ExecuteStepArgs message ("
              + e.getMessage()
              + "); were they cut short, or encoded by something other than StepArgsCodec?",
          e);
    }
    try {
      return StepArgsMapper.toCore(message);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The step arguments are invalid: " + e.getMessage(), e);
    }
  }

  private static String preview(String text) {
    return text.length() <= 16 ? text : text.substring(0, 16) + "...";
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Compressing in memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_DECODED_BYTES) {
          throw new IllegalArgumentException(
              "The step arguments decompress to more than "
                  + MAX_DECODED_BYTES
                  + " bytes; they cannot be a step's arguments.");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The step arguments are compressed but corrupt ("
              + e.getMessage()
              + "); were they cut short?",
          e);
    }
  }
}
