#!/usr/bin/env bash
# Measures `execute-step` of the minimal code location app (minimal-location/), JVM mode: the time
# from exec to exit of one step (job `hello`), with a location server of the same app listening on
# the port the worker is configured with (a worker that bound the port would fail).
#
#   bash code-location-server/src/it/measure-step-worker.sh [runs]
#
# SKIP_BUILD=true reuses the last build of measure-startup.sh (which this script runs otherwise).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${1:-5}"
if [ "${SKIP_BUILD:-false}" != true ]; then
  bash "$here/measure-startup.sh" 0
fi
app="$here/minimal-location/target/quarkus-app"
jar="$app/quarkus-run.jar"
classpath=$(ls "$app"/lib/main/*.jar | tr '\n' ':')
args=$(java -cp "$classpath" "$here/EncodeStepArgs.java" minimal-location hello hello)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
QUARKUS_HTTP_PORT="$port" java -jar "$jar" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do sleep 0.05; done

echo "java: $(java -version 2>&1 | head -1); server on port $port; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  out=$(mktemp)
  start=$(date +%s%N)
  code=0
  QUARKUS_HTTP_PORT="$port" java -jar "$jar" execute-step --args "$args" >"$out" 2>/dev/null || code=$?
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "run $i: exit $code after ${took} ms; $(wc -l <"$out") events on standard output"
  rm -f "$out"
done
