package io.pipewright.protocol.mapping;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps a core enum to a proto enum and back by name: the proto constant is the core constant's name
 * behind a prefix ({@code EVENT_TYPE_} + {@code STEP_START}). Built once per pair; it fails when it
 * is built if a core constant has no proto counterpart, so a missing proto value is caught by the
 * first test that touches the mapper, not by the first user.
 */
final class EnumBridge<C extends Enum<C>, P extends Enum<P> & ProtocolMessageEnum> {

  private final String what;
  private final EnumMap<C, P> toProto;
  private final Map<Integer, C> toCore = new HashMap<>();

  private EnumBridge(Class<C> coreType, P[] protoValues, String prefix, String what) {
    this.what = what;
    this.toProto = new EnumMap<>(coreType);
    Map<String, P> byName = new HashMap<>();
    for (P value : protoValues) {
      byName.put(value.name(), value);
    }
    for (C constant : coreType.getEnumConstants()) {
      P value = byName.get(prefix + constant.name());
      if (value == null) {
        throw new IllegalStateException(
            "The proto enum of "
                + what
                + " has no value "
                + prefix
                + constant.name()
                + " for "
                + coreType.getName()
                + "."
                + constant.name()
                + "; add it to the .proto file");
      }
      toProto.put(constant, value);
      toCore.put(value.getNumber(), constant);
    }
  }

  static <C extends Enum<C>, P extends Enum<P> & ProtocolMessageEnum> EnumBridge<C, P> of(
      Class<C> coreType, P[] protoValues, String prefix, String what) {
    return new EnumBridge<>(coreType, protoValues, prefix, what);
  }

  P toProto(C value) {
    return toProto.get(value);
  }

  /** Returns the proto value of a core value that may be null; null maps to {@code unset}. */
  P toProtoOrUnset(C value, P unset) {
    return value == null ? unset : toProto.get(value);
  }

  C toCore(P value) {
    C constant = value.name().equals("UNRECOGNIZED") ? null : toCore.get(value.getNumber());
    if (constant == null) {
      throw new IllegalArgumentException(
          "Unknown "
              + what
              + " "
              + value.name()
              + "; was the message written by a newer version of Pipewright?");
    }
    return constant;
  }

  /** Returns null for the proto's zero value (unset), the core value otherwise. */
  C toCoreOrNull(P value) {
    return !value.name().equals("UNRECOGNIZED") && value.getNumber() == 0 ? null : toCore(value);
  }
}
