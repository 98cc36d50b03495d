/**
 * Runs each step attempt of a run as one Kubernetes Pod: the pod's layered settings ({@link
 * io.pipewright.executor.k8s.K8sConfig}, the {@code pipewright.io/k8s-config} tag), its identity
 * ({@link io.pipewright.executor.k8s.PodLabels}), what a launch needs ({@link
 * io.pipewright.executor.k8s.PodLaunchSpec}) and how a pod's fate is classified ({@link
 * io.pipewright.executor.k8s.PodOutcome}). Everything under {@code .internal} may change without
 * notice.
 */
package io.pipewright.executor.k8s;
