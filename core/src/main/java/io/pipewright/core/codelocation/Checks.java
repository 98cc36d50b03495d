package io.pipewright.core.codelocation;

/** Validation shared by the request records; messages name the record and the component. */
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
}
