#!/usr/bin/env bash
# Runs every test of Portolan: the JUnit suites of both modules, on JDK 17 and, when it is
# installed beside it, on JDK 25. For each JDK it also installs the kernel into a temporary
# Jupyter directory (never touching your own kernelspecs) and runs the Python-level tests
# against it through Jupyter: the jupyter_kernel_test conformance suite, an nbclient notebook run
# and the kernel survival tests (kernel/jupyter/src/test/python), then the real-browser test
# (kernel/jupyter/src/test/browser/run.sh: classic Jupyter Notebook in headless Chromium; it
# installs Chromium, Node.js and playwright-core when they are missing).
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

# Jupyter runs on Debian's Python; the first python3 on PATH may be another one without it.
python=${PORTOLAN_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import jupyter_client, jupyter_kernel_test, nbclient' 2>/dev/null; then
  echo "test.sh: $python cannot import jupyter_client, jupyter_kernel_test and nbclient, which the" >&2
  echo "kernel tests need. On Debian/Ubuntu: sudo apt-get install jupyter-notebook python3-jupyter-client" >&2
  echo "python3-nbclient python3-jupyter-kernel-test (or run .ci/run); elsewhere set PORTOLAN_PYTHON" >&2
  echo "to a Python that has them." >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf -- "$scratch"' EXIT

for jdk in "${jdks[@]}"; do
  echo "== tests on $("$jdk/bin/java" -version 2>&1 | head -n1) ($jdk)"
  JAVA_HOME="$jdk" mvn -B -q -ntp verify

  echo "== kernel tests through Jupyter on $jdk"
  jupyter_dir="$scratch/$(basename "$jdk")"
  PORTOLAN_PYTHON="$python" install/install.sh --prefix "$jupyter_dir/prefix" --java "$jdk" \
    --no-build --no-open >/dev/null </dev/null
  # Only the temporary kernelspec is visible; connection files and the kernel history stay inside it.
  JUPYTER_PATH="$jupyter_dir/prefix/share/jupyter" JUPYTER_DATA_DIR="$jupyter_dir/data" \
    JUPYTER_RUNTIME_DIR="$jupyter_dir/runtime" JUPYTER_CONFIG_DIR="$jupyter_dir/config" \
    XDG_DATA_HOME="$jupyter_dir/xdg" \
    "$python" kernel/jupyter/src/test/python/run_tests.py

  echo "== browser test on $jdk"
  PORTOLAN_PYTHON="$python" kernel/jupyter/src/test/browser/run.sh "$jupyter_dir/prefix/share/jupyter" \
    "notebook-$(basename "$jdk")"
done
