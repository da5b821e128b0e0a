#!/usr/bin/env bash
# Runs every test of Portolan: the JUnit suites of both modules, on JDK 17 and, when it is
# installed beside it, on JDK 25.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

jdks=()
for candidate in "${PORTOLAN_TEST_JDKS:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && jdks+=("$candidate")
done
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi

for jdk in "${jdks[@]}"; do
  echo "== tests on $("$jdk/bin/java" -version 2>&1 | head -n1) ($jdk)"
  JAVA_HOME="$jdk" mvn -B -q -ntp verify
done
