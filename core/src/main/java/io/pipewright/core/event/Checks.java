package io.pipewright.core.event;

import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/** Validation shared by the event records; messages name the record and the component. */
final class Checks {

  private Checks() {}

  static <T> T require(T value, String record, String component) {
    if (value == null) {
      throw new IllegalArgumentException(record + " needs a " + component + ", got null");
    }
    return value;
  }

  static String requireNonBlank(String value, String record, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          record
              + " needs a non-blank "
              + component
              + ", got "
              + (value == null ? "null" : "\"" + value + "\""));
    }
    return value;
  }

  static String optionalNonBlank(String value, String record, String component) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(
          record + " has a blank " + component + "; leave it null when there is none");
    }
    return value;
  }

  static long nonNegative(long value, String record, String component) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a " + component + " of zero or more, got " + value);
    }
    return value;
  }

  static List<MetadataEntrySnapshot> metadata(List<MetadataEntrySnapshot> metadata, String record) {
    return MetadataEntrySnapshot.copyOf(metadata, record);
  }
}
