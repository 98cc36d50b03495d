package io.pipewright.storage.postgres.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.protocol.mapping.CommonMapper;
import io.pipewright.protocol.mapping.EventMapper;
import io.pipewright.protocol.mapping.JsonMapper;
import io.pipewright.protocol.v1.Error;
import io.pipewright.protocol.v1.Event;
import io.pipewright.protocol.v1.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary bodies of rows, as the protocol module's protobuf messages: events, run config and
 * errors. One codec for the wire and the database, with protobuf's compatibility rules for both.
 */
public final class Bodies {

  private Bodies() {}

  /**
   * Encodes an event without its run, step and attempt (those are columns).
   *
   * @param event the event
   * @return the {@code Event} message's bytes
   */
  public static byte[] event(EventRecord event) {
    return EventMapper.toProto(event).toByteArray();
  }

  /**
   * Decodes an event body and gives it its run, step and attempt back.
   *
   * @param body the stored bytes
   * @param runId the run column
   * @param stepKey the step column
   * @param attempt the attempt column
   * @return the event
   */
  public static EventRecord event(byte[] body, String runId, String stepKey, int attempt) {
    try {
      return EventMapper.toCore(Event.parseFrom(body), runId, stepKey, attempt);
    } catch (InvalidProtocolBufferException e) {
      throw corrupt("an event of run " + runId, e);
    }
  }

  /**
   * Encodes run config.
   *
   * @param config canonical user JSON
   * @return the {@code Json} message's bytes
   */
  public static byte[] json(Map<String, Object> config) {
    return JsonMapper.toProto(config).toByteArray();
  }

  /**
   * Decodes run config.
   *
   * @param body the stored bytes
   * @param where what it is, for messages
   * @return the config
   */
  public static Map<String, Object> json(byte[] body, String where) {
    try {
      return JsonMapper.toCoreObject(Json.parseFrom(body), where);
    } catch (InvalidProtocolBufferException e) {
      throw corrupt(where, e);
    }
  }

  /**
   * Encodes an error.
   *
   * @param error the error, or null
   * @return the {@code Error} message's bytes, or null
   */
  public static byte[] error(ErrorSnapshot error) {
    return error == null ? null : CommonMapper.toProto(error).toByteArray();
  }

  /**
   * Decodes an error.
   *
   * @param body the stored bytes, or null
   * @return the error, or null
   */
  public static ErrorSnapshot error(byte[] body) {
    if (body == null) {
      return null;
    }
    try {
      return CommonMapper.toCore(Error.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      throw corrupt("an error", e);
    }
  }

  /**
   * Encodes a list of errors, each length-delimited.
   *
   * @param errors the errors
   * @return the bytes
   */
  public static byte[] errors(List<ErrorSnapshot> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (ErrorSnapshot e : errors) {
        CommonMapper.toProto(e).writeDelimitedTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a list of errors.
   *
   * @param body the stored bytes
   * @return the errors
   */
  public static List<ErrorSnapshot> errors(byte[] body) {
    List<ErrorSnapshot> out = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    try {
      Error e;
      while ((e = Error.parseDelimitedFrom(in)) != null) {
        out.add(CommonMapper.toCore(e));
      }
    } catch (IOException e) {
      throw corrupt("a list of errors", e);
    }
    return out;
  }

  private static IllegalStateException corrupt(String what, IOException e) {
    return new IllegalStateException(
        "The stored body of "
            + what
            + " is not a valid protobuf message: the row is corrupt or was written by an"
            + " incompatible version",
        e);
  }
}
