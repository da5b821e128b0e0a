#!/usr/bin/env bash
# Sets Portolan up and opens the notebooks: installs what is missing (Debian/Ubuntu), checks the
# JDK, builds the kernel jar and registers the Jupyter kernelspec "portolan". Where Jupyter cannot
# be had, it still builds the jar and runs the lesson notebooks with the jar's own runner. --help.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kernel_name=portolan
jar_built="$root/kernel/jupyter/target/portolan.jar"
debian_packages=(jupyter-notebook python3-jupyter-client python3-nbclient)

usage() {
  cat <<'EOF'
Usage: install/install.sh [options]

Builds the Portolan kernel and registers it with Jupyter as "Java (Portolan)", then opens the
notebooks in Jupyter when run from an interactive terminal. Re-running it is harmless.

Where the kernel is registered (default: for the current user):
  --user           ~/.local/share/jupyter/kernels/portolan (the default)
  --sys-prefix     <python sys.prefix>/share/jupyter/kernels/portolan (e.g. /usr: needs root)
  --prefix DIR     DIR/share/jupyter/kernels/portolan (then run Jupyter with
                   JUPYTER_PATH=DIR/share/jupyter)
Other options:
  --java PATH      the JDK to run the kernel with: a java binary or a JDK directory (17 or newer,
                   with the jdk.jshell module). Default: $JAVA_HOME, then java on PATH.
  --no-build       do not run Maven; install kernel/jupyter/target/portolan.jar as it is
  --no-open        do not start Jupyter afterwards
  --run-notebooks  also run every lesson notebook without Jupyter (java -jar portolan.jar run)
                   into target/notebooks/, leaving the committed ones in notebooks/ untouched
  --without-jupyter  do not look for or install Jupyter: only build the jar and run the lesson
                   notebooks into target/notebooks/ (what happens by itself on a system other
                   than Debian/Ubuntu where no Python can import jupyter_client)
  --uninstall      remove the kernelspec from the chosen place (--user, --sys-prefix, --prefix)
  -h, --help       this text
EOF
}

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

mode=user prefix="" java_arg="" build=1 open=1 uninstall=0 run_notebooks=0 jupyter=1
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix)
      [ $# -ge 2 ] && [ -n "$2" ] || fail "--prefix needs a directory, e.g. --prefix /tmp/jupyter-env"
      mode=prefix prefix=$2; shift ;;
    --prefix=*) mode=prefix prefix=${1#--prefix=} ;;
    --java)
      [ $# -ge 2 ] && [ -n "$2" ] || fail "--java needs a java binary or a JDK directory, e.g. --java /usr/lib/jvm/java-17-openjdk-amd64"
      java_arg=$2; shift ;;
    --java=*) java_arg=${1#--java=} ;;
    --no-build) build=0 ;;
    --no-open) open=0 ;;
    --uninstall) uninstall=1 ;;
    --run-notebooks) run_notebooks=1 ;;
    --without-jupyter) jupyter=0 run_notebooks=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option '$1' (see the list above)" ;;
  esac
  shift
done
if [ "$mode" = prefix ]; then
  mkdir -p "$prefix" || fail "cannot create the --prefix directory '$prefix'"
  prefix=$(cd "$prefix" && pwd)
fi

# ---------------------------------------------------------------- system packages (Debian/Ubuntu)

is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "this step needs root and sudo is not installed; run as root: $*"
  fi
}

apt_updated=0
apt_install() {
  say "== installing Debian packages: $*"
  if [ $apt_updated -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || fail "apt-get update failed"
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    || fail "apt-get install $* failed"
}

missing_debian_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

# ---------------------------------------------------------------- Jupyter's Python

# The Python that runs Jupyter. Debian's is /usr/bin/python3; the first python3 on PATH may be
# another one (pyenv, conda) without Jupyter, so every candidate is asked to import jupyter_client.
find_jupyter_python() {
  local c
  for c in "${PORTOLAN_PYTHON:-}" /usr/bin/python3 "$(command -v python3 2>/dev/null || true)" /usr/local/bin/python3; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    if "$c" -c 'import jupyter_client, jupyter_core' >/dev/null 2>&1; then printf '%s\n' "$c"; return 0; fi
  done
  return 1
}

# Where --user / --sys-prefix / --prefix put the kernelspec, as Jupyter itself computes it.
kernelspec_dir() {
  "$py" - "$mode" "$prefix" "$kernel_name" <<'PY'
import os, sys
from jupyter_client.kernelspec import KernelSpecManager
mode, prefix, name = sys.argv[1:4]
if mode == "user":
    base = KernelSpecManager().user_kernel_dir
elif mode == "sys-prefix":
    base = os.path.join(sys.prefix, "share", "jupyter", "kernels")
else:
    base = os.path.join(os.path.abspath(prefix), "share", "jupyter", "kernels")
print(os.path.join(base, name))
PY
}


# ---------------------------------------------------------------- uninstall

if [ $uninstall -eq 1 ]; then
  py=$(find_jupyter_python) || fail "no Python with jupyter_client found, so there is no kernelspec to remove"
  dir=$(kernelspec_dir)
  if [ -f "$dir/kernel.json" ]; then
    rm -rf -- "$dir" || fail "cannot remove $dir (for --sys-prefix run as root)"
    say "Removed the Portolan kernelspec from $dir."
  else
    say "No Portolan kernelspec in $dir: nothing to remove."
  fi
  exit 0
fi

# ---------------------------------------------------------------- JDK

# Prints "<major> <java_home>" for a java binary that is 17+ with jdk.jshell and jdk.compiler.
check_java() {
  local java=$1 real major modules
  [ -x "$java" ] || return 1
  real=$(readlink -f "$java")
  major=$("$real" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  major=${major#1.}
  [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 17 ] || { why_not="$java is Java ${major:-?}; Portolan needs 17 or newer"; return 1; }
  modules=$("$real" --list-modules 2>/dev/null) || { why_not="$java --list-modules failed"; return 1; }
  grep -q '^jdk\.jshell@' <<<"$modules" && grep -q '^jdk\.compiler@' <<<"$modules" \
    || { why_not="$java is a JRE without the jdk.jshell/jdk.compiler modules; install a full JDK"; return 1; }
  printf '%s %s\n' "$major" "$(dirname "$(dirname "$real")")"
}

find_java() {
  local c found
  why_not=""
  if [ -n "$java_arg" ]; then
    c=$java_arg; [ -d "$c" ] && { [ -x "$c/bin/java" ] && c="$c/bin/java" || c="$c/java"; }
    check_java "$c" || fail "--java $java_arg: ${why_not:-not an executable java binary or JDK directory}"
    return 0
  fi
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)"; do
    [ -n "$c" ] || continue
    if found=$(check_java "$c"); then printf '%s\n' "$found"; return 0; fi
  done
  # The default java is missing or too old; take the newest suitable JDK installed beside it.
  for c in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V -r); do
    if found=$(check_java "$c"); then printf '%s\n' "$found"; return 0; fi
  done
  return 1
}

pick_jdk_package() {
  local p
  for p in openjdk-17-jdk-headless openjdk-21-jdk-headless openjdk-25-jdk-headless; do
    if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then printf '%s\n' "$p"; return 0; fi
  done
}

if ! java_info=$(find_java); then
  [ -z "$java_arg" ] || exit 1
  if is_debian; then
    jdk_package=$(pick_jdk_package)
    if [ -z "$jdk_package" ]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || fail "apt-get update failed"
      apt_updated=1
      jdk_package=$(pick_jdk_package)
    fi
    [ -n "$jdk_package" ] || fail "no JDK 17+ found and apt offers none of openjdk-17/21/25-jdk-headless; install a JDK and use --java"
    apt_install "$jdk_package"
    java_info=$(find_java) || fail "installed $jdk_package but still found no JDK 17+ with jdk.jshell"
  else
    fail "no JDK 17 or newer with the jdk.jshell module was found (looked at \$JAVA_HOME, java on
PATH and /usr/lib/jvm). Install one (e.g. Temurin 17/21/25 from https://adoptium.net, or your
system's openjdk-17-jdk package) and run this again, or point to it with --java /path/to/jdk."
  fi
fi
java_major=${java_info%% *}
java_home=${java_info#* }
java_bin="$java_home/bin/java"

# ---------------------------------------------------------------- Jupyter

no_jupyter_help="To use the notebooks in Jupyter, install Jupyter Notebook with your system's packages
(Fedora: dnf install python3-notebook; Arch: pacman -S jupyter-notebook; macOS: brew install
jupyterlab) or with pip (python3 -m pip install --user notebook jupyter_client nbclient), then run
install/install.sh again."
py=""
if [ $jupyter -eq 0 ]; then
  say "== --without-jupyter: no kernelspec; the kernel jar runs the lesson notebooks itself"
elif ! py=$(find_jupyter_python); then
  if is_debian; then
    mapfile -t missing < <(missing_debian_packages "${debian_packages[@]}")
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
    py=$(find_jupyter_python) || fail "installed ${debian_packages[*]} but /usr/bin/python3 still cannot import jupyter_client"
  else
    # Not Debian and no Jupyter: the jar alone can still run the notebooks (see below).
    say "== Jupyter was not found (no python3 here can import jupyter_client): the kernel is built and"
    say "   the lesson notebooks are run with its own runner instead, without Jupyter"
    jupyter=0 run_notebooks=1 py=""
  fi
elif is_debian; then
  # Jupyter is there; still add the Debian packages the notebooks use if some are missing.
  mapfile -t missing < <(missing_debian_packages "${debian_packages[@]}")
  if [ "$py" = /usr/bin/python3 ] && [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi

# ---------------------------------------------------------------- build

if [ $build -eq 1 ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    if is_debian; then apt_install maven
    else fail "Maven (mvn) is needed to build the kernel; install it (https://maven.apache.org) and run this again"
    fi
  fi
  say "== building the kernel with Maven on Java $java_major ($java_home)"
  (cd "$root" && JAVA_HOME="$java_home" mvn -B -q -ntp -Dstyle.color=never -DskipTests package) \
    || fail "the Maven build failed (see above); fix it and run this again"
fi
[ -f "$jar_built" ] || fail "$jar_built does not exist; run without --no-build to build it"

# ---------------------------------------------------------------- notebooks without Jupyter

# Runs every lesson notebook with the jar's headless runner (no Python needed) into
# target/notebooks/, so the committed notebooks in notebooks/ stay as they are.
run_notebooks_headless() {
  local out="$root/target/notebooks" nb failed=0 count=0
  mkdir -p "$out" || fail "cannot create $out"
  say "== running the lesson notebooks without Jupyter into $out"
  for nb in "$root"/notebooks/[0-9][0-9]-*.ipynb; do
    [ -f "$nb" ] || continue
    count=$((count + 1))
    if "$java_bin" -jar "$jar_built" run "$nb" --output "$out/$(basename "$nb")" >/dev/null; then
      say "   $(basename "$nb")"
    else
      say "   $(basename "$nb") FAILED (its error is in the output notebook)"; failed=$((failed + 1))
    fi
  done
  [ $count -gt 0 ] || { say "   no lesson notebooks (notebooks/NN-*.ipynb) found"; return 0; }
  say "The executed notebooks are in $out (open them in any notebook viewer or editor,"
  say "e.g. VS Code; GitHub shows the committed ones in notebooks/ the same way)."
  say "To run one notebook again after changing it:"
  say "  $java_bin -jar $jar_built run <notebook>.ipynb --output <executed>.ipynb"
  [ $failed -eq 0 ] || fail "$failed notebook(s) failed to run; see above"
}

if [ $jupyter -eq 0 ]; then
  run_notebooks_headless
  say
  say "$no_jupyter_help"
  exit 0
fi

# ---------------------------------------------------------------- kernelspec

dest=$(kernelspec_dir)
stage=$(mktemp -d)
trap 'rm -rf -- "$stage"' EXIT
cp "$jar_built" "$stage/portolan.jar"
cp "$root/install/logo-32x32.png" "$root/install/logo-64x64.png" "$stage/"
java_version=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p' | head -n1)
# The jar is copied next to kernel.json so that rebuilding the repository never changes a
# kernel that is already installed. kernel.json.in's JVM options suit the kernel process, which
# only routes messages (user code runs in the worker JVM it starts): serial GC, the C1 compiler
# only and a small initial heap keep it near 50 MB and quick to start.
# "@CACHE@" becomes the flags of the class-data file that train_kernel.py writes below: a
# class-data archive (kernel.jsa) before JDK 25, an ahead-of-time cache (kernel.aot) from JDK 25 on,
# where classes come loaded and linked. The JVM runs without either when it is missing.
"$py" - "$root/install/kernel.json.in" "$stage/kernel.json" \
    "$java_bin" "$dest/portolan.jar" "$java_home" "$java_version" "$dest" <<'PY'
import json, sys
template, out, java, jar, java_home, java_version, dest = sys.argv[1:8]
text = open(template, encoding="utf-8").read()
for key, value in (("JAVA", java), ("JAR", jar), ("JAVA_HOME", java_home), ("JAVA_VERSION", java_version)):
    text = text.replace("@%s@" % key, json.dumps(value)[1:-1])
spec = json.loads(text)  # the template must stay valid JSON once filled
feature = int(java_version.split(".")[0].split("-")[0])
cache = (["-XX:AOTCache=%s/kernel.aot" % dest, "-Xlog:cds*=off", "-Xlog:aot*=off"] if feature >= 25
         else ["-XX:SharedArchiveFile=%s/kernel.jsa" % dest, "-Xlog:cds*=off"])
at = spec["argv"].index("@CACHE@")
spec["argv"][at:at + 1] = cache
open(out, "w", encoding="utf-8").write(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")
PY

install_args=(--name "$kernel_name")
case "$mode" in
  user) install_args+=(--user) ;;
  sys-prefix) install_args+=(--sys-prefix) ;;
  prefix) install_args+=(--prefix "$prefix") ;;
esac
"$py" -m jupyter_client.kernelspecapp install "${install_args[@]}" "$stage" >/dev/null 2>"$stage.log" \
  || { cat "$stage.log" >&2; rm -f "$stage.log"; fail "jupyter kernelspec install failed (for --sys-prefix run as root)"; }
rm -f "$stage.log"
[ -f "$dest/kernel.json" ] && [ -f "$dest/portolan.jar" ] \
  || fail "the kernelspec was installed somewhere else than expected ($dest); please report this"
say "== registered the kernel \"Java (Portolan)\" (name $kernel_name, Java $java_version) in $dest"
# The class-data archive or ahead-of-time cache of what a kernel start loads, written by one
# training start of the installed kernel (it must name the installed jar); without it the kernel
# only starts slower.
if "$py" "$root/install/train_kernel.py" "$dest"; then
  say "== wrote the kernel's class-data file $(cd "$dest" && ls kernel.jsa kernel.aot 2>/dev/null) (quicker starts)"
else
  say "note: could not write the kernel's class-data archive; the kernel works, but starts slower"
fi
# JDK 25+: the worker's ahead-of-time cache (JShell and javac loaded and linked), from one
# training run of the worker; on older JDKs the worker makes its own class-data archive.
if [ "${java_version%%.*}" -ge 25 ] 2>/dev/null; then
  if "$java_bin" -jar "$dest/portolan.jar" prepare-worker; then
    say "== wrote the worker's ahead-of-time cache in $dest (quicker first cell)"
  else
    say "note: could not write the worker's ahead-of-time cache; the kernel works, but its first cell is slower"
  fi
fi

# A --prefix install is only found when Jupyter is told about the prefix.
jupyter_env=""
if [ "$mode" = prefix ]; then
  export JUPYTER_PATH="$prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
  jupyter_env="JUPYTER_PATH=$JUPYTER_PATH"
fi
# Is it the one Jupyter will pick? Another "portolan" earlier on the search path would shadow it.
found=$("$py" -c 'from jupyter_client.kernelspec import KernelSpecManager as M
print(M().get_kernel_spec("portolan").resource_dir)' 2>/dev/null || true)
if [ "$found" != "$dest" ]; then
  say "warning: Jupyter resolves the kernel \"$kernel_name\" to ${found:-nothing}, not $dest."
  say "         Remove the other one (install/install.sh --uninstall with its option) or set JUPYTER_PATH."
fi

# ---------------------------------------------------------------- open the notebooks

notebooks="$root/notebooks"
[ -d "$notebooks" ] || notebooks=$root

how_to_open() {
  say
  say "To open the notebooks:"
  if "$py" -c 'import notebook' >/dev/null 2>&1; then
    say "  ${jupyter_env:+$jupyter_env }$py -m notebook $notebooks"
  else
    say "  install Jupyter Notebook, then: jupyter notebook $notebooks"
  fi
  say "To run a notebook without Jupyter (or all lessons: install/install.sh --run-notebooks):"
  say "  $java_bin -jar $dest/portolan.jar run $notebooks/<notebook>.ipynb --output <executed>.ipynb"
}

[ $run_notebooks -eq 0 ] || run_notebooks_headless

interactive=0
[ -t 0 ] && [ -t 1 ] && [ -z "${CI:-}" ] && interactive=1
if [ $open -eq 1 ] && [ $interactive -eq 1 ] && "$py" -c 'import notebook' >/dev/null 2>&1; then
  say "== opening $notebooks in Jupyter Notebook (Ctrl-C to stop)"
  cd "$notebooks"
  rm -rf -- "$stage"; trap - EXIT
  root_flag=(); [ "$(id -u)" -ne 0 ] || root_flag=(--allow-root)  # Jupyter refuses root otherwise
  exec "$py" -m notebook "${root_flag[@]}" "$notebooks"
fi
how_to_open
