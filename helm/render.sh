#!/bin/sh
# Renders the chart with its default values into k8s/pipewright.yaml (plain manifests, release
# "pipewright", namespace "pipewright"). HelmChartTest (executor-k8s) checks that the two agree.
set -eu
cd "$(dirname "$0")/.."
command -v helm >/dev/null || { echo "helm is not installed (https://helm.sh/docs/intro/install/)" >&2; exit 1; }
helm template pipewright helm/pipewright --namespace pipewright > k8s/pipewright.yaml
echo "wrote k8s/pipewright.yaml"
