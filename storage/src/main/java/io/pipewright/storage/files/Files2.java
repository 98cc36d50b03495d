package io.pipewright.storage.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small file helpers: listing, atomic writes, deleting trees, all tolerant of missing files. Shared
 * by the file compute log store and the daemon's local launcher, which write the same directories.
 */
public final class Files2 {

  private Files2() {}

  /**
   * The entries of a directory, sorted by name; empty when it does not exist.
   *
   * @param dir the directory
   * @return the entries
   */
  public static List<Path> children(Path dir) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        children.add(entry);
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      throw new UncheckedIOException("Cannot list " + dir + " (" + e + ")", e);
    }
    children.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return children;
  }

  /**
   * Writes a small file atomically: a reader sees the old content or the new, never a part.
   *
   * @param file the file
   * @param content the content
   */
  public static void writeAtomically(Path file, String content) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + " (" + e + ")", e);
    }
  }

  /**
   * Reads a small file.
   *
   * @param file the file
   * @return its content, or null when it does not exist
   */
  public static String readOrNull(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (" + e + ")", e);
    }
  }

  /**
   * The latest modification time of a directory or anything directly in it.
   *
   * @param dir the directory
   * @return the time; {@link Instant#EPOCH} when it does not exist
   */
  public static Instant lastChange(Path dir) {
    Instant latest = modified(dir);
    for (Path child : children(dir)) {
      Instant time = modified(child);
      if (time.isAfter(latest)) {
        latest = time;
      }
    }
    return latest;
  }

  private static Instant modified(Path path) {
    try {
      FileTime time = Files.getLastModifiedTime(path);
      return time.toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  /**
   * Deletes a directory and everything in it; nothing when it does not exist.
   *
   * @param dir the directory
   */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (NoSuchFileException e) {
      // Deleted meanwhile.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir + " (" + e + ")", e);
    }
  }

  /**
   * Deletes a directory when it is empty.
   *
   * @param dir the directory
   */
  public static void deleteIfEmpty(Path dir) {
    try {
      if (Files.isDirectory(dir) && children(dir).isEmpty()) {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      // Not empty after all (written meanwhile): keep it.
    }
  }
}
