package io.pipewright.executor.k8s.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's environment as the kubelet resolves it: {@code envFrom} config maps and secrets
 * first, then {@code env} in order (values, {@code fieldRef}s, config map and secret keys). What
 * cannot be resolved fails as the kubelet's {@code CreateContainerConfigError} does.
 */
final class ContainerEnvironment {

  private ContainerEnvironment() {}

  /**
   * Resolves the environment of a pod's first container.
   *
   * @throws IllegalStateException with the kubelet's message when a reference cannot be resolved
   */
  static Map<String, String> resolve(KubernetesClient client, String namespace, Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      if (from.getConfigMapRef() != null) {
        ConfigMap map =
            client
                .configMaps()
                .inNamespace(namespace)
                .withName(from.getConfigMapRef().getName())
                .get();
        if (map == null) {
          throw new IllegalStateException(
              "configmap \"" + from.getConfigMapRef().getName() + "\" not found");
        }
        map.getData().forEach((k, v) -> env.put(prefix + k, v));
      }
      if (from.getSecretRef() != null) {
        Secret secret =
            client.secrets().inNamespace(namespace).withName(from.getSecretRef().getName()).get();
        if (secret == null) {
          throw new IllegalStateException(
              "secret \"" + from.getSecretRef().getName() + "\" not found");
        }
        secret.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
      }
    }
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), value(client, namespace, pod, var));
    }
    return env;
  }

  private static String value(KubernetesClient client, String namespace, Pod pod, EnvVar var) {
    if (var.getValueFrom() == null) {
      return var.getValue() == null ? "" : var.getValue();
    }
    var from = var.getValueFrom();
    if (from.getFieldRef() != null) {
      switch (from.getFieldRef().getFieldPath()) {
        case "metadata.name":
          return pod.getMetadata().getName();
        case "metadata.namespace":
          return namespace;
        case "spec.nodeName":
          return TestKubelet.NODE_NAME;
        default:
          return "";
      }
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
      if (map == null || !map.getData().containsKey(ref.getKey())) {
        throw new IllegalStateException(
            map == null
                ? "configmap \"" + ref.getName() + "\" not found"
                : "couldn't find key "
                    + ref.getKey()
                    + " in ConfigMap "
                    + namespace
                    + "/"
                    + ref.getName());
      }
      return map.getData().get(ref.getKey());
    }
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
      if (secret == null || !secret.getData().containsKey(ref.getKey())) {
        throw new IllegalStateException(
            secret == null
                ? "secret \"" + ref.getName() + "\" not found"
                : "couldn't find key "
                    + ref.getKey()
                    + " in Secret "
                    + namespace
                    + "/"
                    + ref.getName());
      }
      return decode(secret.getData().get(ref.getKey()));
    }
    return "";
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
