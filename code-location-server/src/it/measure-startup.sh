#!/usr/bin/env bash
# Measures the start time and idle memory of the minimal code location app (minimal-location/).
#
#   bash code-location-server/src/it/measure-startup.sh [runs] [extra JVM options...]
#
# Environment: APPCDS=true packages the app with an AppCDS archive
# (quarkus.package.jar.appcds.enabled) and starts it with -XX:SharedArchiveFile; SKIP_BUILD=true
# reuses the last build.
#
# Builds the server into a throwaway local repository (/tmp/cls-m2, reading everything else from
# ~/.m2 as a read-only tail, so that ~/.m2 never holds this checkout's snapshots), packages the app
# with quarkus-maven-plugin, then starts `java -jar target/quarkus-app/quarkus-run.jar` several
# times on a free port. For each run it reports Quarkus's own "started in" figure, the wall-clock
# time from exec to the first 200 of /q/health/ready (gRPC server included), and VmRSS from
# /proc/<pid>/status after 5 seconds idle.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
runs="${1:-5}"
shift || true
local_repo=/tmp/cls-m2
maven_repo=(-Dmaven.repo.local="$local_repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")

app="$here/minimal-location/target/quarkus-app"
jvm=("$@")
if [ "${SKIP_BUILD:-false}" != true ]; then
  (cd "$repo" && ./mvnw -B -ntp -q -pl code-location-server -am install -DskipTests "${maven_repo[@]}")
  (cd "$here/minimal-location" &&
    "$repo/mvnw" -B -ntp -q package "${maven_repo[@]}" \
      -Dquarkus.package.jar.appcds.enabled="${APPCDS:-false}")
fi
if [ "${APPCDS:-false}" = true ]; then
  jvm+=(-XX:SharedArchiveFile="$app/app-cds.jsa")
fi

jar="$app/quarkus-run.jar"
echo "java: $(java -version 2>&1 | head -1); JVM options: ${jvm[*]:-(none)}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  log=$(mktemp)
  start=$(date +%s%N)
  java ${jvm[@]+"${jvm[@]}"} -Dquarkus.http.port="$port" -jar "$jar" >"$log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; exit 1; fi
    sleep 0.02
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  started=$(grep -o 'started in [0-9.]*s' "$log" | head -1)
  echo "run $i: Quarkus $started; ready (health 200) after ${ready} ms; idle VmRSS $((rss / 1024)) MiB"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
done
