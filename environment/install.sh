#!/usr/bin/env bash
# Sets up Jupyter and the "Java (rqa toolkit)" kernel for this checkout. Safe to run again: every
# step checks first and does only what is missing.
#
#   environment/install.sh [--user] [--xmx SIZE] [--djl-online] [--ijava[=JAR]] [--rebuild]
#
# Steps:
#   1. Debian packages for headless notebook execution (jupyter nbconvert, nbclient, fonts);
#      apt-get runs only when one is missing.
#   2. rapaio-jupyter-kernel (version pinned in pom.xml) from Maven Central, through Maven, into
#      environment/.kernel/ (git-ignored).
#   3. The toolkit jar and its runtime dependencies (./mvnw package), when missing or older than
#      the sources.
#   4. The kernel spec "rqa-java" in environment/.jupyter/kernels/ (git-ignored); with --user also
#      in the user's Jupyter data folder. --ijava also registers "rqa-ijava" for an IJava install.
#
# Options:
#   --user         also install the kernel spec for the current user (jupyter kernelspec install --user),
#                  so any Jupyter finds it without JUPYTER_PATH
#   --xmx SIZE     kernel heap limit, for example 8g (default: half the memory available to the JVM)
#   --djl-online   do not set DJL_OFFLINE=true in the kernel, so DJL may download the CUDA build of
#                  libtorch on a GPU machine
#   --ijava[=JAR]  also register an IJava kernel with the toolkit on IJAVA_CLASSPATH; without JAR
#                  the jar of an installed IJava kernel spec is used
#   --rebuild      rebuild the toolkit even when its jar is up to date
#   -h, --help     show this help
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KERNEL_DIR="$ROOT/environment/.kernel"
JUPYTER_DATA="$ROOT/environment/.jupyter"
KERNEL_NAME="rqa-java"
IJAVA_KERNEL_NAME="rqa-ijava"
TOOLKIT_TARGET="$ROOT/toolkit/target"
LAUNCHER_CLASS="dev.rqa.report.jupyter.KernelLauncher"
DEBIAN_PACKAGES=(jupyter-core jupyter-client jupyter-nbconvert python3-nbclient fontconfig fonts-dejavu-core
                 fonts-wqy-microhei)

USER_INSTALL=0
XMX=""
DJL_OFFLINE=1
IJAVA=0
IJAVA_JAR=""
REBUILD=0

log() { printf '[install] %s\n' "$*"; }
fail() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --user) USER_INSTALL=1 ;;
    --xmx) [ $# -ge 2 ] || fail "--xmx needs a size such as 8g"; XMX="$2"; shift ;;
    --xmx=*) XMX="${1#--xmx=}" ;;
    --djl-online) DJL_OFFLINE=0 ;;
    --ijava) IJAVA=1 ;;
    --ijava=*) IJAVA=1; IJAVA_JAR="${1#--ijava=}" ;;
    --rebuild) REBUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1'; see environment/install.sh --help" ;;
  esac
  shift
done

if [ -n "$XMX" ] && ! [[ "$XMX" =~ ^[0-9]+[kKmMgG]$ ]]; then
  fail "--xmx '$XMX' is not a heap size; use a number with k, m or g, for example 8g"
fi

# ---------------------------------------------------------------------------------------------
# 1. Debian packages

missing_packages() {
  local package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s ' "$package"
    fi
  done
}

install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    command -v jupyter >/dev/null 2>&1 \
      || fail "no dpkg (not Debian) and no 'jupyter' on PATH: install Jupyter with 'pip install jupyterlab nbconvert' or 'conda install -c conda-forge jupyterlab', then run this script again"
    log "not a Debian system; using the jupyter on PATH ($(command -v jupyter))"
    return
  fi

  local missing
  missing="$(missing_packages)"
  missing="${missing% }"
  if [ -z "$missing" ]; then
    log "Debian packages present: ${DEBIAN_PACKAGES[*]}"
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    if command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1; then
      log "WARNING: Debian packages missing: $missing; continuing with the jupyter on PATH ($(command -v jupyter))."
      log "WARNING: without fonts-dejavu-core and a CJK font, plot text may render as empty boxes."
      return
    fi
    fail "Debian packages missing: $missing
  Install them as root:  sudo apt-get install -y --no-install-recommends $missing
  or install Jupyter with pip or conda (see environment/README.md), then run this script again."
  fi

  log "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! apt-get install -y --no-install-recommends $missing; then
    log "apt-get install failed; updating the package lists and trying again"
    apt-get update
    # shellcheck disable=SC2086
    apt-get install -y --no-install-recommends $missing
  fi
}

install_packages
command -v jupyter >/dev/null 2>&1 || fail "'jupyter' is still not on PATH after the package step"

# ---------------------------------------------------------------------------------------------
# Java 17 or later: the kernel, the toolkit and Maven need it.

JAVA_BIN="$(command -v java || true)"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
fi
[ -n "$JAVA_BIN" ] || fail "no java found: install a JDK 17 or later (Debian: apt-get install openjdk-17-jdk-headless)"
JAVA_BIN="$(readlink -f "$JAVA_BIN")"
JAVA_SPEC="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
[ "${JAVA_SPEC%%.*}" -ge 17 ] 2>/dev/null || fail "$JAVA_BIN is Java $JAVA_SPEC; the kernel needs Java 17 or later"
log "Java $JAVA_SPEC at $JAVA_BIN"

# ---------------------------------------------------------------------------------------------
# 2. Kernel jar from Maven Central

KERNEL_VERSION="$(sed -n 's:.*<rapaio-kernel.version>\(.*\)</rapaio-kernel.version>.*:\1:p' "$ROOT/pom.xml")"
[ -n "$KERNEL_VERSION" ] || fail "property rapaio-kernel.version not found in $ROOT/pom.xml"
KERNEL_JAR="$KERNEL_DIR/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"

if [ -f "$KERNEL_JAR" ]; then
  log "kernel jar present: $KERNEL_JAR"
else
  log "fetching io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION through Maven"
  mkdir -p "$KERNEL_DIR"
  (cd "$ROOT" && ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" -DoutputDirectory="$KERNEL_DIR")
  [ -f "$KERNEL_JAR" ] || fail "Maven did not write $KERNEL_JAR"
fi

# ---------------------------------------------------------------------------------------------
# 3. Toolkit jar and runtime dependencies

toolkit_jar() {
  [ -d "$TOOLKIT_TARGET" ] || return 0
  find "$TOOLKIT_TARGET" -maxdepth 1 -name 'rqa-toolkit-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
    | sort | tail -n 1
}

TOOLKIT_JAR="$(toolkit_jar)"
NEEDS_BUILD="$REBUILD"
if [ -z "$TOOLKIT_JAR" ] || [ ! -d "$TOOLKIT_TARGET/lib" ]; then
  NEEDS_BUILD=1
elif [ -n "$(find "$ROOT/toolkit/src/main" "$ROOT/toolkit/pom.xml" "$ROOT/pom.xml" -newer "$TOOLKIT_JAR" -print -quit)" ]; then
  log "toolkit sources are newer than $TOOLKIT_JAR"
  NEEDS_BUILD=1
fi
if [ "$NEEDS_BUILD" -eq 1 ]; then
  log "building the toolkit (./mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  TOOLKIT_JAR="$(toolkit_jar)"
  [ -n "$TOOLKIT_JAR" ] || fail "the build wrote no toolkit jar to $TOOLKIT_TARGET"
else
  log "toolkit jar up to date: $TOOLKIT_JAR"
fi
LIB_DIR="$TOOLKIT_TARGET/lib"

# ---------------------------------------------------------------------------------------------
# 4. Kernel specs

if [ -z "$XMX" ]; then
  # Half the memory available to this JVM, container limits included; libtorch allocates outside the heap.
  HEAP_BYTES="$("$JAVA_BIN" -XX:MaxRAMPercentage=50 -XX:+PrintFlagsFinal -version 2>/dev/null \
    | awk '$2 == "MaxHeapSize" {print $4}')"
  XMX="$(( HEAP_BYTES / 1024 / 1024 ))m"
fi

json_string() {
  local value="$1"
  value="${value//\\/\\\\}"
  value="${value//\"/\\\"}"
  printf '"%s"' "$value"
}

# Writes a file through a temporary file in the same folder, so a reader never sees half of it.
write_atomically() {
  local target="$1" temporary
  mkdir -p "$(dirname "$target")"
  temporary="$(mktemp "$(dirname "$target")/.$(basename "$target").XXXXXX")"
  cat > "$temporary"
  chmod 644 "$temporary"
  mv -f "$temporary" "$target"
}

JVM_OPTIONS=("-Xmx$XMX" "-Djava.awt.headless=true" "-Dfile.encoding=UTF-8")

write_rqa_kernel() {
  local spec="$JUPYTER_DATA/kernels/$KERNEL_NAME/kernel.json"
  local option djl_line=""
  local argv
  argv="$(json_string "$JAVA_BIN")"
  for option in "${JVM_OPTIONS[@]}"; do
    argv="$argv, $(json_string "$option")"
  done
  argv="$argv, \"-cp\", $(json_string "$KERNEL_JAR:$TOOLKIT_JAR:$LIB_DIR/*")"
  argv="$argv, $(json_string "$LAUNCHER_CLASS"), \"{connection_file}\""
  if [ "$DJL_OFFLINE" -eq 1 ]; then
    djl_line="    \"DJL_OFFLINE\": \"true\","
  fi

  write_atomically "$spec" <<EOF
{
  "argv": [$argv],
  "display_name": "Java (rqa toolkit)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
$djl_line
    "RJK_CLASSPATH": $(json_string "$TOOLKIT_JAR;$LIB_DIR/*.jar"),
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_MIMA_CACHE": $(json_string "$KERNEL_DIR/mima_cache")
  },
  "metadata": {
    "rqa": {
      "kernel": "rapaio-jupyter-kernel $KERNEL_VERSION",
      "toolkit_jar": $(json_string "$TOOLKIT_JAR")
    }
  }
}
EOF
  log "kernel spec $KERNEL_NAME written: $spec"
}

find_ijava_jar() {
  local dir
  while read -r dir; do
    [ -f "$dir/kernel.json" ] || continue
    grep -o '"[^"]*ijava[^"]*\.jar"' "$dir/kernel.json" | head -n 1 | tr -d '"' && return 0
  done < <(jupyter kernelspec list 2>/dev/null | awk 'NR > 1 {print $2}')
  return 1
}

write_ijava_kernel() {
  if [ -z "$IJAVA_JAR" ]; then
    IJAVA_JAR="$(find_ijava_jar || true)"
    [ -n "$IJAVA_JAR" ] || fail "--ijava: no installed IJava kernel found; install IJava from its GitHub release (https://github.com/SpencerPark/IJava/releases) or pass --ijava=/path/to/ijava-1.3.0.jar"
  fi
  [ -f "$IJAVA_JAR" ] || fail "--ijava: $IJAVA_JAR does not exist"

  # IJava adds IJAVA_CLASSPATH entries (separated by the path separator) to its JShell class path.
  local classpath="$TOOLKIT_JAR" jar option argv
  for jar in "$LIB_DIR"/*.jar; do
    classpath="$classpath:$jar"
  done
  argv="$(json_string "$JAVA_BIN")"
  for option in "${JVM_OPTIONS[@]}"; do
    argv="$argv, $(json_string "$option")"
  done
  argv="$argv, \"-jar\", $(json_string "$IJAVA_JAR"), \"{connection_file}\""
  local djl_line=""
  if [ "$DJL_OFFLINE" -eq 1 ]; then
    djl_line="    \"DJL_OFFLINE\": \"true\","
  fi

  write_atomically "$JUPYTER_DATA/kernels/$IJAVA_KERNEL_NAME/kernel.json" <<EOF
{
  "argv": [$argv],
  "display_name": "Java (IJava, rqa toolkit)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
$djl_line
    "IJAVA_CLASSPATH": $(json_string "$classpath")
  }
}
EOF
  log "kernel spec $IJAVA_KERNEL_NAME written for $IJAVA_JAR"
}

write_rqa_kernel
if [ "$IJAVA" -eq 1 ]; then
  write_ijava_kernel
fi

if ! JUPYTER_PATH="$JUPYTER_DATA${JUPYTER_PATH:+:$JUPYTER_PATH}" jupyter kernelspec list 2>/dev/null \
    | awk '{print $1}' | grep -qx "$KERNEL_NAME"; then
  fail "jupyter does not list kernel $KERNEL_NAME with JUPYTER_PATH=$JUPYTER_DATA"
fi

if [ "$USER_INSTALL" -eq 1 ]; then
  jupyter kernelspec install --user --replace --name "$KERNEL_NAME" "$JUPYTER_DATA/kernels/$KERNEL_NAME" >/dev/null
  log "kernel spec $KERNEL_NAME installed for user $(id -un)"
  if [ "$IJAVA" -eq 1 ]; then
    jupyter kernelspec install --user --replace --name "$IJAVA_KERNEL_NAME" \
      "$JUPYTER_DATA/kernels/$IJAVA_KERNEL_NAME" >/dev/null
    log "kernel spec $IJAVA_KERNEL_NAME installed for user $(id -un)"
  fi
fi

log "done. Kernel heap -Xmx$XMX, DJL_OFFLINE $([ "$DJL_OFFLINE" -eq 1 ] && echo true || echo unset)."
log "run the notebooks:   environment/run-notebooks.sh"
log "open them in Jupyter: JUPYTER_PATH=$JUPYTER_DATA jupyter lab"
