#!/usr/bin/env bash
# Proves that the build rules bite: that `validate` FAILS when the code breaks them.
#
#   bash build-rules/selftest.sh
#
# It copies the working tree (tracked and untracked-but-not-ignored files, so no target/) to a
# temporary directory, injects one violation at a time, runs `./mvnw -q -o -pl <module> validate`
# there and asserts that it fails with the expected message; then it asserts that the clean copy
# passes. Your own tree is never modified.
#
# Not part of .ci/run: it takes ten offline Maven runs (one to two minutes). Run it after changing
# the Spotless or Checkstyle setup in pom.xml, or anything in build-rules/.
# It runs Maven offline (-o): the plugins must already be in ~/.m2, which any earlier build of this
# repository (`scripts/test-all`) has done.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pipewright-selftest.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$repo" && while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done) |
  (cd "$repo" && tar --null -T - -cf -) |
  tar -xf - -C "$work"
cd "$work"

passed=0
failed=0
log="$work/.selftest-maven.log"

validate() { # module
  ./mvnw -B -ntp -q -o -pl "$1" validate </dev/null >"$log" 2>&1
}

fail_case() { # name, reason
  failed=$((failed + 1))
  echo "FAIL  $1: $2"
  echo "      Maven output:"
  if [ -s "$log" ]; then sed 's/^/      | /' "$log" | tail -n 40; else echo "      (none)"; fi
}

# expect_failure NAME MODULE FILE EXPECTED_MESSAGE...: FILE's content comes from stdin; it exists
# only for this run, so that each case sees exactly one violation. Maven must log every
# EXPECTED_MESSAGE.
expect_failure() {
  local name="$1" module="$2" file="$3" expected missing=""
  shift 3
  mkdir -p "$(dirname "$file")"
  cat >"$file"
  if validate "$module"; then
    fail_case "$name" "validate passed, but it must reject $file"
  else
    for expected in "$@"; do
      grep -qF -- "$expected" "$log" || missing="$missing '$expected'"
    done
    if [ -n "$missing" ]; then
      fail_case "$name" "validate failed, but without the expected message(s):$missing"
    else
      passed=$((passed + 1))
      echo "ok    $name"
    fi
  fi
  rm -f "$file"
}

# expect_success NAME MODULE [FILE]: validate must pass; FILE (content from stdin), when given, is
# a legitimate addition that exists only for this run, to show a rule does not over-reach.
expect_success() {
  local name="$1" module="$2" file="${3:-}"
  if [ -n "$file" ]; then
    mkdir -p "$(dirname "$file")"
    cat >"$file"
  fi
  if validate "$module"; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    fail_case "$name" "validate failed${file:+ with the legitimate $file}"
  fi
  [ -z "$file" ] || rm -f "$file"
}

# A clean copy must pass first: otherwise the failures below would prove nothing (a missing plugin
# in ~/.m2 would make every case "fail as expected").
expect_success "clean core passes validate" core
if [ "$failed" -ne 0 ]; then
  echo "selftest: the clean copy does not validate. Fix that first (or run scripts/test-all online"
  echo "once, so that the plugins are in ~/.m2)."
  exit 1
fi

core_pkg=core/src/main/java/io/pipewright/core/run
sdk_pkg=sdk/src/main/java/io/pipewright/sdk

# Spotless names the rejected file under a heading that says what is wrong.
expect_failure "spotless rejects unformatted code" core "$core_pkg/BadlyFormatted.java" \
  "format violations" "BadlyFormatted.java" <<'EOF'
package io.pipewright.core.run;
final class   BadlyFormatted{int x=1;}
EOF

expect_failure "core must not import Jackson" core "$core_pkg/UsesJackson.java" \
  "Disallowed import - com.fasterxml.jackson.databind.ObjectMapper" <<'EOF'
package io.pipewright.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;

final class UsesJackson {
  ObjectMapper mapper;
}
EOF

expect_failure "core must not import the sdk" core "$core_pkg/UsesSdk.java" \
  "Disallowed import - io.pipewright.sdk.Definitions" <<'EOF'
package io.pipewright.core.run;

import io.pipewright.sdk.Definitions;

final class UsesSdk {
  Definitions definitions;
}
EOF

expect_failure "core must not import sdk-testing" core "$core_pkg/UsesSdkTesting.java" \
  "Disallowed import - io.pipewright.sdk.testing.OpTester" <<'EOF'
package io.pipewright.core.run;

import io.pipewright.sdk.testing.OpTester;

final class UsesSdkTesting {
  OpTester tester;
}
EOF

expect_failure "sdk must not import core" sdk "$sdk_pkg/UsesCore.java" \
  "Disallowed import - io.pipewright.core.run.RunStatus" <<'EOF'
package io.pipewright.sdk;

import io.pipewright.core.run.RunStatus;

final class UsesCore {
  RunStatus status;
}
EOF

expect_failure "sdk must not import other libraries" sdk "$sdk_pkg/UsesSlf4j.java" \
  "Disallowed import - org.slf4j.Logger" <<'EOF'
package io.pipewright.sdk;

import org.slf4j.Logger;

final class UsesSlf4j {
  Logger logger;
}
EOF

examples_pkg=examples/etl/src/main/java/io/pipewright/examples/etl

expect_failure "examples must not import sdk internals" examples/etl \
  "$examples_pkg/UsesSdkInternals.java" \
  "Disallowed import - io.pipewright.sdk.internal.Engine" <<'EOF'
package io.pipewright.examples.etl;

import io.pipewright.sdk.internal.Engine;

final class UsesSdkInternals {
  Engine engine;
}
EOF

expect_success "examples may import the sdk's public API" examples/etl \
  "$examples_pkg/UsesSdk.java" <<'EOF'
package io.pipewright.examples.etl;

import io.pipewright.sdk.Definitions;

final class UsesSdk {
  Definitions definitions;
}
EOF

# With every violation removed again, the copy must be back to passing.
expect_success "clean core passes validate again" core

echo "selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
