package io.pipewright.executor.k8s.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a JSON fragment against a fabric8 model class (its Jackson properties) and returns it
 * normalized: Dagster-style snake_case property names become Kubernetes's camelCase, quantities
 * become strings. Every problem is reported with its path, all at once.
 *
 * <p>Why not just let Jackson bind the fragment: fabric8's models keep unknown fields in an
 * "additional properties" map instead of failing, and Jackson coerces {@code 5} to the string
 * {@code "5"}, which the API server later rejects; users would learn of a typo only when the pod
 * misbehaves. The walk reads the models' properties through Jackson's own introspection (the
 * reflection Jackson needs to bind them anyway; a native image registers the fabric8 models for
 * it).
 */
final class ModelSchema {

  /**
   * Kubernetes's quantity syntax: a decimal number and an optional SI, binary or exponent suffix.
   */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

  /**
   * Properties an item must have: the keys lists are merged by, and what the API server requires.
   */
  private static final Map<Class<?>, List<String>> REQUIRED =
      Map.of(
          EnvVar.class, List.of("name"),
          Volume.class, List.of("name"),
          VolumeMount.class, List.of("name", "mountPath"),
          LocalObjectReference.class, List.of("name"),
          Container.class, List.of("name", "image"),
          ConfigMapKeySelector.class, List.of("name", "key"),
          SecretKeySelector.class, List.of("name", "key"));

  private final ObjectMapper mapper;
  private final Map<Class<?>, Map<String, JavaType>> properties = new ConcurrentHashMap<>();

  ModelSchema(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Checks and normalizes a fragment.
   *
   * @param node the fragment
   * @param type the model class it must fit
   * @param path its path, for messages
   * @param problems where problems are added, each as {@code path: message}
   * @return the normalized fragment (partial when there are problems)
   */
  JsonNode normalize(JsonNode node, Class<?> type, String path, List<String> problems) {
    // The root is the fragment of an object Pipewright completes (its container, its pod spec):
    // what the model requires of list items is not required of it.
    return bean(node, type, path, problems, false);
  }

  private JsonNode normalize(JsonNode node, JavaType type, String path, List<String> problems) {
    if (node == null || node.isNull()) {
      // null removes the key from lower layers when merged.
      return NullNode.getInstance();
    }
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      if (!node.isTextual()) {
        problems.add(path + ": expected a string, got " + node + quoteHint(node));
      }
      return node;
    }
    if (raw == Integer.class
        || raw == int.class
        || raw == Long.class
        || raw == long.class
        || raw == Short.class
        || raw == short.class) {
      if (!node.isIntegralNumber()) {
        problems.add(path + ": expected a whole number, got " + node);
      }
      return node;
    }
    if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
      if (!node.isNumber()) {
        problems.add(path + ": expected a number, got " + node);
      }
      return node;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (!node.isBoolean()) {
        problems.add(path + ": expected true or false, got " + node);
      }
      return node;
    }
    if (raw == Quantity.class) {
      return quantity(node, path, problems);
    }
    if (raw == IntOrString.class) {
      if (!node.isIntegralNumber() && !node.isTextual()) {
        problems.add(path + ": expected a whole number or a string, got " + node);
      }
      return node;
    }
    if (type.isMapLikeType()) {
      if (!node.isObject()) {
        problems.add(path + ": expected an object, got " + describe(node));
        return node;
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(
            e.getKey(),
            normalize(e.getValue(), type.getContentType(), Paths.key(path, e.getKey()), problems));
      }
      return out;
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      if (!node.isArray()) {
        problems.add(path + ": expected a list, got " + describe(node));
        return node;
      }
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        String itemPath = path + "[" + i + "]";
        if (node.get(i).isNull()) {
          problems.add(itemPath + ": a list item may not be null");
          continue;
        }
        out.add(normalize(node.get(i), type.getContentType(), itemPath, problems));
      }
      return out;
    }
    if (raw == Object.class
        || JsonNode.class.isAssignableFrom(raw)
        || raw.isInterface()
        || raw.isEnum()
        || !KubernetesResource.class.isAssignableFrom(raw)) {
      // Free-form or polymorphic values: the API server is the judge.
      return node;
    }
    return bean(node, raw, path, problems, true);
  }

  private JsonNode bean(
      JsonNode node, Class<?> raw, String path, List<String> problems, boolean checkRequired) {
    if (!node.isObject()) {
      problems.add(path + ": expected an object, got " + describe(node));
      return node;
    }
    Map<String, JavaType> known = propertiesOf(raw);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      String fieldPath = Paths.key(path, name);
      JavaType fieldType = known.get(name);
      if (fieldType == null) {
        String camel = camelCase(name);
        if (!camel.equals(name) && known.containsKey(camel)) {
          if (node.has(camel)) {
            problems.add(
                fieldPath + ": set twice, as '" + name + "' and '" + camel + "'; keep one");
            continue;
          }
          name = camel;
          fieldType = known.get(camel);
        } else {
          problems.add(fieldPath + ": unknown field" + suggestion(name, known.keySet()));
          continue;
        }
      }
      out.set(name, normalize(e.getValue(), fieldType, Paths.key(path, name), problems));
    }
    for (String required :
        checkRequired ? REQUIRED.getOrDefault(raw, List.of()) : List.<String>of()) {
      JsonNode value = out.get(required);
      if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
        problems.add(Paths.key(path, required) + ": required");
      }
    }
    return out;
  }

  private Map<String, JavaType> propertiesOf(Class<?> raw) {
    return properties.computeIfAbsent(
        raw,
        c -> {
          BeanDescription description =
              mapper.getDeserializationConfig().introspect(mapper.constructType(c));
          Map<String, JavaType> byName = new LinkedHashMap<>();
          for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.couldDeserialize() && !property.getName().equals("additionalProperties")) {
              byName.put(property.getName(), property.getPrimaryType());
            }
          }
          return Map.copyOf(byName);
        });
  }

  private static JsonNode quantity(JsonNode node, String path, List<String> problems) {
    if (node.isNumber()) {
      return JsonNodeFactory.instance.textNode(node.asText());
    }
    if (!node.isTextual() || !QUANTITY.matcher(node.asText()).matches()) {
      problems.add(
          path
              + ": "
              + node
              + " is not a Kubernetes quantity (such as 512Mi, 2Gi, 500m or 1.5: a number and"
              + " an optional suffix Ki, Mi, Gi, Ti, m, k, M, G, T)");
    }
    return node;
  }

  private static String quoteHint(JsonNode node) {
    return node.isValueNode() ? " (write it in quotes: \"" + node.asText() + "\")" : "";
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.toString();
  }

  static String camelCase(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        upper = out.length() > 0;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** "; did you mean 'x'?" for the closest known name within a few edits, else the known names. */
  static String suggestion(String name, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    StringBuilder all = new StringBuilder();
    for (Iterator<String> it = known.iterator(); it.hasNext(); ) {
      String candidate = it.next();
      all.append(all.length() == 0 ? "" : ", ").append(candidate);
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 4)) {
      return "; did you mean '" + best + "'?";
    }
    return all.length() == 0 ? "" : "; known fields: " + all;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
