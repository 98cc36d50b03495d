package io.pipewright.executor.k8s.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The JSON mappers of this module, shared: both are thread-safe once configured. */
public final class Json {

  /**
   * Reads the {@code pipewright.io/k8s-config} tag: strict about duplicate keys and trailing text,
   * which a lenient reader would silently resolve to something the user did not mean.
   */
  static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** fabric8's own (de)serialization, which knows its models' custom types. */
  public static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private Json() {}
}
