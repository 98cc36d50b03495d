#!/usr/bin/env bash
# Runs the Kubernetes step launcher's end-to-end tests (executor-k8s, K8sStepLauncherE2eIT: the
# StepLauncher contract suite, a real image pull failure, a real OOM kill, three API calls per
# successful step) against a real cluster, with the Maven profile -Pe2e.
#
#   executor-k8s/src/it/e2e-kind.sh
#       makes a kind cluster "pipewright-e2e" (needs docker, kind and kubectl), preloads the worker
#       image, runs the tests, deletes the cluster (KEEP_CLUSTER=1 keeps it)
#   KUBECONFIG=/path/to/config executor-k8s/src/it/e2e-kind.sh
#       uses that cluster as it is (needs kubectl; the cluster is never deleted)
#
# Environment: E2E_NAMESPACE (pipewright-e2e; created, and deleted afterwards), E2E_IMAGE
# (busybox:1.36; needs sh, sleep and tail), KEEP_CLUSTER. The tests run with the kubeconfig's
# identity; the rules the daemon needs are in docs/kubernetes.md ("RBAC").
set -euo pipefail

repo=$(cd "$(dirname "$0")/../../.." && pwd)
namespace=${E2E_NAMESPACE:-pipewright-e2e}
image=${E2E_IMAGE:-busybox:1.36}
cluster=pipewright-e2e
created=""

need() {
  command -v "$1" >/dev/null || { echo "e2e-kind.sh needs $1 on the PATH: $2" >&2; exit 2; }
}
need kubectl "https://kubernetes.io/docs/tasks/tools/"

if [[ -z "${KUBECONFIG:-}" ]]; then
  need kind "https://kind.sigs.k8s.io, or set KUBECONFIG to use another cluster"
  need docker "kind runs its nodes as containers"
  if ! kind get clusters 2>/dev/null | grep -qx "$cluster"; then
    kind create cluster --name "$cluster" --wait 120s
    created=$cluster
  fi
  KUBECONFIG=$(mktemp)
  export KUBECONFIG
  kind get kubeconfig --name "$cluster" >"$KUBECONFIG"
  # Preloaded, so that the tests do not depend on a registry's availability or rate limits.
  docker pull -q "$image" >/dev/null && kind load docker-image "$image" --name "$cluster"
fi

cleanup() {
  kubectl delete namespace "$namespace" --wait=false --ignore-not-found || true
  if [[ -n "$created" && -z "${KEEP_CLUSTER:-}" ]]; then
    kind delete cluster --name "$created"
  fi
}
trap cleanup EXIT

kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -

cd "$repo"
./mvnw -B -ntp -pl executor-k8s -am -Pe2e verify \
  -Dtest=K8sStepLauncherE2eIT -Dsurefire.failIfNoSpecifiedTests=false \
  -De2e.namespace="$namespace" -De2e.image="$image"
