package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Instant;

/**
 * What is known of a pod's node, for the node-lost rule.
 *
 * @param kind ready, not ready, missing, or unknown (nodes not watched, or the pod not on a node)
 * @param notReadySince when the node's Ready condition last changed away from True; null unless
 *     {@link Kind#NOT_READY}
 * @param detail the Ready condition's reason and message, for people; empty when none
 */
public record NodeReadiness(Kind kind, Instant notReadySince, String detail) {

  /** What is known of the node. */
  public enum Kind {
    /** Nothing: nodes are not watched, or the pod is not bound to a node. */
    UNKNOWN,
    /** The node reports Ready. */
    READY,
    /** The node's Ready condition is False or Unknown (it stopped reporting). */
    NOT_READY,
    /** The node object does not exist (any more). */
    MISSING
  }

  private static final NodeReadiness UNKNOWN = new NodeReadiness(Kind.UNKNOWN, null, "");
  private static final NodeReadiness READY = new NodeReadiness(Kind.READY, null, "");
  private static final NodeReadiness MISSING = new NodeReadiness(Kind.MISSING, null, "");

  /**
   * Nothing is known of the node.
   *
   * @return the readiness
   */
  public static NodeReadiness unknown() {
    return UNKNOWN;
  }

  /**
   * The node does not exist.
   *
   * @return the readiness
   */
  public static NodeReadiness missing() {
    return MISSING;
  }

  /**
   * Reads a node's Ready condition.
   *
   * @param node the node; null when it does not exist
   * @return the readiness
   */
  public static NodeReadiness of(Node node) {
    if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
      return MISSING;
    }
    if (node.getStatus() == null) {
      return UNKNOWN;
    }
    for (NodeCondition condition : node.getStatus().getConditions()) {
      if (!"Ready".equals(condition.getType())) {
        continue;
      }
      if ("True".equals(condition.getStatus())) {
        return READY;
      }
      Instant since = Times.parse(condition.getLastTransitionTime());
      String detail =
          "Ready="
              + condition.getStatus()
              + (condition.getReason() == null ? "" : ", " + condition.getReason())
              + (condition.getMessage() == null ? "" : ": " + condition.getMessage());
      return new NodeReadiness(Kind.NOT_READY, since == null ? Instant.EPOCH : since, detail);
    }
    return UNKNOWN;
  }
}
