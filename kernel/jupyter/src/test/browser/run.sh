#!/usr/bin/env bash
# The real-browser test: starts Debian's classic Jupyter Notebook on 127.0.0.1 with an installed
# "portolan" kernelspec, and drives it with headless Chromium through playwright-core
# (notebook.mjs beside this file says what it checks). Exit status 0 only if every check passed.
#
#   run.sh JUPYTER_DIR [NAME]   JUPYTER_DIR/kernels/portolan/kernel.json is the kernel under test
#                               (install/install.sh --prefix P puts it in P/share/jupyter); NAME
#                               names the screenshot NAME.png and the log NAME-server.log
#                               (default: notebook)
#
# Installs what it lacks: Debian's chromium, fonts and nodejs/npm (apt-get, with sudo when not
# root), and the pinned playwright-core (npm ci into kernel/jupyter/target/browser-test, never a
# browser download). Environment: PORTOLAN_PYTHON (default /usr/bin/python3, which must have
# Jupyter Notebook), CHROMIUM (default /usr/bin/chromium). The screenshot and the notebook
# server's log are left in kernel/jupyter/target/browser-test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
out="$root/kernel/jupyter/target/browser-test"
python=${PORTOLAN_PYTHON:-/usr/bin/python3}
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() { printf 'browser test: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] && [ -f "$1/kernels/portolan/kernel.json" ] \
  || fail "usage: run.sh JUPYTER_DIR [NAME], where JUPYTER_DIR/kernels/portolan/kernel.json exists (got '${1:-}')"
kernels=$(cd "$1" && pwd)
shot="$out/${2:-notebook}.png"
log="$out/${2:-notebook}-server.log"

# ---------------------------------------------------------------- tools (Debian packages, npm)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "installing Debian packages needs root and sudo is missing; as root run: $*"
  fi
}

is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q 'install ok installed'; }

needed=()
[ -x "$chromium" ] || needed+=(chromium)
command -v node >/dev/null 2>&1 || needed+=(nodejs)
command -v npm >/dev/null 2>&1 || needed+=(npm)
if is_debian; then
  # Fonts for the screenshot; fonts-nanum because the notebook names a host 공유기.
  for p in fonts-liberation fonts-nanum; do installed "$p" || needed+=("$p"); done
fi
if [ ${#needed[@]} -gt 0 ]; then
  is_debian || fail "missing ${needed[*]}: install Chromium (or set CHROMIUM to its binary), Node.js 18+ and npm, then run this again"
  echo "== browser test: installing Debian packages: ${needed[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || fail "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${needed[@]}" \
    || fail "apt-get install ${needed[*]} failed"
fi
[ -x "$chromium" ] || fail "$chromium is not there; install Debian's chromium or set CHROMIUM to a Chromium binary"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || fail "Node.js $(node --version) is too old: playwright-core needs Node.js 18 or newer"
"$python" -c 'import notebook' 2>/dev/null \
  || fail "$python cannot import notebook: install Debian's jupyter-notebook (or set PORTOLAN_PYTHON)"

# playwright-core is the only npm package (no dependencies); its version is pinned in package.json
# and package-lock.json. It drives the Chromium installed above and downloads no browser.
mkdir -p "$out"
rm -f "$shot" "$log"
pinned=$(node -p "require('$here/package.json').dependencies['playwright-core']")
installed=$(node -p "try { require('$out/node_modules/playwright-core/package.json').version } catch (e) { '' }")
if [ "$installed" != "$pinned" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$out/"
  (cd "$out" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || fail "npm ci of playwright-core $pinned into $out failed (it needs the npm registry once)"
fi

# ---------------------------------------------------------------- notebook server

work=$(mktemp -d)
server=""
stop_server() {
  [ -n "$server" ] || return 0
  # The server's descendants (the kernel and its worker JVM) are collected first: jupyter_client
  # starts kernels in their own session, so only parentage finds them (proctree reads /proc).
  local tree p
  tree=$("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import proctree; print(*proctree.tree(int(sys.argv[2])))' \
    "$here/../python" "$server" 2>/dev/null || echo "$server")
  kill -TERM "$server" 2>/dev/null || true  # the server shuts its kernels down on SIGTERM
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  for p in $tree; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$server" 2>/dev/null || true
  server=""
}
browser=""
stop_browser() {
  if [ -n "$browser" ]; then
    kill -TERM "$browser" 2>/dev/null || true  # timeout passes it on; playwright-core then closes Chromium
    for _ in $(seq 50); do kill -0 "$browser" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$browser" 2>/dev/null || true
    wait "$browser" 2>/dev/null || true
    browser=""
  fi
  # A Chromium that a killed node left behind carries this run's marker on its command line.
  local d
  for d in /proc/[0-9]*; do
    if grep -qaF -- "--portolan-browser-test=$work" "$d/cmdline" 2>/dev/null; then kill -KILL "${d#/proc/}" 2>/dev/null || true; fi
  done
}
trap 'stop_browser; stop_server; rm -rf -- "$work"' EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/nb" "$work/runtime" "$work/config" "$work/data"
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$python" -c 'import secrets; print(secrets.token_hex(16))')
root_flag=(); [ "$(id -u)" -ne 0 ] || root_flag=(--allow-root)
JUPYTER_PATH="$kernels" JUPYTER_CONFIG_DIR="$work/config" JUPYTER_RUNTIME_DIR="$work/runtime" \
  JUPYTER_DATA_DIR="$work/data" XDG_DATA_HOME="$work/data" PYDEVD_DISABLE_FILE_VALIDATION=1 \
  "$python" -m notebook --no-browser "${root_flag[@]}" --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --NotebookApp.token="$token" --notebook-dir="$work/nb" >"$log" 2>&1 </dev/null &
server=$!
ready=0
for _ in $(seq 300); do
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; fail "the notebook server exited at start (log above)"; }
  if "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "http://127.0.0.1:$port/api/status?token=$token" 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
[ $ready -eq 1 ] || { cat "$log" >&2; fail "the notebook server did not answer on 127.0.0.1:$port within 30 s (log above)"; }

# ---------------------------------------------------------------- the browser

echo "== browser test: Chromium $("$chromium" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -n1)," \
  "playwright-core $pinned, Node.js $(node --version), notebook server on 127.0.0.1:$port"
start=$(date +%s)
status=0
# In the background, so that an INT or TERM to this script is handled at once (the EXIT trap
# then stops the browser and the server).
BASE="http://127.0.0.1:$port" TOKEN="$token" NB_DIR="$work/nb" CHROMIUM="$chromium" \
  PLAYWRIGHT_DIR="$out" SHOT="$shot" MARK="--portolan-browser-test=$work" \
  timeout -k 10 180 node "$here/notebook.mjs" &
browser=$!
wait "$browser" || status=$?
browser=""
stop_browser
stop_server
if [ $status -ne 0 ]; then
  echo "---- last 40 lines of the notebook server log ($log):" >&2
  tail -n 40 "$log" >&2
  [ $status -ne 124 ] || echo "browser test: stopped after 180 s" >&2
  fail "FAILED (exit $status) after $(($(date +%s) - start)) s; screenshot: $shot"
fi
echo "== browser test: passed in $(($(date +%s) - start)) s; screenshot: $shot"
