package io.pipewright.sdk.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pipewright.sdk.metadata.MetadataValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Stores each output as a JSON file under a base directory: {@code <base>/<run id>/<step
 * key>/<output>[/<mapping key>].json} (Dagster's {@code fs_io_manager}, with JSON instead of
 * pickle).
 *
 * <p>JSON is what Java users can read and trust: records, collections, strings, numbers, booleans,
 * enums, {@code Optional} and {@code java.time} values are written by Jackson and read back into
 * the type the downstream input declares. Polymorphic typing is off, so a stored file can never
 * make the reader instantiate a class the input did not ask for. A value Jackson cannot write (a
 * stream, a connection, a class with no properties) fails the step with a message that says how to
 * fix it. Files are written to a temporary name and moved into place, so a reader never sees half a
 * value.
 */
public final class FilesystemIOManager implements IOManager {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path baseDir;

  /**
   * Creates a manager that writes under a directory.
   *
   * @param baseDir the base directory; created when missing
   */
  public FilesystemIOManager(Path baseDir) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
  }

  /**
   * The base directory.
   *
   * @return the absolute base directory
   */
  public Path baseDir() {
    return baseDir;
  }

  /**
   * The file an output is stored in.
   *
   * @param context the output
   * @return the path
   */
  public Path pathFor(OutputContext context) {
    Path path = baseDir;
    var parts = context.identifier();
    for (int i = 0; i < parts.size() - 1; i++) {
      path = path.resolve(safe(parts.get(i)));
    }
    return path.resolve(safe(parts.get(parts.size() - 1)) + ".json");
  }

  @Override
  public void handleOutput(OutputContext context, Object value) throws IOException {
    if (context.dataType().isNothing()) {
      return;
    }
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The filesystem IO manager cannot store output '"
              + context.outputName()
              + "' of step '"
              + context.stepKey()
              + "': a "
              + (value == null ? "null" : value.getClass().getName())
              + " cannot be written as JSON ("
              + e.getOriginalMessage()
              + "). Return records, collections, strings, numbers, booleans or java.time values,"
              + " or bind another IO manager to this output with Out.withIoManager(key).",
          e);
    }
    Path target = pathFor(context);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".json");
    try {
      Files.write(tmp, json);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    context.addMetadata("path", MetadataValue.path(target.toString()));
  }

  @Override
  public Object loadInput(InputContext context) throws IOException {
    if (context.dataType().isNothing()) {
      return null;
    }
    OutputContext upstream = context.upstreamOutput();
    Path source = pathFor(upstream);
    byte[] json;
    try {
      json = Files.readAllBytes(source);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "No stored value for output '"
              + upstream.outputName()
              + "' of step '"
              + upstream.stepKey()
              + "' of run "
              + upstream.runId()
              + ": "
              + source
              + " does not exist. The upstream step has not run, or it stored its output with"
              + " another IO manager or base directory.",
          e);
    }
    JavaType type = MAPPER.getTypeFactory().constructType(context.dataType().javaType());
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read "
              + source
              + " as "
              + context.dataType().displayName()
              + " for input '"
              + context.inputName()
              + "' of step '"
              + context.stepKey()
              + "': "
              + e.getOriginalMessage()
              + ". The stored value and the input's type disagree.",
          e);
    }
  }

  /** Step keys may hold '[' and ']'; keep them, but never let a part climb out of the base dir. */
  private static String safe(String part) {
    if (part.isEmpty()
        || part.equals(".")
        || part.equals("..")
        || part.indexOf('/') >= 0
        || part.indexOf('\\') >= 0) {
      throw new UncheckedIOException(
          new IOException("Unsafe path part \"" + part + "\" in an output identifier."));
    }
    return part;
  }
}
