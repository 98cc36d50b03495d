/**
 * The daemon's side of the Kubernetes step launcher ({@code executor-k8s}): the run lookup it asks
 * (from the run store), the copy of container logs into compute logs, and the launcher's lifecycle
 * bound to the daemon's leadership (informers run only in the leader). See {@code
 * docs/kubernetes.md}.
 */
package io.pipewright.daemon.launch.k8s;
