package io.pipewright.protocol.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.v1.ExecuteStepArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;
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
   * Prepares the encoding of many attempts of one run: the run's part of the message (its config,
   * selections, tags, ingest URL) is encoded once, and each attempt's text only adds its step key,
   * attempt and known state. The text is exactly what {@link #encode} gives for the same arguments.
   *
   * @param run arguments of any step of the run: their step key, attempt and known state are
   *     ignored
   * @return the run's encoder
   */
  public static RunEncoder forRun(StepExecutionArgs run) {
    return new RunEncoder(run);
  }

  /**
   * Encodes the arguments of one run's attempts; build it with {@link #forRun}. Immutable and
   * thread-safe.
   *
   * <p>Why: when a thousand steps of a run become ready at once, the daemon builds a thousand
   * arguments that differ only in their step. Protobuf writes a message's fields in field-number
   * order, each on its own, so the bytes of the run's fields (1-9, 12 and 14) are cut once and the
   * step's fields (10, 11 and 13) written between them: the same bytes as the whole message.
   */
  public static final class RunEncoder {

    private final byte[] head;
    private final byte[] tags;
    private final byte[] tail;
    private final byte[] emptyKnownState;

    /**
     * The last known state encoded, with its bytes: the attempts launched together share one (the
     * run's dynamic mappings so far), which can list thousands of mapping keys.
     */
    private volatile EncodedKnownState lastKnownState;

    private record EncodedKnownState(KnownState state, byte[] bytes) {}

    private RunEncoder(StepExecutionArgs run) {
      ExecuteStepArgs whole = StepArgsMapper.toProto(Objects.requireNonNull(run, "run"));
      head =
          whole.toBuilder()
              .clearStepKey()
              .clearAttempt()
              .clearRunTags()
              .clearKnownState()
              .clearIngestUrl()
              .build()
              .toByteArray();
      tags =
          ExecuteStepArgs.newBuilder().putAllRunTags(whole.getRunTagsMap()).build().toByteArray();
      tail =
          run.ingestUrl() == null
              ? new byte[0]
              : ExecuteStepArgs.newBuilder().setIngestUrl(run.ingestUrl()).build().toByteArray();
      emptyKnownState = knownState(KnownState.empty());
    }

    /**
     * Encodes one attempt's arguments.
     *
     * @param stepKey the step
     * @param attempt the attempt, from 1
     * @param knownState what the worker needs to know of finished steps; null for nothing
     * @return the text {@link #encode} gives for the run's arguments with these step fields
     * @throws IllegalArgumentException when the step key is blank or the attempt below 1
     */
    public String encode(String stepKey, int attempt, KnownState knownState) {
      if (stepKey == null || stepKey.isBlank() || attempt < 1) {
        throw new IllegalArgumentException(
            "A step's arguments need a step key and an attempt of 1 or more, got '"
                + stepKey
                + "' attempt "
                + attempt);
      }
      byte[] step =
          ExecuteStepArgs.newBuilder()
              .setStepKey(stepKey)
              .setAttempt(attempt)
              .build()
              .toByteArray();
      byte[] known = knownStateBytes(knownState);
      byte[] bytes = new byte[head.length + step.length + tags.length + known.length + tail.length];
      int at = 0;
      for (byte[] part : new byte[][] {head, step, tags, known, tail}) {
        System.arraycopy(part, 0, bytes, at, part.length);
        at += part.length;
      }
      if (bytes.length > COMPRESSION_THRESHOLD) {
        bytes = gzip(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private byte[] knownStateBytes(KnownState state) {
      if (state == null
          || (state.dynamicMappingKeys().isEmpty() && state.missingOutputs().isEmpty())) {
        return emptyKnownState;
      }
      EncodedKnownState last = lastKnownState;
      if (last != null && (last.state() == state || last.state().equals(state))) {
        return last.bytes();
      }
      byte[] bytes = knownState(state);
      lastKnownState = new EncodedKnownState(state, bytes);
      return bytes;
    }

    private static byte[] knownState(KnownState state) {
      return ExecuteStepArgs.newBuilder()
          .setKnownState(StepArgsMapper.toProto(state))
          .build()
          .toByteArray();
    }
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
