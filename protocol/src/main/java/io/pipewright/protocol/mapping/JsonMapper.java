package io.pipewright.protocol.mapping;

import com.google.protobuf.NullValue;
import io.pipewright.core.snapshot.UserJson;
import io.pipewright.protocol.v1.Json;
import io.pipewright.protocol.v1.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link UserJson} trees to the flat, pre-order {@link Json} message and back. The encoding
 * and why it is not {@code google.protobuf.Value} are explained in {@code json.proto}.
 */
public final class JsonMapper {

  private JsonMapper() {}

  /**
   * Encodes a JSON tree: a {@link UserJson} canonical one, or any tree that {@link
   * UserJson#canonical} accepts (integers of every kind, floats), without copying it first.
   *
   * @param tree the tree; null encodes as no nodes
   * @return the message
   * @throws IllegalArgumentException if the tree holds anything else
   */
  public static Json toProto(Object tree) {
    if (tree == null) {
      return Json.getDefaultInstance();
    }
    Json.Builder json = Json.newBuilder();
    encode(tree, "", json);
    return json.build();
  }

  private static void encode(Object value, String key, Json.Builder out) {
    JsonNode.Builder node = JsonNode.newBuilder().setKey(key);
    if (value == null) {
      out.addNodes(node.setNullValue(NullValue.NULL_VALUE));
    } else if (value instanceof String s) {
      out.addNodes(node.setStringValue(s));
    } else if (value instanceof Boolean b) {
      out.addNodes(node.setBoolValue(b));
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      out.addNodes(node.setIntegerValue(((Number) value).longValue()));
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "Cannot encode " + d + " as JSON; JSON numbers are finite");
      }
      out.addNodes(node.setNumberValue(d));
    } else if (value instanceof BigDecimal decimal) {
      out.addNodes(node.setDecimalValue(decimal.toString()));
    } else if (value instanceof BigInteger big) {
      if (big.bitLength() < Long.SIZE) {
        out.addNodes(node.setIntegerValue(big.longValue()));
      } else {
        out.addNodes(node.setDecimalValue(big.toString()));
      }
    } else if (value instanceof Map<?, ?> map) {
      out.addNodes(node.setObjectSize(map.size()));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String member)) {
          throw new IllegalArgumentException(
              "Cannot encode the JSON object key " + e.getKey() + "; keys must be Strings");
        }
        encode(e.getValue(), member, out);
      }
    } else if (value instanceof List<?> list) {
      out.addNodes(node.setArraySize(list.size()));
      for (Object item : list) {
        encode(item, "", out);
      }
    } else {
      throw new IllegalArgumentException(
          "Cannot encode a "
              + value.getClass().getName()
              + " as JSON; user JSON holds maps, lists, strings, booleans, numbers and nulls");
    }
  }

  /**
   * Decodes a message into a canonical JSON tree.
   *
   * @param json the message; no nodes decodes as null
   * @return the tree
   * @throws IllegalArgumentException if the nodes do not form exactly one tree, or nest deeper than
   *     {@link UserJson#MAX_DEPTH}
   */
  public static Object toCore(Json json) {
    if (json.getNodesCount() == 0) {
      return null;
    }
    int[] next = {0};
    Object tree = decode(json.getNodesList(), next, 0);
    if (next[0] != json.getNodesCount()) {
      throw new IllegalArgumentException(
          "Json message has "
              + (json.getNodesCount() - next[0])
              + " nodes after its root's tree; a Json holds exactly one tree");
    }
    return UserJson.canonical(tree, "JSON");
  }

  /**
   * Decodes a message that must hold a JSON object, such as a run config.
   *
   * @param json the message; no nodes decodes as the empty object
   * @param where what the object is, for error messages
   * @return the object
   * @throws IllegalArgumentException if the message holds something other than an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toCoreObject(Json json, String where) {
    Object tree = toCore(json);
    if (tree == null) {
      return Map.of();
    }
    if (!(tree instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          where + " must be a JSON object, got a " + tree.getClass().getSimpleName());
    }
    return (Map<String, Object>) tree;
  }

  private static Object decode(List<JsonNode> nodes, int[] next, int depth) {
    if (next[0] >= nodes.size()) {
      throw new IllegalArgumentException(
          "Json message ends inside an array or object: it announces more children than it has");
    }
    if (depth > UserJson.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "Json message nests more than " + UserJson.MAX_DEPTH + " levels deep");
    }
    JsonNode node = nodes.get(next[0]++);
    if (node.getArraySize() < 0 || node.getObjectSize() < 0) {
      throw new IllegalArgumentException(
          "Json message announces more than 2^31 children for one array or object");
    }
    switch (node.getValueCase()) {
      case NULL_VALUE:
        return null;
      case BOOL_VALUE:
        return node.getBoolValue();
      case INTEGER_VALUE:
        return node.getIntegerValue();
      case NUMBER_VALUE:
        return node.getNumberValue();
      case DECIMAL_VALUE:
        return new BigDecimal(node.getDecimalValue());
      case STRING_VALUE:
        return node.getStringValue();
      case ARRAY_SIZE:
        {
          int size = node.getArraySize();
          List<Object> list = new ArrayList<>(Math.min(size, nodes.size()));
          for (int i = 0; i < size; i++) {
            list.add(decode(nodes, next, depth + 1));
          }
          return list;
        }
      case OBJECT_SIZE:
        {
          int size = node.getObjectSize();
          Map<String, Object> map = new LinkedHashMap<>(Math.max(4, Math.min(size, nodes.size())));
          for (int i = 0; i < size; i++) {
            String key = next[0] < nodes.size() ? nodes.get(next[0]).getKey() : "";
            if (map.containsKey(key)) {
              throw new IllegalArgumentException(
                  "Json message has the key '" + key + "' twice in one object");
            }
            map.put(key, decode(nodes, next, depth + 1));
          }
          return map;
        }
      default:
        throw Protos.unset("JsonNode", "value");
    }
  }
}
