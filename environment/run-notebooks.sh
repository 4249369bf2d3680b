#!/usr/bin/env bash
# Executes notebooks headless and writes executed notebooks, HTML exports and logs.
#
#   environment/run-notebooks.sh [options] [NOTEBOOK|FOLDER ...]
#
# Without arguments it runs every notebook in notebooks/. Options (see --help): --out DIR,
# --kernel NAME, --cell-timeout S, --startup-timeout S, --notebook-timeout S, --no-html, --fail-fast,
# --report DIR, --no-report. When every notebook passed it collects their tables and plots into
# <out>/report/report.md and report.html.
# Notebook parameters are environment variables (RQA_DATASET, RQA_MODELS, ...); see
# environment/README.md. Exit status: 0 when all passed, 1 when one failed, 2 for invalid arguments.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/toolkit/target"

JAR=""
if [ -d "$TARGET" ]; then
  JAR="$(find "$TARGET" -maxdepth 1 -name 'rqa-toolkit-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
    | sort | tail -n 1)"
fi
if [ -z "$JAR" ] || [ ! -d "$TARGET/lib" ]; then
  echo "run-notebooks: toolkit not built ($TARGET has no rqa-toolkit jar and lib/); run environment/install.sh" >&2
  exit 2
fi

JAVA_BIN="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
fi

# Defaults for the runner; explicit options and variables already set take precedence.
export RQA_JUPYTER_PATH="${RQA_JUPYTER_PATH:-$ROOT/environment/.jupyter}"
export RQA_NOTEBOOK_DIR="${RQA_NOTEBOOK_DIR:-$ROOT/notebooks}"
export RQA_OUT="${RQA_OUT:-$ROOT/notebooks/out}"
# Reports built after a run name this script as the command that regenerates them.
export RQA_NOTEBOOKS_LAUNCHER="environment/run-notebooks.sh"

exec "$JAVA_BIN" -Xmx256m -Dfile.encoding=UTF-8 -cp "$JAR:$TARGET/lib/*" dev.rqa.cli.RqaCli notebooks "$@"
