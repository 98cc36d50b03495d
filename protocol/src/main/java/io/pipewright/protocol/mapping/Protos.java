package io.pipewright.protocol.mapping;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions of protobuf's well-known types and required-field checks, shared by the mappers. */
final class Protos {

  private Protos() {}

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Duration duration(java.time.Duration duration) {
    return Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }

  static java.time.Duration duration(Duration duration) {
    return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  /** Fails with a message naming the message and field when a required sub-message is absent. */
  static void require(boolean present, String message, String field) {
    if (!present) {
      throw new IllegalArgumentException(message + " has no " + field + "; the sender must set it");
    }
  }

  /** Fails when a oneof is not set. */
  static IllegalArgumentException unset(String message, String oneof) {
    return new IllegalArgumentException(
        message
            + " sets none of its "
            + oneof
            + " cases; was it written by a newer version of Pipewright?");
  }
}
