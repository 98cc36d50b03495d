package io.pipewright.executor.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.executor.k8s.MergeBehavior;
import java.util.Map;

/**
 * Merges one layer of pod settings onto the layers below ({@link MergeBehavior}). Pure: the inputs
 * are never changed.
 */
public final class TreeMerge {

  private TreeMerge() {}

  /**
   * Merges {@code upper} onto {@code lower}.
   *
   * @param lower the lower layers' tree
   * @param upper the layer being applied
   * @param behavior how (the upper layer's merge behaviour)
   * @return a new tree
   */
  public static ObjectNode merge(ObjectNode lower, ObjectNode upper, MergeBehavior behavior) {
    ObjectNode out = lower.deepCopy();
    for (Map.Entry<String, JsonNode> e : upper.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      JsonNode existing = out.get(key);
      if (value.isNull()) {
        out.remove(key);
      } else if (behavior == MergeBehavior.DEEP
          && existing != null
          && existing.isObject()
          && value.isObject()) {
        out.set(key, merge((ObjectNode) existing, (ObjectNode) value, behavior));
      } else if (behavior == MergeBehavior.DEEP
          && existing != null
          && existing.isArray()
          && value.isArray()) {
        out.set(key, mergeLists(key, (ArrayNode) existing, (ArrayNode) value));
      } else {
        out.set(key, withoutNulls(value));
      }
    }
    return out;
  }

  /** The key that identifies an item of a list field, for merging by key. */
  static String itemKey(String listField) {
    switch (listField) {
      case "volumeMounts":
        return "mountPath";
      case "volumeDevices":
        return "devicePath";
      default:
        return "name";
    }
  }

  private static ArrayNode mergeLists(String field, ArrayNode lower, ArrayNode upper) {
    String key = itemKey(field);
    ArrayNode out = lower.deepCopy();
    boolean keyed = allKeyed(lower, key) && allKeyed(upper, key);
    for (JsonNode item : upper) {
      JsonNode copy = withoutNulls(item);
      if (keyed) {
        int at = indexOf(out, key, item.get(key).asText());
        if (at >= 0) {
          out.set(at, copy);
        } else {
          out.add(copy);
        }
      } else if (!contains(out, copy)) {
        out.add(copy);
      }
    }
    return out;
  }

  private static boolean allKeyed(ArrayNode list, String key) {
    for (JsonNode item : list) {
      if (!item.isObject() || !item.path(key).isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(ArrayNode list, String key, String value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path(key).asText().equals(value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode item) {
    for (JsonNode existing : list) {
      if (existing.equals(item)) {
        return true;
      }
    }
    return false;
  }

  /** A copy without null-valued keys: a null only means "remove" while merging. */
  static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      for (JsonNode item : node) {
        out.add(withoutNulls(item));
      }
      return out;
    }
    return node;
  }
}
